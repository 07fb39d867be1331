import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildCollege, buildStudio, buildUser, unique, type BuiltCollege, type BuiltStudio, type BuiltUser } from "../../../tests/support/factories.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { hoursEntryData, trainingYear } from "../ledger.server.ts";
import { progressOf } from "../progress.server.ts";
import { teamRequiredItems, trainingDashboard } from "./dashboard.server.ts";

/**
 * The training dashboard, the compliance list and a studio's team progress on the real database:
 * a college of known people with known ledger entries, figures asserted by hand and against the
 * menu's own progress (progress.server.ts), the college admin's slice, the .xlsx files, denials.
 */
type Route = { loader: (args: never) => Promise<unknown> };
const YEAR = trainingYear(new Date());
let collegeA: BuiltCollege;
let collegeB: BuiltCollege;
let novice1: BuiltUser; // 岗前 40 + 主题讲堂 4 + 沙龙 2 = 46 h, every item: completed
let novice2: BuiltUser; // 主题讲堂 10 h this year (and 30 h last year): behind
let growing: BuiltUser; // 专题培训 40 h, no provincial exchange ever: hours met, an item missing
let expert: BuiltUser; // 工作室活动 20 h: completed
let otherCounselor: BuiltUser; // college B, 主题讲堂 3 h
let admin: BuiltUser;
let adminA: BuiltUser;
let adminB: BuiltUser;
let mentor: BuiltUser;
let studio: BuiltStudio;
let groupId: string;
const platform: Record<string, { id: string; induction: boolean; nationalOrProvincial: boolean }> = {};

async function credit(user: BuiltUser, code: string, hours: number, year = YEAR) {
  await prisma.trainingHoursEntry.create({
    data: hoursEntryData({ userId: user.id, year, hours, source: "IMPORT", sourceId: unique("batch"), title: `测试${code}`, platform: platform[code]!, level: "SCHOOL", createdById: null }),
  });
}

beforeAll(async () => {
  for (const p of await prisma.trainingPlatform.findMany({ select: { id: true, code: true, induction: true, nationalOrProvincial: true } })) platform[p.code] = p;
  collegeA = await buildCollege();
  collegeB = await buildCollege();
  const inA = { college: { id: collegeA.id } };
  novice1 = await buildUser({ ...inA, stage: "NOVICE", groups: ["NEW_HIRES", "ALL_COUNSELORS"] });
  novice2 = await buildUser({ ...inA, stage: "NOVICE", groups: ["NEW_HIRES"] });
  growing = await buildUser({ ...inA, stage: "GROWING", groups: ["BACKBONE"] });
  expert = await buildUser({ ...inA, stage: "EXPERT", groups: ["BACKBONE"] });
  otherCounselor = await buildUser({ college: { id: collegeB.id }, stage: "NOVICE" });
  admin = await buildUser({ roles: ["ADMIN"], college: null });
  adminA = await buildUser({ roles: ["COLLEGE_ADMIN"], college: { id: collegeA.id } });
  adminB = await buildUser({ roles: ["COLLEGE_ADMIN"], college: { id: collegeB.id } });
  mentor = await buildUser({ roles: ["MENTOR"], college: null });
  await credit(novice1, "INDUCTION", 40);
  await credit(novice1, "LECTURE", 4);
  await credit(novice1, "SALON", 2);
  await credit(novice2, "LECTURE", 10);
  await credit(novice2, "LECTURE", 30, YEAR - 1);
  await credit(growing, "SPECIAL", 40);
  await credit(expert, "STUDIO", 20);
  await credit(otherCounselor, "LECTURE", 3);
  // Budgets: college A spent 3,000 of 10,000; college B has 5,000 (not A's business); a joint group with B.
  await prisma.trainingBudget.createMany({ data: [{ year: YEAR, ownerKey: `college:${collegeA.id}`, amountYuan: 10000 }, { year: YEAR, ownerKey: `college:${collegeB.id}`, amountYuan: 5000 }] });
  await prisma.trainingCourse.create({ data: { title: unique("院级培训"), platformId: platform.LECTURE!.id, level: "COLLEGE", collegeId: collegeA.id, hours: 2, costYuan: 3000, year: YEAR, status: "PUBLISHED" } });
  const group = await prisma.jointTrainingGroup.create({ data: { name: unique("联合培训组"), members: { create: [{ collegeId: collegeB.id }] } } });
  groupId = group.id;
  await prisma.trainingBudget.create({ data: { year: YEAR, ownerKey: `group:${group.id}`, amountYuan: 8000 } });
  studio = await buildStudio({ newcomers: [novice1, novice2], backbone: [growing] });
});

