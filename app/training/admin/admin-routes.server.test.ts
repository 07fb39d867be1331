import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildCollege, buildUser, unique, type BuiltUser } from "../../../tests/support/factories.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { createCourse } from "../catalogue.server.ts";
import { trainingYear } from "../ledger.server.ts";
import { courseSchema } from "../schemas.ts";
import { readTrainingSettings } from "../settings.server.ts";

/**
 * The training settings of 学工部 (/training/settings, /colleges, /budgets) through their loaders
 * and actions on the real database: each section saves, bad input is refused in Chinese and
 * changes nothing, the override needs a written reason and is audited, and nobody else gets in.
 */
let settings: typeof import("~/routes/training.settings._index.tsx");
let colleges: typeof import("~/routes/training.settings.colleges.tsx");
let budgets: typeof import("~/routes/training.settings.budgets.tsx");
let admin: BuiltUser;
const YEAR = trainingYear(new Date());

type Reply = { intent: string; status: string; notice?: string; error?: string; confirm?: { message: string } };
const reply = (response: { data: unknown }) => response.data as Reply;
/** Everything a reply says (its summary and each field's error), to look for a sentence in it. */
const said = (response: { data: unknown }) => JSON.stringify(response.data);
const platformId = async (code: string) => (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code } })).id;
const plan = (stage: "NOVICE" | "GROWING" | "EXPERIENCED" | "EXPERT") =>
  prisma.trainingPlan.findUniqueOrThrow({ where: { stage }, include: { items: { orderBy: { sortOrder: "asc" } } } });

beforeAll(async () => {
  [settings, colleges, budgets] = await Promise.all([
    import("~/routes/training.settings._index.tsx"),
    import("~/routes/training.settings.colleges.tsx"),
    import("~/routes/training.settings.budgets.tsx"),
  ]);
  admin = await buildUser({ roles: ["ADMIN"] });
}, 120_000);

describe("stage plans (/training/settings)", () => {
  it("shows the seed's four plans and saves one: name, goal, focus areas, hours and its required items", async () => {
    const page = (await asUser(admin.username, settings.loader, "/training/settings")).data as { plans: Array<{ stage: string; name: string; yearlyHours: number }> };
    expect(page.plans.map((p) => [p.stage, p.name])).toEqual([
      ["NOVICE", "新任辅导员基础能力提升计划"],
      ["GROWING", "骨干辅导员交流培养计划"],
      ["EXPERIENCED", "资深辅导员助力培养计划"],
      ["EXPERT", "学生工作专家型辅导员培训计划"],
    ]);

    const studio = await platformId("STUDIO");
    const saved = await asUser(admin.username, settings.action, "/training/settings", {
      form: {
        intent: "savePlan",
        stage: "EXPERT",
        name: "专家型辅导员培训计划（修订）",
        phaseGoal: "成果展示",
        focusAreas: "高水平学术论文\n\n  工作室“再教育”  \n",
        yearlyHours: "20.5",
        "items[0].label": "工作室再培训",
        "items[0].platformId": studio,
        "items[0].perYear": "yes",
        "items[1].label": "学术沙龙",
        "items[1].platformId": await platformId("SALON"),
        "items[1].minHours": "4",
        "items[1].perYear": "no",
        // The page's blank "add one" row.
        "items[2].label": "",
        "items[2].platformId": "",
        "items[2].perYear": "yes",
      },
    });
    expect(reply(saved)).toMatchObject({ status: "success", notice: "“专家型辅导员培训计划（修订）”已保存。" });
    const after = await plan("EXPERT");
    expect(after).toMatchObject({ name: "专家型辅导员培训计划（修订）", focusAreas: ["高水平学术论文", "工作室“再教育”"], updatedById: admin.id });
    expect(Number(after.yearlyHours)).toBe(20.5);
    expect(after.items.map((i) => [i.label, i.platformId, i.minHours === null ? null : Number(i.minHours), i.perYear])).toEqual([
      ["工作室再培训", studio, null, true],
      ["学术沙龙", await platformId("SALON"), 4, false],
    ]);
    expect(await prisma.auditLog.count({ where: { action: "training.plan-update", entityId: after.id, actorId: admin.id } })).toBe(1);
  });

  it("refuses negative hours, a missing name and an item without a platform, in Chinese, and changes nothing", async () => {
    const before = await plan("GROWING");
    const post = (fields: Record<string, string>) =>
      asUser(admin.username, settings.action, "/training/settings", { form: { intent: "savePlan", stage: "GROWING", name: before.name, phaseGoal: before.phaseGoal, yearlyHours: "32", ...fields } });
    const negative = await post({ yearlyHours: "-1" });
    expect(negative.status).toBe(400);
    expect(said(negative)).toContain("年度学时要求须为 0 到 400 之间、最多一位小数的数。");
    const nameless = await post({ name: "  " });
    expect(nameless.status).toBe(400);
    expect(said(nameless)).toContain("请填写名称。");
    const noTarget = await post({ "items[0].label": "没有平台的一项", "items[0].perYear": "yes" });
    expect(noTarget.status).toBe(400);
    expect(said(noTarget)).toContain("规定动作须指定一个平台或一门培训。");
    const badStage = await post({ stage: "NOBODY" });
    expect(badStage.status).toBe(400);
    expect(await plan("GROWING")).toEqual(before);
  });
});

