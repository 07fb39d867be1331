import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { action as importAction, loader as importLoader } from "~/routes/training.import.tsx";
import { loader as ledgerExport } from "~/routes/training.ledger[.]xlsx.tsx";
import { loader as catalogueExport } from "~/routes/training.catalogue[.]xlsx.tsx";
import { buildCollege, buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser, cookieFor } from "../../tests/support/signed-in.ts";
import { CATALOGUE_COLUMNS } from "./catalogue-io.server.ts";
import { HOURS_COLUMNS } from "./hours-import.server.ts";
import { setBudget } from "./organisers.server.ts";

/**
 * /training/import (catalogue and external platform hours), the ledger and catalogue exports:
 * a file with bad rows is refused with every problem in Chinese and nothing is written; a good
 * one is written whole; people who must not are refused.
 */

const YEAR = new Date().getUTCFullYear();

async function xlsx(headers: string[], rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sheet1");
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type ImportReply = { status: string; error?: string; notice?: string; data?: { token: string }; details?: { issues: string[] } };

/** Posts to /training/import as `user`: a file (multipart, the way the page's form does) or a plain form. */
async function post(user: { username: string }, body: FormData | URLSearchParams) {
  const request = new Request("http://localhost/training/import", { method: "POST", headers: { Cookie: await cookieFor(user.username) }, body });
  try {
    const result = (await importAction({ request, params: {}, context: {} } as never)) as { data: ImportReply; init: { status?: number } | null };
    return { status: result.init?.status ?? 200, reply: result.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, reply: null };
    throw thrown;
  }
}

/** Uploads a file, and when its check passes, confirms the import as the page's second button does. */
async function upload(user: { username: string }, intent: "catalogue" | "hours", body: Buffer) {
  const form = new FormData();
  form.set("intent", intent);
  form.set("file", new File([new Uint8Array(body)], "导入.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const checked = await post(user, form);
  if (checked.status !== 200 || !checked.reply?.data) return checked;
  const confirm = new URLSearchParams({ intent: intent === "catalogue" ? "confirmCatalogue" : "confirmHours", token: checked.reply.data.token });
  return post(user, confirm);
}

async function readWorkbook(response: Response | null) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response!.arrayBuffer()) as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

const catalogueHeader = CATALOGUE_COLUMNS.map((c) => c.header);
const catalogueRow = (values: Partial<Record<(typeof CATALOGUE_COLUMNS)[number]["key"], string | number>>) => CATALOGUE_COLUMNS.map((c) => values[c.key] ?? null);

describe("catalogue import", () => {
  it("refuses a file with bad rows, naming each row and column in Chinese, and writes nothing", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const title = unique("导入坏行");
    const file = await xlsx(catalogueHeader, [
      catalogueRow({ title, platform: "专题培训", level: "校级", year: YEAR, startsAt: `${YEAR}-12-10 14:00`, endsAt: `${YEAR}-12-10 17:00`, hours: 3 }),
      catalogueRow({ title: `${title}二`, platform: "不存在的平台", level: "校级", year: YEAR }),
      catalogueRow({ title: `${title}三`, platform: "专题培训", level: "省级", year: YEAR }),
      catalogueRow({ title: `${title}四`, platform: "专题培训", level: "校级", year: YEAR, startsAt: `${YEAR}-12-10 17:00`, endsAt: `${YEAR}-12-10 14:00`, hours: 3 }),
      catalogueRow({ title: `${title}五`, platform: "专题培训", level: "校级", year: YEAR, capacity: "很多" }),
    ]);
    const { status, reply } = await upload(admin, "catalogue", file);
    expect(status).toBe(422);
    expect(reply!.error).toBe("文件中有 4 处问题，未导入任何内容。请修改后重新上传：");
    expect(reply!.details!.issues).toEqual([
      "第 3 行「培训平台」：没有名为“不存在的平台”的培训平台。",
      "第 4 行「级别」：级别须为“校级”或“院级”。",
      "第 5 行「场次结束」：结束时间必须晚于开始时间。",
      "第 6 行「名额」：“很多”不是有效的数字。",
    ]);
    expect(await prisma.trainingCourse.count({ where: { title: { startsWith: title } } })).toBe(0);
  });

  it("refuses the whole file when a service rule refuses one course (over budget), writing nothing", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const title = unique("预算");
    const year = 2091;
    await setBudget({ level: "SCHOOL" }, { year, amountYuan: 1000 }, admin.id);
    const file = await xlsx(catalogueHeader, [
      catalogueRow({ title: `${title}甲`, platform: "专题培训", level: "校级", year, costYuan: 800 }),
      catalogueRow({ title: `${title}乙`, platform: "专题培训", level: "校级", year, costYuan: 800 }),
    ]);
    const { status, reply } = await upload(admin, "catalogue", file);
    expect(status).toBe(422);
    expect(reply!.details!.issues[0]).toBe("第 3 行：超出2091年的专项经费：预算 1000 元，已安排 800 元，本项目 800 元。");
    expect(await prisma.trainingCourse.count({ where: { title: { startsWith: title } } })).toBe(0);
  });

  it("imports drafts with their sessions (rows of one course grouped), and exports them again in the same columns", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const title = unique("导入好行");
    const file = await xlsx(catalogueHeader, [
      catalogueRow({ title, platform: "专题培训", level: "校级", year: YEAR, duties: "网络思想政治教育", stages: "初任期", targetKind: "规定", speaker: "王老师", speakerKind: "请进来", capacity: 30, startsAt: `${YEAR}-12-10 14:00`, endsAt: `${YEAR}-12-10 17:00`, place: "报告厅", hours: 3 }),
      catalogueRow({ title, platform: "专题培训", level: "校级", year: YEAR, startsAt: `${YEAR}-12-11 14:00`, endsAt: `${YEAR}-12-11 16:00`, place: "报告厅", hours: 2 }),
    ]);
    const { status, reply } = await upload(admin, "catalogue", file);
    expect(status).toBe(200);
    expect(reply!.notice).toBe("已导入 1 条。");
    const course = await prisma.trainingCourse.findFirstOrThrow({ where: { title }, include: { sessions: { orderBy: { startsAt: "asc" } }, targets: true } });
    expect(course.status).toBe("DRAFT");
    expect(Number(course.hours)).toBe(5);
    expect(course.speakerKind).toBe("INVITED");
    expect(course.duties).toEqual(["ONLINE_EDUCATION"]);
    expect(course.targets.map((t) => [t.stage, t.kind])).toEqual([["NOVICE", "REQUIRED"]]);
    expect(course.sessions[0]!.startsAt.toISOString()).toBe(`${YEAR}-12-10T06:00:00.000Z`);

    const exported = await asUser(admin.username, catalogueExport, "/training/catalogue.xlsx");
    const rows = await readWorkbook(exported.response);
    expect(rows[0]![0]).toBe("培训名称*");
    const mine = rows.filter((row) => row[0] === title);
    expect(mine.map((row) => [row[16], row[20]])).toEqual([[`${YEAR}-12-10 14:00`, "3"], [`${YEAR}-12-11 14:00`, "2"]]);
  });

  it("refuses a college admin a school course and another college's course, row by row; counselors may not open the page", async () => {
    const college = await buildCollege();
    const other = await buildCollege();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const title = unique("越权");
    const file = await xlsx(catalogueHeader, [
      catalogueRow({ title, platform: "专题培训", level: "校级", year: YEAR }),
      catalogueRow({ title: `${title}乙`, platform: "专题培训", level: "院级", organiser: other.name, year: YEAR }),
    ]);
    const { status, reply } = await upload(collegeAdmin, "catalogue", file);
    expect(status).toBe(422);
    expect(reply!.details!.issues).toEqual([`第 2 行「级别」：你不能为“学校”组织培训。`, `第 3 行「组织学院或联合培训组」：你不能为“${other.name}”组织培训。`]);
    expect(await prisma.trainingCourse.count({ where: { title: { startsWith: title } } })).toBe(0);

    const counselor = await buildUser();
    expect((await asUser(counselor.username, importLoader, "/training/import")).status).toBe(403);
    expect((await upload(counselor, "catalogue", file)).status).toBe(403);
  });

  it("answers a missing file with 400 and the Chinese message", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const form = new FormData();
    form.set("intent", "hours");
    form.set("file", new File([], ""));
    const request = new Request("http://localhost/training/import", { method: "POST", headers: { Cookie: await cookieFor(admin.username) }, body: form });
    const result = (await importAction({ request, params: {}, context: {} } as never)) as { data: { form: { error: Record<string, string[]> } }; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(result.data.form.error.file).toEqual(["请选择要导入的 .xlsx 文件。"]);
  });
});

