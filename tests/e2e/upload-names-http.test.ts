import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { afterwards, query, signIn, undoChangesTo, userId } from "../support/e2e-database.ts";
import { HARD_FILE_NAMES } from "../support/file-names.ts";
import { pngImage } from "../support/fixtures.ts";
import { findDocumentId } from "../support/http-session.ts";
import { xlsxRoster } from "../support/rosters.ts";

/**
 * Every upload of the app over plain HTTP against the real server, with the file names people
 * actually give files (";", "=", quotes, emoji, 200 Chinese characters): each is taken, stored
 * and given back under exactly that name — never a 500, never a false "too large". What each test
 * stores (outputs, pictures, documents, their files and audit records, a checked roster kept for
 * confirmation) goes after it, found by the test's own titles and file names.
 */
const baseUrl = inject("baseUrl");
const NOTE = "心理危机早期识别与干预研究笔记（一）";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const cookies: Record<string, string> = {};
const people: Record<string, string> = {};
let documentId: string;
let studioId: string;

beforeAll(async () => {
  for (const who of ["admin", "leader", "backbone"]) {
    cookies[who] = await signIn(who);
    people[who] = await userId(who);
  }
  documentId = await findDocumentId(baseUrl, cookies.leader!, NOTE);
  const page = await (await fetch(`${baseUrl}/documents/${documentId}`, { headers: { Cookie: cookies.leader! } })).text();
  studioId = /\/studios\/([^/"?]+)\/documents/.exec(page)![1]!;
});

/** A multipart POST as a browser sends it (Node's FormData encodes names exactly as browsers do). */
function post(path: string, who: string, form: FormData) {
  return fetch(`${baseUrl}${path}`, { method: "POST", headers: { Cookie: cookies[who]!, Origin: baseUrl }, body: form, redirect: "manual" });
}

/** A roster checked but never confirmed: the app keeps it under imports/ until confirmed or a day old. */
function dropKeptRoster(token: string) {
  for (const ext of ["bin", "json"]) fs.rmSync(path.join(inject("appDataDir"), "imports", `${token}.${ext}`), { force: true });
}

/** Text as React writes it into the page. */
const inHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[char]!);

/** The file name a download announces in its RFC 5987 `filename*`. */
function downloadName(response: Response): string {
  const header = response.headers.get("content-disposition") ?? "";
  const match = /filename\*=UTF-8''([^;\s]+)/i.exec(header);
  if (!match) throw new Error(`no filename* in ${header}`);
  return decodeURIComponent(match[1]!);
}

describe("studio outputs", () => {
  it.each(HARD_FILE_NAMES.map((name, index) => [`${name}.pdf`, index] as const))("stores %j and gives it back under the same name", async (name, index) => {
    const title = `文件名测试成果 ${index}`;
    // The output (with its author), its file and the audit record of its creation go after the test.
    await undoChangesTo("Output", { studioId, title });
    await undoChangesTo("UploadedFile", { uploadedById: people.leader!, name });
    await undoChangesTo("AuditLog", { actorId: people.leader!, action: "output.create", "data.title": title });
    const bytes = new TextEncoder().encode(`%PDF-1.4 成果 ${index}`);
    const form = new FormData();
    for (const [key, value] of Object.entries({ intent: "create", type: "PAPER", title, level: "SCHOOL", date: new Date().toISOString().slice(0, 10), authors: "张明华", description: "" })) form.append(key, value);
    form.append("file", new Blob([bytes], { type: "application/pdf" }), name);
    const response = await post(`/studios/${studioId}/outputs`, "leader", form);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("成果已登记。");

    const page = await (await fetch(`${baseUrl}/studios/${studioId}/outputs`, { headers: { Cookie: cookies.leader! } })).text();
    const link = new RegExp(`${title}</p>[\\s\\S]*?href="(/studios/[^"]+/outputs/[^"]+/file)"`).exec(page);
    expect(link, "the new output's download link").not.toBeNull();
    const download = await fetch(`${baseUrl}${link![1]!}`, { headers: { Cookie: cookies.backbone! } });
    expect(download.status).toBe(200);
    expect(downloadName(download)).toBe(name);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  it("still refuses a file over 20 MB as too large, in Chinese", async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ intent: "create", type: "PAPER", title: "过大的附件", level: "SCHOOL", date: new Date().toISOString().slice(0, 10), authors: "张明华" })) form.append(key, value);
    form.append("file", new Blob([new Uint8Array(20 * 1024 * 1024 + 1)]), "大文件;=.pdf");
    const response = await post(`/studios/${studioId}/outputs`, "leader", form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("20 MB");
  });
});