describe("national rules (/training/settings)", () => {
  it("saves induction, yearly school-level hours and the national/provincial period, and refuses bad values in Chinese", async () => {
    const defaults = await readTrainingSettings();
    expect(defaults).toMatchObject({ inductionHours: 40, schoolLevelHoursPerYear: 16, nationalOrProvincialEveryYears: 5, collegeLevelMinCounselors: 6 });
    const post = (fields: Record<string, string>) =>
      asUser(admin.username, settings.action, "/training/settings", {
        form: { intent: "saveRules", inductionHours: "40", schoolLevelHoursPerYear: "16", nationalOrProvincialEveryYears: "5", collegeLevelMinCounselors: "6", ...fields },
      });
    const bad = await post({ nationalOrProvincialEveryYears: "0", inductionHours: "-3" });
    expect(bad.status).toBe(400);
    expect(said(bad)).toContain("周期须为 1 到 20 的整数（年）。");
    expect(said(bad)).toContain("学时须为 0 到 400 之间的数。");
    expect(await readTrainingSettings()).toEqual(defaults);

    expect(reply(await post({ inductionHours: "48", schoolLevelHoursPerYear: "20", nationalOrProvincialEveryYears: "4" }))).toMatchObject({ status: "success", notice: "国家规定已保存。" });
    expect(await readTrainingSettings()).toMatchObject({ inductionHours: 48, schoolLevelHoursPerYear: 20, nationalOrProvincialEveryYears: 4, collegeLevelMinCounselors: 6 });
    // Put the defaults back: the other tests of this file count against 6.
    await post({});
  });
});

describe("platforms (/training/settings)", () => {
  it("adds one, renames it, asks before removing it and removes it", async () => {
    const code = unique("P").toUpperCase().replace(/[^A-Z0-9]/g, "_");
    const added = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "addPlatform", code: code.toLowerCase(), nameZh: "读书会", nameEn: "Reading circle", external: "on" } });
    expect(reply(added)).toMatchObject({ status: "success", notice: "已新增平台“读书会”。" });
    const platform = await prisma.trainingPlatform.findUniqueOrThrow({ where: { code } });
    expect(platform).toMatchObject({ nameZh: "读书会", external: true, builtIn: false });

    const renamed = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "renamePlatform", platformId: platform.id, nameZh: "辅导员读书会", nameEn: "Counselors' reading circle" } });
    expect(reply(renamed)).toMatchObject({ status: "success", notice: "已保存平台“辅导员读书会”的名称。" });
    expect(await prisma.trainingPlatform.findUniqueOrThrow({ where: { id: platform.id } })).toMatchObject({ code, nameZh: "辅导员读书会", nameEn: "Counselors' reading circle", external: true });

    const asked = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "removePlatform", platformId: platform.id } });
    expect(reply(asked)).toMatchObject({ status: "confirm", confirm: { message: "确定删除平台“辅导员读书会”吗？" } });
    expect(await prisma.trainingPlatform.count({ where: { id: platform.id } })).toBe(1);
    const removed = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "removePlatform", platformId: platform.id, confirmed: "yes" } });
    expect(reply(removed)).toMatchObject({ status: "success", notice: "已删除平台“辅导员读书会”。" });
    expect(await prisma.trainingPlatform.count({ where: { id: platform.id } })).toBe(0);
  });

  it("refuses in Chinese to remove a platform courses use or a built-in one, a taken or malformed code, and a blank name", async () => {
    const code = unique("USED").toUpperCase().replace(/[^A-Z0-9]/g, "_");
    await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "addPlatform", code, nameZh: "在用平台", nameEn: "In use" } });
    const platform = await prisma.trainingPlatform.findUniqueOrThrow({ where: { code } });
    await createCourse(courseSchema.parse({ title: unique("用平台的培训"), platformId: platform.id, level: "SCHOOL", year: YEAR }), admin.id);
    const inUse = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "removePlatform", platformId: platform.id, confirmed: "yes" } });
    expect(reply(inUse)).toMatchObject({ status: "error", error: "该平台已有培训或学时记录，不能删除。" });
    expect(await prisma.trainingPlatform.count({ where: { id: platform.id } })).toBe(1);
    const builtIn = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "removePlatform", platformId: await platformId("LECTURE"), confirmed: "yes" } });
    expect(reply(builtIn).error).toBe("内置平台不能删除。");

    const before = await prisma.trainingPlatform.count();
    const taken = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "addPlatform", code, nameZh: "重复", nameEn: "Again" } });
    expect(reply(taken).error).toBe(`平台代码“${code}”已被使用。`);
    const malformed = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "addPlatform", code: "1-x", nameZh: "坏代码", nameEn: "Bad" } });
    expect(malformed.status).toBe(400);
    expect(said(malformed)).toContain("代码须以大写字母开头，由 2 到 40 个大写字母、数字或下划线组成。");
    expect(await prisma.trainingPlatform.count()).toBe(before);
    const blank = await asUser(admin.username, settings.action, "/training/settings", { form: { intent: "renamePlatform", platformId: platform.id, nameZh: "", nameEn: "In use" } });
    expect(blank.status).toBe(400);
    expect(said(blank)).toContain("请填写名称。");
    expect((await prisma.trainingPlatform.findUniqueOrThrow({ where: { id: platform.id } })).nameZh).toBe("在用平台");
  });
});