describe("external platform hours import", () => {
  const hoursHeader = HOURS_COLUMNS.map((c) => c.header);

  it("refuses bad rows in Chinese and writes no ledger entry; a college admin only for their own college", async () => {
    const college = await buildCollege();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const mine = await buildUser({ college });
    const theirs = await buildUser();
    const file = await xlsx(hoursHeader, [
      [mine.username, mine.name, "网络培训甲", "线上培训", 8, `${YEAR}-03-01`, null],
      [theirs.username, theirs.name, "网络培训乙", "线上培训", 8, `${YEAR}-03-01`, null],
      ["nobody-here", "", "网络培训丙", "线上培训", 8, `${YEAR}-03-01`, null],
      [mine.username, mine.name, "网络培训丁", "线上培训", 0.25, `${YEAR}-02-30`, null],
    ]);
    const { status, reply } = await upload(collegeAdmin, "hours", file);
    expect(status).toBe(422);
    expect(reply!.details!.issues).toEqual([
      `第 3 行「工号」：“${theirs.username}”不是你可以登记学时的人员。`,
      "第 4 行「工号」：没有工号为“nobody-here”的人员。",
      "第 5 行「学时」：学时须为 0.5 到 200 之间、最多一位小数的数。",
      `第 5 行「完成日期」：“${YEAR}-02-30”不是有效的日期时间（如 2026-12-10 14:00）。`,
    ]);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: { in: [mine.id, theirs.id] } } })).toBe(0);
  });

  it("writes every row as an IMPORT entry in one go, and refuses the same platform records a second time", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const [a, b] = [await buildUser(), await buildUser()];
    const record = unique("WL");
    const file = await xlsx(hoursHeader, [
      [a.username, a.name, "网络培训：谈心谈话", "线上培训", 8, `${YEAR}-03-01`, `${record}-1`],
      [b.username, b.name, "国家级示范培训", "国家级培训", 16.5, `${YEAR}-04-02`, `${record}-2`],
    ]);
    const first = await upload(admin, "hours", file);
    expect(first.status).toBe(200);
    expect(first.reply!.notice).toBe("已导入 2 条。");
    const entries = await prisma.trainingHoursEntry.findMany({ where: { userId: { in: [a.id, b.id] } }, orderBy: { hours: "asc" } });
    expect(entries.map((e) => [e.userId, Number(e.hours), e.source, e.year, e.nationalOrProvincial, e.schoolLevel])).toEqual([
      [a.id, 8, "IMPORT", YEAR, false, false],
      [b.id, 16.5, "IMPORT", YEAR, true, true],
    ]);
    const again = await upload(admin, "hours", file);
    expect(again.status).toBe(422);
    expect(again.reply!.details!.issues[0]).toBe(`第 2 行「平台记录号」：该记录已导入过（平台记录号“${record}-1”）。`);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: { in: [a.id, b.id] } } })).toBe(2);
  });
});

