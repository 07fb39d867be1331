import fs from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser, cookieFor } from "../../tests/support/signed-in.ts";
import { addSession, createCourse, publishCourse, ROSTER_PAGE_SIZE } from "./catalogue.server.ts";
import { HOURS_COLUMNS, importHours } from "./hours-import.server.ts";
import { trainingYear } from "./ledger.server.ts";
import { courseSchema, sessionSchema } from "./schemas.ts";

/**
 * Loose ends of the training pages: a session changed in place (same rules as adding one, people
 * told), the import checked and previewed before anything is written, one platform record
 * imported once even by two imports at once, a withdrawn record's evidence file removed, long
 * rosters a page at a time, an empty menu that says what to do.
 */
type Route = { loader: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };
let edit: Route;
let roster: Route;
let screen: Route;
let importPage: Route;
let external: Route;
let menu: Route;
let admin: BuiltUser;
const YEAR = trainingYear(new Date());
type Reply = { status: string; notice?: string; error?: string; data?: unknown; details?: { issues?: string[] }; form?: { error?: Record<string, string[]> } };
const reply = (response: { data: unknown }) => response.data as Reply;
const platformId = async (code: string) => (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code } })).id;

beforeAll(async () => {
  [edit, roster, screen, importPage, external, menu] = (await Promise.all([
    import("~/routes/training.courses.$courseId_.edit.tsx"),
    import("~/routes/training.courses.$courseId_.roster.tsx"),
    import("~/routes/training.sessions.$sessionId.check-in.tsx"),
    import("~/routes/training.import.tsx"),
    import("~/routes/training.external.tsx"),
    import("~/routes/training._index.tsx"),
  ])) as unknown as [Route, Route, Route, Route, Route, Route];
  admin = await buildUser({ roles: ["ADMIN"] });
}, 120_000);

/** A published school course with sessions on the given days from now (14:00–16:00 UTC, 2 hours each). */
async function publishedCourse(days: number[]) {
  const id = await createCourse(courseSchema.parse({ title: unique("场次课程"), platformId: await platformId("LECTURE"), level: "SCHOOL", year: YEAR }), admin.id);
  const sessionIds = [];
  for (const day of days) {
    const start = new Date(Date.now() + day * 86_400_000);
    start.setUTCHours(6, 0, 0, 0);
    sessionIds.push(await addSession(id, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 2 * 3_600_000), place: "行政楼 201", hours: 2 }), admin.id));
  }
  await publishCourse(id, admin.id);
  return { id, sessionIds };
}

/** A school-time datetime-local value (UTC+8) for an instant. */
const local = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

