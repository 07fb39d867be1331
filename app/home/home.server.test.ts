import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildCollege, buildMentor, buildStudio, buildUser } from "../../tests/support/factories.ts";
import { sessionUser } from "../../tests/support/signed-in.ts";
import { getHomeData } from "./home.server.ts";

describe("home page data", () => {
  it("shows a new counselor in 初任期 with no studio yet", async () => {
    const college = await buildCollege();
    const counselor = await buildUser({ stage: "NOVICE", college });
    const home = await getHomeData(await sessionUser(counselor.username));
    expect(home.career?.stage).toBe("NOVICE");
    expect(home.career?.next?.stage).toBe("GROWING");
    expect(home.collegeName).toBe(college.name);
    expect(home.studios).toEqual([]);
    expect(home.overview).toBeNull();
  });

  it("suggests to someone in no studio the three studios that fit their specialties best, and no more", async () => {
    const fitting = await buildStudio({ duty: "CAREER" });
    const counselor = await buildUser({ stage: "NOVICE", specialties: ["CAREER"] });
    const home = await getHomeData(await sessionUser(counselor.username));
    expect(home.suggestions.length).toBeGreaterThan(0);
    expect(home.suggestions.length).toBeLessThanOrEqual(3);
    expect(home.suggestions.some((studio) => studio.duty === "CAREER")).toBe(true);
    expect(home.suggestions[0]!.reasons.length).toBeGreaterThan(0);
    // A member already has a studio; a mentor may not join one: neither is offered any.
    expect((await getHomeData(await sessionUser(fitting.leader.username))).suggestions).toEqual([]);
    const mentor = await buildMentor({ kind: "EXTERNAL" });
    expect((await getHomeData(await sessionUser(mentor.user.username))).suggestions).toEqual([]);
  });

  it("shows the leader's studio and their 成熟期", async () => {
    const studio = await buildStudio({ duty: "MENTAL_HEALTH" });
    const home = await getHomeData(await sessionUser(studio.leader.username));
    expect(home.career?.stage).toBe("EXPERT");
    expect(home.studios).toEqual([expect.objectContaining({ name: studio.name, role: "LEADER", duty: "MENTAL_HEALTH" })]);
  });

  it("shows a mentor the directions they mentor", async () => {
    const mentor = await buildMentor({ kind: "INTERNAL" });
    const studio = await buildStudio({ mentors: [mentor] });
    const home = await getHomeData(await sessionUser(mentor.user.username));
    expect(home.mentoring?.kind).toBe("INTERNAL");
    expect(home.mentoring?.directions.map((d) => d.studio)).toContain(studio.name);
  });

  it("gives 学工部 school-wide figures that add up", async () => {
    const admin = await sessionUser((await buildUser({ roles: ["ADMIN"] })).username);
    const before = (await getHomeData(admin)).overview!;
    // One open studio (a leader in 成熟期, a backbone member in 经验期, a newcomer in 初任期) and a
    // closed one of the same people: the closed studio counts for nothing.
    const open = await buildStudio();
    await buildStudio({ archived: true, leader: open.leader, backbone: open.backbone, newcomers: open.newcomers });
    const overview = (await getHomeData(admin)).overview!;
    expect(overview.scope).toBe("school");
    expect(overview.studios).toBe(before.studios + 1);
    expect(overview.counselors).toBe(before.counselors + 3);
    expect(overview.stageCounts).toEqual({
      ...before.stageCounts,
      NOVICE: before.stageCounts.NOVICE + 1,
      EXPERIENCED: before.stageCounts.EXPERIENCED + 1,
      EXPERT: before.stageCounts.EXPERT + 1,
    });
    const openDuties = await prisma.studio.findMany({ where: { archivedAt: null }, distinct: ["duty"], select: { duty: true } });
    expect(overview.dutiesCovered).toBe(openDuties.length);
    const counselors = await prisma.user.count({ where: { roles: { has: "COUNSELOR" }, active: true } });
    expect(overview.counselors).toBe(counselors);
    expect(Object.values(overview.stageCounts).reduce((a, b) => a + b, 0)).toBe(counselors);
  });

  it("gives a college admin only their own college's figures", async () => {
    const college = await buildCollege();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const ownNewcomer = await buildUser({ stage: "NOVICE", college });
    await buildUser({ stage: "EXPERT", college });
    await buildUser({ stage: "NOVICE" }); // another college
    await buildStudio({ newcomers: [ownNewcomer] });
    await buildStudio();
    const overview = (await getHomeData(await sessionUser(collegeAdmin.username))).overview!;
    expect(overview.scope).toBe("college");
    // The college admin's own profile counts only if they are a counselor; they are not.
    expect(overview.counselors).toBe(2);
    expect(overview.stageCounts).toEqual({ NOVICE: 1, GROWING: 0, EXPERIENCED: 0, EXPERT: 1 });
    expect(overview.studios).toBe(1);
  });

  it("gives a college admin whose account has no college no figures at all, not the school's", async () => {
    const unassigned = await buildUser({ roles: ["COLLEGE_ADMIN"], college: null });
    const home = await getHomeData(await sessionUser(unassigned.username));
    expect(home.overview).toBeNull();
  });

  it("follows the stage thresholds in the school settings", async () => {
    // A year and a month in service, as a teaching assistant: 初任期 under the default two years.
    const user = await sessionUser((await buildUser({ years: 1, title: "TEACHING_ASSISTANT" })).username);
    expect((await getHomeData(user)).career?.stage).toBe("NOVICE");
    await prisma.setting.update({
      where: { key: "school" },
      data: { value: { schoolName: "示范大学", stageThresholds: { growingAfterYears: 1, experiencedAfterYears: 4, expertTitles: ["PROFESSOR"] } } },
    });
    try {
      const home = await getHomeData(user, new Date(Date.now() + 90 * 86_400_000));
      expect(home.career?.stage).toBe("GROWING");
    } finally {
      await prisma.setting.update({ where: { key: "school" }, data: { value: { schoolName: "示范大学" } } });
    }
  });
});
