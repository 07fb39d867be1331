import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { CAREER_STAGES, DEFAULT_STAGE_THRESHOLDS, deriveCareerStage } from "~/people/career-stage.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { buildAccounts, buildCollege, buildStudio, buildUser, type AccountKind, type Accounts } from "../../tests/support/factories.ts";
import { asUser as asUsername } from "../../tests/support/signed-in.ts";
import { dashboardData } from "./dashboard.server.ts";

const context = { now: new Date(), thresholds: DEFAULT_STAGE_THRESHOLDS };

describe("programme dashboard figures", () => {
  it("counts every counselor once, in the stage deriveCareerStage gives them, per college", async () => {
    const data = await dashboardData({ kind: "school" }, context);
    const counselors = await prisma.counselorProfile.findMany({
      where: { user: { active: true, roles: { has: "COUNSELOR" } } },
      select: { counselorSince: true, title: true, user: { select: { college: { select: { name: true } } } } },
    });
    expect(data.totals.counselors).toBe(counselors.length);
    const expected = new Map<string, Record<string, number>>();
    for (const c of counselors) {
      const college = c.user.college?.name ?? "—";
      const row = expected.get(college) ?? Object.fromEntries(CAREER_STAGES.map((s) => [s, 0]));
      row[deriveCareerStage(c, context.now).stage]! += 1;
      expected.set(college, row);
    }
    for (const row of data.stagesByCollege) {
      const { college, ...counts } = row;
      expect(counts, college).toEqual(expected.get(college));
    }
    expect(data.stagesByCollege).toHaveLength(expected.size);
    expect(data.titles.reduce((sum, t) => sum + t.count, 0)).toBe(counselors.length);
  });

  it("shows which duties the open studios cover, and which are not once a studio closes", async () => {
    // A research studio of three: a duty covered for sure.
    await buildStudio({ duty: "RESEARCH" });
    const openDuties = await prisma.studio.findMany({ where: { archivedAt: null }, distinct: ["duty"], select: { duty: true } });
    const before = await dashboardData({ kind: "school" }, context);
    expect(before.totals.dutiesCovered).toBe(openDuties.length);
    expect(before.duties.find((d) => d.duty === "RESEARCH")!.members).toBeGreaterThanOrEqual(3);
    const research = await prisma.studio.findMany({ where: { duty: "RESEARCH", archivedAt: null }, select: { id: true } });
    await prisma.studio.updateMany({ where: { id: { in: research.map((s) => s.id) } }, data: { archivedAt: new Date() } });
    try {
      const data = await dashboardData({ kind: "school" }, context);
      expect(data.totals.dutiesCovered).toBe(openDuties.length - 1);
      expect(data.duties.find((d) => d.duty === "RESEARCH")).toEqual({ duty: "RESEARCH", studios: 0, members: 0 });
    } finally {
      await prisma.studio.updateMany({ where: { id: { in: research.map((s) => s.id) } }, data: { archivedAt: null } });
    }
  });

  it("a college's dashboard counts only that college", async () => {
    const college = await buildCollege();
    await buildUser({ college, stage: "NOVICE", groups: ["NEW_HIRES"] });
    await buildUser({ college, stage: "EXPERT", honours: 1 });
    await buildUser({ stage: "NOVICE", groups: ["NEW_HIRES"] }); // of another college
    const data = await dashboardData({ kind: "college", collegeId: college.id }, context);
    expect(data.stagesByCollege).toEqual([{ college: college.name, NOVICE: 1, GROWING: 0, EXPERIENCED: 0, EXPERT: 1 }]);
    expect(data.totals.counselors).toBe(2);
    expect(data.groups.find((g) => g.group === "NEW_HIRES")!.count).toBe(1);
  });
});