describe("changing a session in place (/training/courses/:id/edit)", () => {
  it("moves it, keeps the course's hours right and tells everyone enrolled or waiting where it now is", async () => {
    const course = await publishedCourse([10, 20]);
    const [seated, waiting, gone] = [await buildUser(), await buildUser(), await buildUser()];
    await prisma.trainingEnrolment.createMany({
      data: [
        { courseId: course.id, userId: seated.id, status: "ENROLLED", source: "SELF" },
        { courseId: course.id, userId: waiting.id, status: "WAITLISTED", source: "SELF" },
        { courseId: course.id, userId: gone.id, status: "WITHDRAWN", source: "SELF" },
      ],
    });
    const start = new Date(Date.now() + 12 * 86_400_000);
    start.setUTCHours(2, 0, 0, 0);
    const url = `/training/courses/${course.id}/edit`;
    const changed = await asUser(admin.username, edit.action!, url, {
      params: { courseId: course.id },
      form: { intent: "updateSession", sessionId: course.sessionIds[0]!, startsAt: local(start), endsAt: local(new Date(start.getTime() + 3 * 3_600_000)), place: "图书馆报告厅", onlineUrl: "https://meeting.example.cn/123", hours: "3" },
    });
    expect(changed.status).toBe(302);
    expect(changed.response?.headers.get("Location")).toBe(`${url}?sessionSaved=1`);
    const session = await prisma.trainingSession.findUniqueOrThrow({ where: { id: course.sessionIds[0]! } });
    expect([session.startsAt.toISOString(), session.place, session.onlineUrl, Number(session.hours)]).toEqual([start.toISOString(), "图书馆报告厅", "https://meeting.example.cn/123", 3]);
    expect(Number((await prisma.trainingCourse.findUniqueOrThrow({ where: { id: course.id } })).hours)).toBe(5);
    const notices = await prisma.notification.findMany({ where: { type: "training.more.sessionMoved", link: `/training/courses/${course.id}` }, orderBy: { userId: "asc" } });
    expect(notices.map((n) => n.userId).sort()).toEqual([seated.id, waiting.id].sort());
    expect(notices[0]!.data).toMatchObject({ place: "图书馆报告厅" });

    // The page opens the form for the session named in the address, and says when one was saved.
    const page = (await asUser(admin.username, edit.loader, `${url}?session=${course.sessionIds[1]}&sessionSaved=1`, { params: { courseId: course.id } })).data as { editingSessionId: string; sessionSaved: boolean };
    expect(page).toMatchObject({ editingSessionId: course.sessionIds[1], sessionSaved: true });
  });

  it("refuses an overlap, an end before the start and a session with check-ins, in Chinese, changing nothing; a counselor may not", async () => {
    const course = await publishedCourse([10, 11]);
    const [first, second] = await prisma.trainingSession.findMany({ where: { courseId: course.id }, orderBy: { startsAt: "asc" } });
    const url = `/training/courses/${course.id}/edit`;
    const params = { courseId: course.id };
    const post = (user: string, form: Record<string, string>) => asUser(user, edit.action!, url, { params, form: { intent: "updateSession", place: "行政楼 201", hours: "2", ...form } });

    const overlap = await post(admin.username, { sessionId: first!.id, startsAt: local(second!.startsAt), endsAt: local(second!.endsAt) });
    expect(overlap.status).toBe(400);
    expect(reply(overlap).error).toMatch(/^该场次与已有场次（.+ 开始）时间重叠。$/);
    const backwards = await post(admin.username, { sessionId: first!.id, startsAt: local(first!.endsAt), endsAt: local(first!.startsAt) });
    expect(backwards.status).toBe(400);
    expect(reply(backwards).form?.error?.endsAt).toEqual(["结束时间必须晚于开始时间。"]);

    const counselor = await buildUser();
    expect((await post(counselor.username, { sessionId: first!.id, startsAt: local(first!.startsAt), endsAt: local(first!.endsAt) })).status).toBe(403);
    // A session of another course is not found through this one.
    const other = await publishedCourse([30]);
    expect((await post(admin.username, { sessionId: other.sessionIds[0]!, startsAt: local(first!.startsAt), endsAt: local(first!.endsAt) })).status).toBe(404);

    await prisma.trainingAttendance.create({ data: { sessionId: first!.id, userId: counselor.id, method: "MANUAL", recordedById: admin.id } });
    const attended = await post(admin.username, { sessionId: first!.id, startsAt: local(new Date(first!.startsAt.getTime() + 3_600_000)), endsAt: local(new Date(first!.endsAt.getTime() + 3_600_000)) });
    expect(attended.status).toBe(409);
    expect(reply(attended).error).toBe("该场次已有签到记录，不能删除或改期。");
    expect(await prisma.trainingSession.findUniqueOrThrow({ where: { id: first!.id } })).toEqual(first);
  });
});

