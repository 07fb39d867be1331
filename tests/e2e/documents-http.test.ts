import { beforeAll, describe, expect, inject, it } from "vitest";
import { pngImage } from "../support/fixtures.ts";
import { signIn, undoChangesTo, userId } from "../support/e2e-database.ts";
import { findDocumentId } from "../support/http-session.ts";

/**
 * The document pages over plain HTTP against the real server, as a browser without JavaScript
 * (or a curious person with curl) would use them: who may open, export, upload and import, and
 * what bad input gets back.
 */
const baseUrl = inject("baseUrl");
const NOTE = "心理危机早期识别与干预研究笔记（一）";
const cookies: Record<string, string> = {};
let documentId: string;
let studioId: string;

beforeAll(async () => {
  // Signed out again after the file (tests/setup/e2e-file.ts).
  for (const who of ["admin", "college", "leader", "backbone", "counselor", "mentor"]) cookies[who] = await signIn(who);
  documentId = await findDocumentId(baseUrl, cookies.leader!, NOTE);
  const page = await (await fetch(`${baseUrl}/documents/${documentId}`, { headers: { Cookie: cookies.leader! } })).text();
  studioId = /\/studios\/([^/"?]+)\/documents/.exec(page)![1]!;
});

const get = (path: string, who: string | null) => fetch(`${baseUrl}${path}`, { headers: who ? { Cookie: cookies[who]! } : {}, redirect: "manual" });

describe("opening a document", () => {
  it.each([
    ["the leader", "leader"],
    ["a backbone member", "backbone"],
    ["the studio's mentor", "mentor"],
    ["学工部", "admin"],
  ])("shows it to %s", async (_label, who) => {
    const response = await get(`/documents/${documentId}`, who);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(NOTE);
  });

  it.each([
    ["a counselor of another studio", "counselor"],
    ["a college admin who is not a member", "college"],
  ])("refuses %s without showing the text", async (_label, who) => {
    const response = await get(`/documents/${documentId}`, who);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(NOTE);
  });

  it("sends an anonymous visitor to the login page", async () => {
    const response = await get(`/documents/${documentId}`, null);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/login");
  });

  it("answers 404 for a document that does not exist", async () => {
    expect((await get(`/documents/no-such-document`, "leader")).status).toBe(404);
  });
});

describe("export", () => {
  it("gives a reader Word, PDF, Markdown and HTML files of the document", async () => {
    const docx = await get(`/documents/${documentId}/export/docx`, "mentor");
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("officedocument.wordprocessingml");
    expect(decodeURIComponent(docx.headers.get("content-disposition") ?? "")).toContain(".docx");
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");

    const md = await get(`/documents/${documentId}/export/md`, "mentor");
    expect(md.status).toBe(200);
    expect(await md.text()).toContain(`# ${NOTE}`);

    const html = await get(`/documents/${documentId}/export/html`, "admin");
    expect(html.status).toBe(200);
    expect(await html.text()).toContain(`<title>${NOTE}</title>`);

    const pdf = await get(`/documents/${documentId}/export/pdf`, "backbone");
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);

  it("refuses outsiders and unknown formats", async () => {
    expect([403, 404]).toContain((await get(`/documents/${documentId}/export/docx`, "counselor")).status);
    expect([403, 404]).toContain((await get(`/documents/${documentId}/export/md`, "college")).status);
    expect((await get(`/documents/${documentId}/export/exe`, "leader")).status).toBe(404);
  });
});

describe("image upload", () => {
  const upload = (who: string, file: Blob, name: string) => {
    const form = new FormData();
    form.append("image", file, name);
    return fetch(`${baseUrl}/documents/${documentId}/images`, { method: "POST", headers: { Cookie: cookies[who]! }, body: form });
  };

  it("stores a PNG from an editor and serves it to readers only", async () => {
    // The upload (its row, its link to the note and the file on disk) goes after the test.
    await undoChangesTo("UploadedFile", { name: "访谈现场.png" });
    const response = await upload("backbone", new Blob([new Uint8Array(pngImage(8, 6))], { type: "image/png" }), "访谈现场.png");
    expect(response.status).toBe(200);
    const image = (await response.json()) as { url: string; width: number; height: number };
    expect(image).toMatchObject({ width: 8, height: 6 });
    const served = await get(image.url, "mentor");
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect([403, 404]).toContain((await get(image.url, "counselor")).status);
  });

  it("refuses a file that is not a picture, in Chinese", async () => {
    const response = await upload("leader", new Blob(["<script>alert(1)</script>"], { type: "image/png" }), "假图片.png");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses readers: the mentor cannot add pictures", async () => {
    const response = await upload("mentor", new Blob([new Uint8Array(pngImage())], { type: "image/png" }), "a.png");
    expect(response.status).toBe(403);
  });
});

describe("new documents and import without JavaScript", () => {
  it("explains a missing title in Chinese and keeps the page", async () => {
    const response = await fetch(`${baseUrl}/studios/${studioId}/documents`, {
      method: "POST",
      headers: { Cookie: cookies.leader! },
      body: new URLSearchParams({ intent: "create", title: "", type: "RESEARCH_NOTE" }),
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("标题");
  });

  it("imports a Markdown file through the upload page and reports each file", async () => {
    await undoChangesTo("Document", { title: "第五次例会纪要" });
    await undoChangesTo("AuditLog", { actorId: await userId("backbone"), action: "document.create" });
    const form = new FormData();
    form.append("intent", "import");
    form.append("type", "MEETING_MINUTES");
    form.append("files", new Blob(["# 第五次例会纪要\n\n- 议题一：学风建设\n"], { type: "text/markdown" }), "例会.md");
    form.append("files", new Blob(["not a document"], { type: "application/octet-stream" }), "数据.xlsx");
    const response = await fetch(`${baseUrl}/studios/${studioId}/documents/import`, { method: "POST", headers: { Cookie: cookies.backbone! }, body: form });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("第五次例会纪要");
    expect(html).toContain("数据.xlsx");
    const list = await (await get(`/studios/${studioId}/documents`, "leader")).text();
    expect(list).toContain("第五次例会纪要");
  });

  it("refuses imports and new documents from people who are not members", async () => {
    for (const who of ["mentor", "counselor", "college"]) {
      const form = new FormData();
      form.append("intent", "import");
      form.append("type", "RESEARCH_NOTE");
      form.append("files", new Blob(["# 越权\n"], { type: "text/markdown" }), "x.md");
      const response = await fetch(`${baseUrl}/studios/${studioId}/documents/import`, { method: "POST", headers: { Cookie: cookies[who]! }, body: form });
      expect([403, 404], who).toContain(response.status);
      const create = await fetch(`${baseUrl}/studios/${studioId}/documents`, {
        method: "POST",
        headers: { Cookie: cookies[who]! },
        body: new URLSearchParams({ intent: "create", title: "越权文档", type: "RESEARCH_NOTE" }),
        redirect: "manual",
      });
      expect([403, 404], who).toContain(create.status);
    }
  });
});