describe("two levels (/training/settings/colleges)", () => {
  it("lists each college with its live count of full-time counselors and whether it may organise alone", async () => {
    const college = await buildCollege();
    await Promise.all([buildUser({ college }), buildUser({ college })]);
    await buildUser({ college, roles: ["COLLEGE_ADMIN"] });
    const row = async () =>
      ((await asUser(admin.username, colleges.loader, "/training/settings/colleges")).data as { colleges: Array<{ id: string; fullTimeCounselors: number; mayOrganiseAlone: boolean }> }).colleges.find(
        (c) => c.id === college.id,
      );
    expect(await row()).toMatchObject({ fullTimeCounselors: 2, mayOrganiseAlone: false });
    await Promise.all(Array.from({ length: 4 }, () => buildUser({ college })));
    expect(await row()).toMatchObject({ fullTimeCounselors: 6, mayOrganiseAlone: true });
  });

  it("grants a small college the right only with a written reason (audited), and revokes it after asking", async () => {
    const college = await buildCollege();
    const url = "/training/settings/colleges";
    const noReason = await asUser(admin.username, colleges.action, url, { form: { intent: "grant", collegeId: college.id, reason: "  " } });
    expect(noReason.status).toBe(400);
    expect(said(noReason)).toContain("请写明准许的理由（至少 4 个字）。");
    expect(await prisma.collegeTrainingOverride.count({ where: { collegeId: college.id } })).toBe(0);

    const reason = "该学院承担全校心理健康教育专题培训，经学工部研究同意。";
    const granted = await asUser(admin.username, colleges.action, url, { form: { intent: "grant", collegeId: college.id, reason } });
    expect(reply(granted)).toMatchObject({ status: "success", notice: `已准许${college.name}单独组织院级培训。` });
    expect(await prisma.collegeTrainingOverride.findUniqueOrThrow({ where: { collegeId: college.id } })).toMatchObject({ reason, grantedById: admin.id });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "training.college-override-grant", entityId: college.id } });
    expect(audit).toMatchObject({ actorId: admin.id, data: { reason } });

    const asked = await asUser(admin.username, colleges.action, url, { form: { intent: "revoke", collegeId: college.id } });
    expect(reply(asked)).toMatchObject({ status: "confirm", confirm: { message: `确定撤销${college.name}单独组织院级培训的准许吗？` } });
    expect(await prisma.collegeTrainingOverride.count({ where: { collegeId: college.id } })).toBe(1);
    const revoked = await asUser(admin.username, colleges.action, url, { form: { intent: "revoke", collegeId: college.id, confirmed: "yes" } });
    expect(reply(revoked)).toMatchObject({ status: "success", notice: `已撤销${college.name}的准许。` });
    expect(await prisma.collegeTrainingOverride.count({ where: { collegeId: college.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "training.college-override-revoke", entityId: college.id, actorId: admin.id } })).toBe(1);
  });

  it("creates, edits and dissolves a joint training group, refusing in Chinese a college already in another group", async () => {
    const [a, b, c] = [await buildCollege(), await buildCollege(), await buildCollege()];
    const url = "/training/settings/colleges";
    const name = unique("联合组");
    const created = await asUser(admin.username, colleges.action, url, { form: { intent: "createGroup", name, collegeIds: [a.id, b.id] } });
    expect(reply(created)).toMatchObject({ status: "success", notice: `已新建联合培训组“${name}”。` });
    const group = await prisma.jointTrainingGroup.findUniqueOrThrow({ where: { name }, include: { members: true } });
    expect(group.members.map((m) => m.collegeId).sort()).toEqual([a.id, b.id].sort());

    const groups = await prisma.jointTrainingGroup.count();
    const taken = await asUser(admin.username, colleges.action, url, { form: { intent: "createGroup", name: unique("另一组"), collegeIds: [b.id, c.id] } });
    expect(reply(taken).error).toBe(`${b.name}已在联合培训组“${name}”中。`);
    const empty = await asUser(admin.username, colleges.action, url, { form: { intent: "createGroup", name: unique("空组") } });
    expect(empty.status).toBe(400);
    expect(said(empty)).toContain("请至少选择一个成员学院。");
    expect(await prisma.jointTrainingGroup.count()).toBe(groups);

    const renamed = `${name}（扩）`;
    const updated = await asUser(admin.username, colleges.action, url, { form: { intent: "updateGroup", groupId: group.id, name: renamed, collegeIds: [b.id, c.id] } });
    expect(reply(updated)).toMatchObject({ status: "success", notice: `已保存联合培训组“${renamed}”。` });
    const after = await prisma.jointTrainingGroup.findUniqueOrThrow({ where: { id: group.id }, include: { members: true } });
    expect([after.name, after.members.map((m) => m.collegeId).sort()]).toEqual([renamed, [b.id, c.id].sort()]);

    const asked = await asUser(admin.username, colleges.action, url, { form: { intent: "dissolveGroup", groupId: group.id } });
    expect(reply(asked).status).toBe("confirm");
    expect(await prisma.jointTrainingGroup.count({ where: { id: group.id } })).toBe(1);
    const dissolved = await asUser(admin.username, colleges.action, url, { form: { intent: "dissolveGroup", groupId: group.id, confirmed: "yes" } });
    expect(reply(dissolved)).toMatchObject({ status: "success", notice: `已解散联合培训组“${renamed}”。` });
    expect(await prisma.jointTrainingGroup.count({ where: { id: group.id } })).toBe(0);
  });

  it("refuses to dissolve a group that has organised courses", async () => {
    const college = await buildCollege();
    const name = unique("办过培训的组");
    await asUser(admin.username, colleges.action, "/training/settings/colleges", { form: { intent: "createGroup", name, collegeIds: [college.id] } });
    const group = await prisma.jointTrainingGroup.findUniqueOrThrow({ where: { name } });
    await createCourse(courseSchema.parse({ title: unique("组内培训"), platformId: await platformId("SPECIAL"), level: "COLLEGE", jointGroupId: group.id, year: YEAR }), admin.id);
    const refused = await asUser(admin.username, colleges.action, "/training/settings/colleges", { form: { intent: "dissolveGroup", groupId: group.id, confirmed: "yes" } });
    expect(reply(refused).error).toBe("该联合培训组已组织过培训，不能解散。");
    expect(await prisma.jointTrainingGroup.count({ where: { id: group.id } })).toBe(1);
  });
});