describe("dashboard and settings pages", () => {
  const who = ["admin", "college", "leader", "backbone", "counselor", "mentor", "external"] as const;
  let people: Accounts;
  beforeAll(async () => {
    people = await buildAccounts();
  });
  /** Calls a loader or action as one of `people` (or as any other account, by username). */
  const asUser = (w: AccountKind | string, handler: never, url: string, init?: Parameters<typeof asUsername>[3]) =>
    asUsername(w in people ? people[w as AccountKind].username : w, handler, url, init);

  it("the dashboard is for 学工部 (any scope) and college admins (their college, whatever they ask for)", async () => {
    const module = await import("~/routes/dashboard.tsx");
    const statuses = Object.fromEntries(await Promise.all(who.map(async (w) => [w, (await asUser(w, module.loader as never, "/dashboard")).status])));
    expect(statuses).toEqual({ admin: 200, college: 200, leader: 403, backbone: 403, counselor: 403, mentor: 403, external: 403 });
    const own = await prisma.college.findUniqueOrThrow({ where: { id: people.college.collegeId! } });
    const other = await buildCollege();
    const collegeView = (await asUser("college", module.loader as never, `/dashboard?collegeId=${other.id}`)).data as { scope: { name: string } };
    expect(collegeView.scope.name).toBe(own.name);
    const adminView = (await asUser("admin", module.loader as never, `/dashboard?collegeId=${other.id}`)).data as { scope: { name: string } };
    expect(adminView.scope.name).toBe(other.name);
    // Only 学工部 gets the college picker; a college admin's page has none.
    expect((adminView as unknown as { colleges: unknown[] | null }).colleges).toHaveLength(await prisma.college.count());
    expect((collegeView as unknown as { colleges: unknown[] | null }).colleges).toBeNull();
  });

  it("a college admin whose account has no college sees no dashboard, not the whole school's", async () => {
    const module = await import("~/routes/dashboard.tsx");
    const stray = (await buildUser({ roles: ["COLLEGE_ADMIN"], college: null })).username;
    const other = await buildCollege();
    expect((await asUser(stray, module.loader as never, "/dashboard")).status).toBe(403);
    expect((await asUser(stray, module.loader as never, `/dashboard?collegeId=${other.id}`)).status).toBe(403);
  });

  it("school settings: 学工部 only; thresholds out of order are refused in Chinese; a change applies at once", async () => {
    const module = await import("~/routes/admin.settings.tsx");
    const statuses = Object.fromEntries(await Promise.all(who.map(async (w) => [w, (await asUser(w, module.loader as never, "/admin/settings")).status])));
    expect(statuses).toEqual({ admin: 200, college: 403, leader: 403, backbone: 403, counselor: 403, mentor: 403, external: 403 });
    const form = {
      intent: "save",
      schoolName: "示范大学",
      growingAfterYears: "3",
      experiencedAfterYears: "3",
      expertTitles: ["PROFESSOR"],
      leaderMinYears: "8",
      leaderSeniorTitle: "yes",
      leaderMinHonours: "1",
      backboneMinYears: "2",
      maxStudiosPerPerson: "3",
      passwordMinLength: "12",
      passwordForbidUsername: "yes",
      passwordForbidCommon: "yes",
      passwordExtraForbidden: "ShiFanDaXue2026\n\n  shifan@2026 \nShiFanDaXue2026",
    };
    const bad = await asUser("admin", module.action as never, "/admin/settings", { form });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ intent: "save", status: "error", form: { error: { experiencedAfterYears: ["进入经验期的年限必须大于进入成长期的年限。"] } } });
    expect((await asUser("college", module.action as never, "/admin/settings", { form: { ...form, experiencedAfterYears: "5" } })).status).toBe(403);
    const good = await asUser("admin", module.action as never, "/admin/settings", { form: { ...form, experiencedAfterYears: "5" } });
    expect(good.data).toMatchObject({ intent: "save", status: "success", notice: "学校设置已保存。" });
    const settings = await getSchoolSettings();
    expect(settings.stageThresholds).toEqual({ growingAfterYears: 3, experiencedAfterYears: 5, expertTitles: ["PROFESSOR"] });
    expect(settings.maxStudiosPerPerson).toBe(3);
    expect(settings.leaderEligibility).toEqual({ minYears: 8, seniorTitleRequired: true, minHonours: 1 });
    // The password rules are part of the same page: blank lines and repeats are dropped.
    expect(settings.passwordPolicy).toEqual({ minLength: 12, forbidUsername: true, forbidCommon: true, extraForbidden: ["ShiFanDaXue2026", "shifan@2026"] });
    const short = await asUser("admin", module.action as never, "/admin/settings", { form: { ...form, experiencedAfterYears: "5", passwordMinLength: "6" } });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.data)).toContain("请填写 8–64 之间的整数。");
  });
});