async function xlsx(headers: string[], rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sheet1");
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Posts a file to /training/import as `user`, as the page's form does (the check step). */
async function check(user: BuiltUser, intent: "catalogue" | "hours", body: Buffer) {
  const form = new FormData();
  form.set("intent", intent);
  form.set("file", new File([new Uint8Array(body)], "学时.xlsx"));
  const request = new Request("http://localhost/training/import", { method: "POST", headers: { Cookie: await cookieFor(user.username) }, body: form });
  const result = (await importPage.action!({ request, params: {}, context: {} } as never)) as { data: Reply; init: { status?: number } | null };
  return { status: result.init?.status ?? 200, reply: result.data };
}

describe("the import preview (/training/import)", () => {
  const hoursHeader = HOURS_COLUMNS.map((c) => c.header);

  it("checks a file and lists what it will write without writing it; only the confirmation imports, once", async () => {
    const [a, b] = [await buildUser(), await buildUser()];
    const record = unique("PV");
    const file = await xlsx(hoursHeader, [
      [a.username, a.name, "网络培训：预览甲", "线上培训", 8, `${YEAR}-03-01`, `${record}-1`],
      [b.username, b.name, "网络培训：预览乙", "线上培训", 4.5, `${YEAR}-03-02`, null],
    ]);
    const checked = await check(admin, "hours", file);
    expect(checked.status).toBe(200);
    const preview = checked.reply.data as { kind: string; token: string; entries: number; rows: Array<{ line: number; username: string; title: string; hours: number }> };
    expect(preview).toMatchObject({ kind: "hours", entries: 2 });
    expect(preview.rows.map((r) => [r.line, r.username, r.title, r.hours])).toEqual([
      [2, a.username, "网络培训：预览甲", 8],
      [3, b.username, "网络培训：预览乙", 4.5],
    ]);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: { in: [a.id, b.id] } } })).toBe(0);

    // Someone else cannot import another person's checked file.
    const otherAdmin = await buildUser({ roles: ["ADMIN"] });
    const stolen = await asUser(otherAdmin.username, importPage.action!, "/training/import", { form: { intent: "confirmHours", token: preview.token } });
    expect(stolen.status).toBe(410);
    expect(reply(stolen).error).toBe("检查过的文件已失效，请重新上传。");

    const confirmed = await asUser(admin.username, importPage.action!, "/training/import", { form: { intent: "confirmHours", token: preview.token } });
    expect(reply(confirmed)).toMatchObject({ status: "success", notice: "已导入 2 条。" });
    expect(await prisma.trainingHoursEntry.count({ where: { userId: { in: [a.id, b.id] } } })).toBe(2);
    // The kept file is used up.
    expect((await asUser(admin.username, importPage.action!, "/training/import", { form: { intent: "confirmHours", token: preview.token } })).status).toBe(410);
  });

  it("shows the row errors of a bad file and keeps nothing to confirm", async () => {
    const file = await xlsx(hoursHeader, [["nobody-here", "", "网络培训", "线上培训", 8, `${YEAR}-03-01`, null]]);
    const checked = await check(admin, "hours", file);
    expect(checked.status).toBe(422);
    expect(checked.reply.details!.issues).toEqual(["第 2 行「工号」：没有工号为“nobody-here”的人员。"]);
    expect(checked.reply.data).toBeUndefined();
  });

  it("previews a catalogue file with the services' own rules, creating nothing until confirmed", async () => {
    const title = unique("预览课程");
    const { CATALOGUE_COLUMNS } = await import("./catalogue-io.server.ts");
    const row = (values: Record<string, string | number>) => CATALOGUE_COLUMNS.map((c) => values[c.key] ?? null);
    const base = { title, platform: "专题培训", level: "校级", year: YEAR, hours: 2, place: "行政楼 201" };
    const overlapping = await xlsx(CATALOGUE_COLUMNS.map((c) => c.header), [
      row({ ...base, startsAt: `${YEAR + 1}-03-10 14:00`, endsAt: `${YEAR + 1}-03-10 16:00` }),
      row({ ...base, startsAt: `${YEAR + 1}-03-10 15:00`, endsAt: `${YEAR + 1}-03-10 17:00` }),
    ]);
    const refused = await check(admin, "catalogue", overlapping);
    expect(refused.status).toBe(422);
    expect(refused.reply.details!.issues![0]).toMatch(/^第 3 行：该场次与已有场次/);

    const good = await xlsx(CATALOGUE_COLUMNS.map((c) => c.header), [
      row({ ...base, startsAt: `${YEAR + 1}-03-10 14:00`, endsAt: `${YEAR + 1}-03-10 16:00` }),
      row({ ...base, startsAt: `${YEAR + 1}-03-11 14:00`, endsAt: `${YEAR + 1}-03-11 16:00` }),
    ]);
    const checked = await check(admin, "catalogue", good);
    const preview = checked.reply.data as { token: string; courses: number; sessions: number; rows: Array<{ title: string; sessions: number }> };
    expect(preview).toMatchObject({ courses: 1, sessions: 2, rows: [{ title, sessions: 2 }] });
    expect(await prisma.trainingCourse.count({ where: { title } })).toBe(0);
    const confirmed = await asUser(admin.username, importPage.action!, "/training/import", { form: { intent: "confirmCatalogue", token: preview.token } });
    expect(reply(confirmed).notice).toBe("已导入 1 条。");
    expect(await prisma.trainingSession.count({ where: { course: { title } } })).toBe(2);
  });
});

