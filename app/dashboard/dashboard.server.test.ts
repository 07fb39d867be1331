import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { CAREER_STAGES, DEFAULT_STAGE_THRESHOLDS, deriveCareerStage } from "~/people/career-stage.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { collegeAdminWithoutCollege } from "../../tests/support/personas.ts";
import { asUser } from "../../tests/support/signed-in.ts";
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

  it("shows all nine duties covered by the demo studios, and which are not once a studio closes", async () => {
    expect((await dashboardData({ kind: "school" }, context)).totals.dutiesCovered).toBe(9);
    await prisma.studio.updateMany({ where: { duty: "RESEARCH" }, data: { archivedAt: new Date() } });
    const data = await dashboardData({ kind: "school" }, context);
    expect(data.totals.dutiesCovered).toBe(8);
    expect(data.duties.find((d) => d.duty === "RESEARCH")).toEqual({ duty: "RESEARCH", studios: 0, members: 0 });
    await prisma.studio.updateMany({ where: { duty: "RESEARCH" }, data: { archivedAt: null } });
  });

  it("a college's dashboard counts only that college", async () => {
    const college = await prisma.college.findUniqueOrThrow({ where: { code: "XX" } });
    const data = await dashboardData({ kind: "college", collegeId: college.id }, context);
    expect(data.stagesByCollege.map((r) => r.college)).toEqual(["信息科学与工程学院"]);
    expect(data.totals.counselors).toBe(await prisma.counselorProfile.count({ where: { user: { active: true, roles: { has: "COUNSELOR" }, collegeId: college.id } } }));
    expect(data.groups.find((g) => g.group === "NEW_HIRES")!.count).toBeLessThan((await dashboardData({ kind: "school" }, context)).groups.find((g) => g.group === "NEW_HIRES")!.count);
  });
});

describe("dashboard and settings pages", () => {
  const who = ["admin", "college", "leader", "backbone", "counselor", "mentor", "external"] as const;

  it("the dashboard is for 学工部 (any scope) and college admins (their college, whatever they ask for)", async () => {
    const module = await import("~/routes/dashboard.tsx");
    const statuses = Object.fromEntries(await Promise.all(who.map(async (w) => [w, (await asUser(w, module.loader as never, "/dashboard")).status])));
    expect(statuses).toEqual({ admin: 200, college: 200, leader: 403, backbone: 403, counselor: 403, mentor: 403, external: 403 });
    const other = await prisma.college.findUniqueOrThrow({ where: { code: "WX" } });
    const collegeView = (await asUser("college", module.loader as never, `/dashboard?collegeId=${other.id}`)).data as { scope: { name: string } };
    expect(collegeView.scope.name).toBe("马克思主义学院");
    const adminView = (await asUser("admin", module.loader as never, `/dashboard?collegeId=${other.id}`)).data as { scope: { name: string } };
    expect(adminView.scope.name).toBe("文学院");
    // Only 学工部 gets the college picker; a college admin's page has none.
    expect((adminView as unknown as { colleges: unknown[] | null }).colleges).toHaveLength(await prisma.college.count());
    expect((collegeView as unknown as { colleges: unknown[] | null }).colleges).toBeNull();
  });

  it("a college admin whose account has no college sees no dashboard, not the whole school's", async () => {
    const module = await import("~/routes/dashboard.tsx");
    const stray = await collegeAdminWithoutCollege();
    const other = await prisma.college.findUniqueOrThrow({ where: { code: "WX" } });
    expect((await asUser(stray, module.loader as never, "/dashboard")).status).toBe(403);
    expect((await asUser(stray, module.loader as never, `/dashboard?collegeId=${other.id}`)).status).toBe(403);
  });

  it("school settings: 学工部 only; thresholds out of order are refused in Chinese; a change applies at once", async () => {
    const module = await import("~/routes/admin.settings.tsx");
    const statuses = Object.fromEntries(await Promise.all(who.map(async (w) => [w, (await asUser(w, module.loader as never, "/admin/settings")).status])));
    expect(statuses).toEqual({ admin: 200, college: 403, leader: 403, backbone: 403, counselor: 403, mentor: 403, external: 403 });
    const form = {
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
    expect(JSON.stringify(bad.data)).toContain("进入经验期的年限必须大于进入成长期的年限。");
    expect((await asUser("college", module.action as never, "/admin/settings", { form: { ...form, experiencedAfterYears: "5" } })).status).toBe(403);
    const good = await asUser("admin", module.action as never, "/admin/settings", { form: { ...form, experiencedAfterYears: "5" } });
    expect(good.data).toMatchObject({ notice: "学校设置已保存。" });
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