const pick = ({ people, hours, completed }: { people: number; hours: number; completed: number }) => ({ people, hours, completed });

describe("the training dashboard's figures", () => {
  it("counts hours and completion by stage, group, college and platform in a college", async () => {
    const d = await trainingDashboard({ kind: "college", collegeId: collegeA.id }, YEAR);
    expect(d.totals).toEqual({ people: 4, hours: 116, completed: 2, behind: 2 });
    expect(Object.fromEntries(d.stages.map((s) => [s.stage, pick(s)]))).toEqual({
      NOVICE: { people: 2, hours: 56, completed: 1 },
      GROWING: { people: 1, hours: 40, completed: 0 },
      EXPERIENCED: { people: 0, hours: 0, completed: 0 },
      EXPERT: { people: 1, hours: 20, completed: 1 },
    });
    expect(Object.fromEntries(d.groups.map((g) => [g.group, pick(g)]))).toEqual({
      ALL_COUNSELORS: { people: 1, hours: 46, completed: 1 },
      NEW_HIRES: { people: 2, hours: 56, completed: 1 },
      BACKBONE: { people: 2, hours: 60, completed: 1 },
      DEPUTY_SECRETARIES: { people: 0, hours: 0, completed: 0 },
      AFFAIRS_CADRES: { people: 0, hours: 0, completed: 0 },
    });
    expect(d.colleges.map((c) => [c.name, pick(c)])).toEqual([[collegeA.name, { people: 4, hours: 116, completed: 2 }]]);
    expect(d.platforms.map((p) => [p.nameZh, p.people, p.hours])).toEqual([
      ["主题讲堂", 2, 14],
      ["专题培训", 1, 40],
      ["工作室活动", 1, 20],
      ["岗前培训", 1, 40],
      ["沙龙", 1, 2],
    ]);
    expect(d.budgets).toEqual([{ ownerKey: `college:${collegeA.id}`, kind: "college", name: collegeA.name, budget: 10000, spent: 3000 }]);
  });

  it("agrees with each person's own progress (the menu's bar): completed = plan hours reached and every required item done", async () => {
    for (const person of [novice1, novice2, growing, expert]) {
      const progress = await progressOf(person.id);
      const completed = progress.compliance.plan.short === 0 && progress.requiredItems.every((i) => i.done);
      const team = await teamRequiredItems(studio.id);
      if (team.has(person.id)) expect(team.get(person.id)!.completed, person.name).toBe(completed);
    }
    const d = await trainingDashboard({ kind: "college", collegeId: collegeA.id }, YEAR);
    const byHand = await Promise.all([novice1, novice2, growing, expert].map(async (p) => {
      const progress = await progressOf(p.id);
      return progress.compliance.plan.short === 0 && progress.requiredItems.every((i) => i.done);
    }));
    expect(d.totals.completed).toBe(byHand.filter(Boolean).length);
  });

  it("counts a past year on its own: last year's hours, nobody's this year's", async () => {
    const d = await trainingDashboard({ kind: "college", collegeId: collegeA.id }, YEAR - 1);
    expect(pick(d.totals)).toEqual({ people: 4, hours: 30, completed: 0 });
  });

  it("for the school: every college, ours with the same figures, and every budget with its name", async () => {
    const d = await trainingDashboard({ kind: "school" }, YEAR);
    const row = (id: string) => d.colleges.find((c) => c.id === id)!;
    expect(pick(row(collegeA.id))).toEqual({ people: 4, hours: 116, completed: 2 });
    expect(pick(row(collegeB.id))).toEqual({ people: 1, hours: 3, completed: 0 });
    // The breakdowns add up to the totals.
    expect(d.stages.reduce((s, x) => s + x.people, 0)).toBe(d.totals.people);
    expect(d.colleges.reduce((s, x) => s + x.people, 0)).toBe(d.totals.people);
    expect(d.budgets).toEqual(expect.arrayContaining([
      { ownerKey: `college:${collegeB.id}`, kind: "college", name: collegeB.name, budget: 5000, spent: 0 },
      expect.objectContaining({ ownerKey: `group:${groupId}`, kind: "group", budget: 8000 }),
    ]));
  });
});