describe("one platform record is imported once", () => {
  it("two imports of the same file at once write its entries once; the other is told which rows", async () => {
    const people = [await buildUser(), await buildUser(), await buildUser()];
    const record = unique("RACE");
    const file = await xlsx(
      HOURS_COLUMNS.map((c) => c.header),
      people.map((p, i) => [p.username, p.name, "网络培训：并发", "线上培训", 2, `${YEAR}-05-0${i + 1}`, `${record}-${i}`]),
    );
    const results = await Promise.all([importHours(admin, file, "a.xlsx"), importHours(admin, file, "b.xlsx")]);
    expect(results.map((r) => r.entries).sort()).toEqual([0, 3]);
    const refused = results.find((r) => r.entries === 0)!;
    expect(refused.issues.map((i) => [i.line, i.message])).toEqual([
      [2, "training.io.errors.alreadyImported"],
      [3, "training.io.errors.alreadyImported"],
      [4, "training.io.errors.alreadyImported"],
    ]);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: { in: people.map((p) => p.id) } } })).toBe(3);
  });

  it("the database itself refuses a second entry for the same platform record", async () => {
    const person = await buildUser();
    const importRecord = `ONLINE:${unique("DB")}`;
    const entry = { userId: person.id, year: YEAR, hours: 2, source: "IMPORT" as const, sourceId: importRecord, importRecord };
    await prisma.trainingHoursEntry.create({ data: entry });
    await expect(prisma.trainingHoursEntry.create({ data: entry })).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("withdrawing external training", () => {
  it("removes its evidence file from disk and its file row", async () => {
    const counselor = await buildUser();
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "record", title: "网络培训（撤回）", platformId: await platformId("ONLINE"), organiser: "", startsOn: `${YEAR}-03-01`, endsOn: `${YEAR}-03-02`, hours: "4" })) form.set(k, v);
    form.set("evidence", new File(["%PDF-1.4 withdrawn"], "证书.pdf", { type: "application/pdf" }));
    await external.action!({ request: new Request("http://localhost/training/external", { method: "POST", headers: { Cookie: await cookieFor(counselor.username) }, body: form }), params: {}, context: {} } as never);
    const record = await prisma.externalTrainingRecord.findFirstOrThrow({ where: { userId: counselor.id }, include: { evidence: true } });
    const file = path.join(getRuntime().dataDir, record.evidence!.storagePath);
    await expect(fs.readFile(file, "utf8")).resolves.toBe("%PDF-1.4 withdrawn");

    const done = await asUser(counselor.username, external.action!, "/training/external", { form: { intent: "withdraw", recordId: record.id, title: record.title, confirmed: "yes" } });
    expect(reply(done).status).toBe("success");
    expect(await prisma.externalTrainingRecord.count({ where: { id: record.id } })).toBe(0);
    expect(await prisma.uploadedFile.count({ where: { id: record.evidence!.id } })).toBe(0);
    await expect(fs.access(file)).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("long rosters, a page at a time", () => {
  it("the course roster and the check-in roster list 120 people in pages, with the totals of all", async () => {
    const course = await publishedCourse([5]);
    // 120 people of this file's own database (any will do: the course is this test's own).
    const people = await prisma.user.findMany({ orderBy: { id: "asc" }, take: 120, select: { id: true } });
    await prisma.trainingEnrolment.createMany({ data: people.map((p, i) => ({ courseId: course.id, userId: p.id, status: "ENROLLED" as const, source: "SELF" as const, queuedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) })) });
    await prisma.trainingAttendance.create({ data: { sessionId: course.sessionIds[0]!, userId: people[119]!.id, method: "MANUAL", recordedById: admin.id } });

    type RosterData = { rows: Array<{ attended: number }>; page: number; pages: number; total: number };
    const rosterPage = async (page: number) => (await asUser(admin.username, roster.loader, `/training/courses/${course.id}/roster?page=${page}`, { params: { courseId: course.id } })).data as RosterData;
    const [first, last] = [await rosterPage(1), await rosterPage(3)];
    expect([first.rows.length, first.pages, first.total]).toEqual([ROSTER_PAGE_SIZE, 3, 120]);
    expect([last.rows.length, last.page]).toEqual([120 - 2 * ROSTER_PAGE_SIZE, 3]);
    expect(last.rows.at(-1)!.attended).toBe(1);

    type ScreenData = { roster: Array<{ id: string; checkedInAt: string | null }>; page: number; pages: number; enrolled: number; checkedIn: number };
    const screenPage = async (page: number) =>
      (await asUser(admin.username, screen.loader, `/training/sessions/${course.sessionIds[0]}/check-in?page=${page}`, { params: { sessionId: course.sessionIds[0]! } })).data as ScreenData;
    const [one, three] = [await screenPage(1), await screenPage(3)];
    expect([one.roster.length, one.pages, one.enrolled, one.checkedIn]).toEqual([ROSTER_PAGE_SIZE, 3, 120, 1]);
    expect(three.roster.length).toBe(120 - 2 * ROSTER_PAGE_SIZE);
    const all = [...one.roster, ...(await screenPage(2)).roster, ...three.roster];
    expect(new Set(all.map((p) => p.id)).size).toBe(120);
    expect(all.filter((p) => p.checkedInAt).map((p) => p.id)).toEqual([people[119]!.id]);

    const counselor = await buildUser();
    expect((await asUser(counselor.username, roster.loader, `/training/courses/${course.id}/roster?page=2`, { params: { courseId: course.id } })).status).toBe(403);
  });
});

describe("an empty menu", () => {
  // Runs last in this file: it changes what every test before it would see.
  it("tells a counselor whose stage has no plan and for whom nothing is published why (the page says what to do for each reason)", async () => {
    // This file's own copy of the demo database: take away the 资深 plan, and leave no published course.
    await prisma.trainingPlan.deleteMany({ where: { stage: "EXPERIENCED" } });
    await prisma.trainingCourse.updateMany({ where: { status: "PUBLISHED" }, data: { status: "CANCELLED" } });
    const counselor = await buildUser({ stage: "EXPERIENCED" });
    const response = await asUser(counselor.username, menu.loader, "/training");
    expect(response.status).toBe(200);
    const data = response.data as { menu: { empty: boolean; emptyReason: string | null; plan: unknown; stage: string } };
    expect(data.menu).toMatchObject({ empty: true, emptyReason: "noPlan", plan: null, stage: "EXPERIENCED" });
  });
});