describe("document images", () => {
  it.each(HARD_FILE_NAMES.map((name) => `${name}.png`))("takes %j and stores it under that name", async (name) => {
    // The picture's row, its link to the note and (once no row refers to it) its file go after the test.
    await undoChangesTo("UploadedFile", { uploadedById: people.backbone!, name });
    const form = new FormData();
    form.append("image", new Blob([new Uint8Array(pngImage(4, 3))], { type: "image/png" }), name);
    const response = await post(`/documents/${documentId}/images`, "backbone", form);
    expect(response.status).toBe(200);
    const image = (await response.json()) as { url: string; width: number };
    expect(image.width).toBe(4);
    const fileId = image.url.split("/").at(-1)!;
    const [row] = await query<{ name: string }>(`SELECT "name" FROM "UploadedFile" WHERE "id" = $1`, [fileId]);
    expect(row?.name).toBe(name);
    expect((await fetch(`${baseUrl}${image.url}`, { headers: { Cookie: cookies.leader! } })).status).toBe(200);
  });
});

describe("document import", () => {
  it("imports Markdown files whatever their names, each titled after its file", async () => {
    // The documents (with their authors) and the audit records of their import go after the test.
    const titles = HARD_FILE_NAMES.map((name) => name.slice(0, 120));
    await undoChangesTo("Document", { studioId, title: titles });
    await undoChangesTo("AuditLog", { actorId: people.backbone!, action: "document.create", "data.importedFrom": HARD_FILE_NAMES.map((name) => `${name}.md`) });
    const form = new FormData();
    form.append("type", "RESEARCH_NOTE");
    for (const name of HARD_FILE_NAMES) form.append("files", new Blob([`没有标题的正文：${name.length}\n`], { type: "text/markdown" }), `${name}.md`);
    const response = await post(`/studios/${studioId}/documents/import`, "backbone", form);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`已导入 ${HARD_FILE_NAMES.length} 个文件。`);
    for (const title of titles) expect(html).toContain(inHtml(title));
    const [count] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Document" WHERE "studioId" = $1 AND "title" = ANY($2)`, [studioId, titles]);
    expect(count?.n).toBe(HARD_FILE_NAMES.length);
  });
});

describe("roster and mentor imports", () => {
  it.each(HARD_FILE_NAMES.map((name) => `${name}.xlsx`))("checks a roster named %j and names it in the result", async (name) => {
    const roster = await xlsxRoster([
      ["工号", "姓名", "学院", "辅导员工作起始日期", "职称", "专长职责"],
      ["UPNAME01", "文件名", "文学院", "2025-09-01", "助教", ""],
    ]);
    const form = new FormData();
    form.append("intent", "check");
    form.append("file", new Blob([new Uint8Array(roster)], { type: XLSX }), name);
    const response = await post("/people/import", "admin", form);
    const html = await response.text();
    // A roster that passes is kept for the confirmation the test does not give: dropped afterwards.
    const token = /name="token" value="([0-9a-f-]{36})"/.exec(html)?.[1];
    if (token) afterwards(`drop the kept roster ${token}`, async () => dropKeptRoster(token));
    expect(response.status).toBe(200);
    expect(html).toContain("文件检查通过，可以导入。");
    expect(html).toContain(inHtml(name));
    expect(token, "the confirmation form's token").toBeDefined();
  });

  it.each(HARD_FILE_NAMES.map((name) => `${name}.xlsx`))("reads a mentor list named %j", async (name) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("导师");
    sheet.addRow(["类型", "工号/账号", "姓名", "单位", "主要职责"]);
    sheet.addRow(["校外", "upname_mentor", "文件名导师", "省高校辅导员培训和研修基地", "学风建设"]);
    const form = new FormData();
    form.append("intent", "check");
    form.append("file", new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())], { type: XLSX }), name);
    const response = await post("/mentors/import", "admin", form);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("upname_mentor");
  });
});