describe("budgets (/training/settings/budgets)", () => {
  it("shows the school, each college and each group with spent against budget for the chosen year, and saves one", async () => {
    const college = await buildCollege();
    await prisma.collegeTrainingOverride.create({ data: { collegeId: college.id, reason: "测试用的书面准许", grantedById: admin.id } });
    const year = 2031;
    const url = `/training/settings/budgets?year=${year}`;
    const saved = await asUser(admin.username, budgets.action, url, { form: { intent: "save", ownerKey: `college:${college.id}`, year: String(year), amountYuan: "5000" } });
    expect(reply(saved)).toMatchObject({ status: "success", notice: `已保存${college.name}${year}年的专项经费。` });
    await createCourse(courseSchema.parse({ title: unique("有费用的培训"), platformId: await platformId("SPECIAL"), level: "COLLEGE", collegeId: college.id, year, costYuan: 1200 }), admin.id);

    const page = (await asUser(admin.username, budgets.loader, url)).data as { year: number; rows: Array<{ ownerKey: string; kind: string; budget: number | null; spent: number }> };
    expect(page.year).toBe(year);
    expect(page.rows[0]).toMatchObject({ ownerKey: "school", kind: "school" });
    expect(page.rows.find((r) => r.ownerKey === `college:${college.id}`)).toMatchObject({ kind: "college", budget: 5000, spent: 1200 });
    expect(page.rows.some((r) => r.kind === "group")).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "training.budget-set", entityId: `${year}:college:${college.id}`, actorId: admin.id } })).toBe(1);
  });

  it("refuses a negative amount, a bad year and an unknown organiser in Chinese, and writes nothing", async () => {
    const before = await prisma.trainingBudget.count();
    const post = (fields: Record<string, string>) => asUser(admin.username, budgets.action, "/training/settings/budgets", { form: { intent: "save", ownerKey: "school", year: "2032", amountYuan: "100", ...fields } });
    const negative = await post({ amountYuan: "-5" });
    expect(negative.status).toBe(400);
    expect(said(negative)).toContain("费用须为 0 到 1 亿元之间的金额。");
    const badYear = await post({ year: "1900" });
    expect(said(badYear)).toContain("请填写有效的年度。");
    const unknown = await post({ ownerKey: "college:nope" });
    expect(reply(unknown)).toMatchObject({ status: "error", error: "没有这个组织方。" });
    expect(await prisma.trainingBudget.count()).toBe(before);
  });
});