describe("ledger export", () => {
  async function withEntry(person: BuiltUser, title: string) {
    await prisma.trainingHoursEntry.create({ data: { userId: person.id, year: YEAR, hours: 4, source: "IMPORT", sourceId: unique("batch"), title } });
  }

  it("gives a person their own, a college admin their college's, 学工部 the school's; refuses anyone else", async () => {
    const college = await buildCollege();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const person = await buildUser({ college });
    const stranger = await buildUser();
    const admin = await buildUser({ roles: ["ADMIN"] });
    const title = unique("台账导出");
    await withEntry(person, title);
    await withEntry(stranger, `${title}-外院`);

    const own = await readWorkbook((await asUser(person.username, ledgerExport, `/training/ledger.xlsx?user=${person.id}`)).response);
    expect(own[0]!.slice(0, 5)).toEqual(["工号", "姓名", "学院", "年度", "培训名称"]);
    expect(own.slice(1).map((row) => row[4])).toEqual([title]);

    const collegeRows = await readWorkbook((await asUser(collegeAdmin.username, ledgerExport, `/training/ledger.xlsx?college=${college.id}`)).response);
    expect(collegeRows.slice(1).map((row) => row[4])).toEqual([title]);

    const school = await readWorkbook((await asUser(admin.username, ledgerExport, "/training/ledger.xlsx")).response);
    expect(school.map((row) => row[4])).toEqual(expect.arrayContaining([title, `${title}-外院`]));

    expect((await asUser(stranger.username, ledgerExport, `/training/ledger.xlsx?user=${person.id}`)).status).toBe(403);
    expect((await asUser(collegeAdmin.username, ledgerExport, `/training/ledger.xlsx?user=${stranger.id}`)).status).toBe(403);
    expect((await asUser(collegeAdmin.username, ledgerExport, "/training/ledger.xlsx")).status).toBe(403);
    expect((await asUser(person.username, ledgerExport, `/training/ledger.xlsx?college=${college.id}`)).status).toBe(403);
  });
});