describe("the dashboard's routes", () => {
  let page: Route;
  let xlsx: Route;
  beforeAll(async () => {
    page = (await import("~/routes/training.dashboard.tsx")) as unknown as Route;
    xlsx = (await import("~/routes/training.dashboard[.]xlsx.tsx")) as unknown as Route;
  });

  it("shows a college admin their own college only, and 学工部 any college", async () => {
    const mine = await asUser(adminA.username, page.loader, `/training/dashboard?year=${YEAR}`);
    expect(mine.status).toBe(200);
    const data = mine.data as { dashboard: { colleges: Array<{ id: string }>; totals: { people: number } }; colleges: unknown };
    expect(data.dashboard.colleges.map((c) => c.id)).toEqual([collegeA.id]);
    expect(data.dashboard.totals.people).toBe(4);
    expect(data.colleges).toBeNull();
    const picked = await asUser(admin.username, page.loader, `/training/dashboard?college=${collegeA.id}`);
    expect((picked.data as { dashboard: { totals: { people: number } } }).dashboard.totals.people).toBe(4);
  });

  it("refuses counselors, mentors and another college's admin; a bad year is a 400", async () => {
    for (const who of [novice1, mentor]) expect((await asUser(who.username, page.loader, "/training/dashboard")).status).toBe(403);
    expect((await asUser(adminB.username, page.loader, `/training/dashboard?college=${collegeA.id}`)).status).toBe(403);
    expect((await asUser(adminB.username, xlsx.loader, `/training/dashboard.xlsx?college=${collegeA.id}`)).status).toBe(403);
    expect((await asUser(novice1.username, xlsx.loader, "/training/dashboard.xlsx")).status).toBe(403);
    expect((await asUser(admin.username, page.loader, "/training/dashboard?year=19x")).status).toBe(400);
  });

  it("exports one sheet per breakdown with the same figures", async () => {
    const res = await asUser(adminA.username, xlsx.loader, `/training/dashboard.xlsx?year=${YEAR}`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.response!.arrayBuffer()) as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["总览", "按职业阶段", "按群体", "按学院", "按平台", "专项经费"]);
    const rows = (name: string) => book.getWorksheet(name)!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows("按职业阶段")).toContainEqual(["初任期", 2, 56, 1, 1]);
    expect(rows("按学院")).toEqual([[collegeA.name, 4, 116, 2, 2]]);
    expect(rows("按平台")).toContainEqual(["主题讲堂", 2, 14]);
    expect(rows("专项经费")).toEqual([[collegeA.name, 10000, 3000, 7000]]);
  });
});