describe("who may", () => {
  it("gives a college admin and a counselor 403 on every settings page and action, and changes nothing", async () => {
    const college = await buildCollege();
    const people = [await buildUser({ roles: ["COLLEGE_ADMIN"], college }), await buildUser({ college })];
    const novice = await plan("NOVICE");
    const posts: Array<[(args: never) => Promise<unknown>, string, Record<string, string | string[]>]> = [
      [settings.action, "/training/settings", { intent: "savePlan", stage: "NOVICE", name: "改掉", phaseGoal: "改掉", yearlyHours: "1" }],
      [settings.action, "/training/settings", { intent: "saveRules", inductionHours: "1", schoolLevelHoursPerYear: "1", nationalOrProvincialEveryYears: "1", collegeLevelMinCounselors: "1" }],
      [settings.action, "/training/settings", { intent: "addPlatform", code: "NOT_ALLOWED", nameZh: "不许", nameEn: "No" }],
      [settings.action, "/training/settings", { intent: "removePlatform", platformId: await platformId("SALON"), confirmed: "yes" }],
      [colleges.action, "/training/settings/colleges", { intent: "grant", collegeId: college.id, reason: "自己给自己准许" }],
      [colleges.action, "/training/settings/colleges", { intent: "createGroup", name: unique("不许的组"), collegeIds: [college.id] }],
      [budgets.action, "/training/settings/budgets", { intent: "save", ownerKey: `college:${college.id}`, year: String(YEAR), amountYuan: "999999" }],
    ];
    for (const person of people) {
      for (const [loader, url] of [
        [settings.loader, "/training/settings"],
        [colleges.loader, "/training/settings/colleges"],
        [budgets.loader, "/training/settings/budgets"],
      ] as const) {
        expect((await asUser(person.username, loader, url)).status, `${person.roles.join()} ${url}`).toBe(403);
      }
      for (const [action, url, form] of posts) {
        expect((await asUser(person.username, action, url, { form })).status, `${person.roles.join()} ${String(form.intent)}`).toBe(403);
      }
    }
    expect(await plan("NOVICE")).toEqual(novice);
    expect(await prisma.trainingPlatform.count({ where: { code: "NOT_ALLOWED" } })).toBe(0);
    expect(await prisma.collegeTrainingOverride.count({ where: { collegeId: college.id } })).toBe(0);
    expect(await prisma.trainingBudget.count({ where: { ownerKey: `college:${college.id}` } })).toBe(0);
    expect(await readTrainingSettings()).toMatchObject({ inductionHours: 40 });
  });
});
