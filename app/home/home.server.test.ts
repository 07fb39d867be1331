import { describe, expect, it } from "vitest";
import { getUserFromCookieHeader, createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { collegeAdminWithoutCollege } from "../../tests/support/personas.ts";
import { getHomeData } from "./home.server.ts";

async function sessionUser(username: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { username } });
  const response = await createUserSession(new Request("http://localhost/login"), user.id, "/");
  return (await getUserFromCookieHeader(response.headers.get("Set-Cookie")!.split(";")[0]))!;
}

describe("home page data", () => {
  it("shows the demo counselor in 初任期 with no studio yet", async () => {
    const home = await getHomeData(await sessionUser("counselor"));
    expect(home.career?.stage).toBe("NOVICE");
    expect(home.career?.next?.stage).toBe("GROWING");
    expect(home.collegeName).toBe("信息科学与工程学院");
    expect(home.studios).toEqual([]);
    expect(home.overview).toBeNull();
  });

  it("shows the leader's studio and their 成熟期", async () => {
    const home = await getHomeData(await sessionUser("leader"));
    expect(home.career?.stage).toBe("EXPERT");
    expect(home.studios).toEqual([expect.objectContaining({ name: "“心晴”心理健康教育辅导员工作室", role: "LEADER", duty: "MENTAL_HEALTH" })]);
  });

  it("shows a mentor the directions they mentor", async () => {
    const home = await getHomeData(await sessionUser("mentor"));
    expect(home.mentoring?.kind).toBe("INTERNAL");
    expect(home.mentoring?.directions.map((d) => d.studio)).toContain("“心晴”心理健康教育辅导员工作室");
  });

  it("gives 学工部 school-wide figures that add up", async () => {
    const home = await getHomeData(await sessionUser("admin"));
    const overview = home.overview!;
    expect(overview.scope).toBe("school");
    expect(overview.studios).toBe(12);
    expect(overview.dutiesCovered).toBe(9);
    const counselors = await prisma.user.count({ where: { roles: { has: "COUNSELOR" }, active: true } });
    expect(overview.counselors).toBe(counselors);
    expect(Object.values(overview.stageCounts).reduce((a, b) => a + b, 0)).toBe(counselors);
  });

  it("gives a college admin only their own college's figures", async () => {
    const user = await sessionUser("college");
    const overview = (await getHomeData(user)).overview!;
    expect(overview.scope).toBe("college");
    const own = await prisma.user.count({ where: { roles: { has: "COUNSELOR" }, active: true, collegeId: user.collegeId } });
    expect(overview.counselors).toBe(own);
    expect(overview.counselors).toBeLessThan(150);
  });

  it("gives a college admin whose account has no college no figures at all, not the school's", async () => {
    const home = await getHomeData(await sessionUser(await collegeAdminWithoutCollege()));
    expect(home.overview).toBeNull();
  });

  it("follows the stage thresholds in the school settings", async () => {
    const user = await sessionUser("counselor");
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