describe("the compliance list", () => {
  let page: Route;
  let xlsx: Route;
  beforeAll(async () => {
    page = (await import("~/routes/training.compliance.tsx")) as unknown as Route;
    xlsx = (await import("~/routes/training.compliance[.]xlsx.tsx")) as unknown as Route;
  });
  type Row = { id: string; name: string; compliance: { plan: { short: number }; induction: { short: number }; schoolLevel: { short: number } } };

  it("lists who is short in a college and by how much, filtered by stage and by rule", async () => {
    const res = await asUser(adminA.username, page.loader, "/training/compliance");
    expect(res.status).toBe(200);
    const list = res.data as { rows: Row[]; total: number };
    const byId = new Map(list.rows.map((r) => [r.id, r]));
    // novice2: 32 − 10 = 22 h short of the plan; 40 h of induction missing; 16 − 10 = 6 h of school-level training.
    expect(byId.get(novice2.id)!.compliance).toMatchObject({ plan: { short: 22 }, induction: { short: 40 }, schoolLevel: { short: 6 } });
    expect(byId.has(otherCounselor.id)).toBe(false);
    // The growing counselor met the hours of every rule (only an item of the plan is missing): not on the list.
    expect(byId.has(growing.id)).toBe(false);
    const experts = (await asUser(adminA.username, page.loader, "/training/compliance?stage=EXPERT")).data as { rows: Row[] };
    expect(experts.rows.map((r) => r.id)).toEqual([expert.id]);
    const national = (await asUser(adminA.username, page.loader, "/training/compliance?rule=nationalOrProvincial")).data as { rows: Row[] };
    expect(national.rows.map((r) => r.id)).toEqual([expert.id]);
    const induction = (await asUser(adminA.username, page.loader, "/training/compliance?rule=induction")).data as { rows: Row[] };
    expect(induction.rows.map((r) => r.id)).toEqual([novice2.id]);
  });

  it("refuses counselors, mentors and another college; a wrong filter is a 400", async () => {
    for (const who of [novice1, mentor]) expect((await asUser(who.username, page.loader, "/training/compliance")).status).toBe(403);
    expect((await asUser(adminB.username, page.loader, `/training/compliance?college=${collegeA.id}`)).status).toBe(403);
    expect((await asUser(adminA.username, page.loader, "/training/compliance?rule=everything")).status).toBe(400);
  });

  it("exports the same rows to .xlsx", async () => {
    const res = await asUser(admin.username, xlsx.loader, `/training/compliance.xlsx?college=${collegeA.id}&rule=induction`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.response!.arrayBuffer()) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const values = (sheet.getRow(2).values as unknown[]).slice(1);
    const row = Object.fromEntries(header.map((h, i) => [h, values[i]]));
    expect(sheet.rowCount).toBe(2);
    expect(row).toMatchObject({ 姓名: novice2.name, 学院: collegeA.name, 职业阶段: "初任期", 本年学时: 10, 计划差额: 22, 岗前培训差额: 40, 校级培训差额: 6 });
  });
});

describe("a studio's team progress", () => {
  let page: Route;
  beforeAll(async () => {
    page = (await import("~/routes/studios.$studioId.training.tsx")) as unknown as Route;
  });
  type Member = { id: string; hours: number; planHours: number; itemsDone: number; itemsTotal: number };

  it("shows the leader each member's hours against the plan and required items done", async () => {
    const res = await asUser(studio.leader.username, page.loader, `/studios/${studio.id}/training`, { params: { studioId: studio.id } });
    expect(res.status).toBe(200);
    const members = new Map((res.data as { members: Member[] }).members.map((m) => [m.id, m]));
    expect(members.get(novice1.id)).toMatchObject({ hours: 46, planHours: 32, itemsDone: 3, itemsTotal: 3 });
    expect(members.get(novice2.id)).toMatchObject({ hours: 10, planHours: 32, itemsDone: 1, itemsTotal: 3 });
    expect(members.get(growing.id)).toMatchObject({ hours: 40, planHours: 32, itemsDone: 1, itemsTotal: 2 });
    expect((await asUser(admin.username, page.loader, `/studios/${studio.id}/training`, { params: { studioId: studio.id } })).status).toBe(200);
  });

  it("is refused to members who do not lead it, to outsiders and to mentors", async () => {
    for (const who of [novice1, growing, otherCounselor, mentor, adminA]) {
      expect((await asUser(who.username, page.loader, `/studios/${studio.id}/training`, { params: { studioId: studio.id } })).status, who.username).toBe(403);
    }
  });
});
