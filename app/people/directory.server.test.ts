import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import type { ProfessionalTitle } from "~/generated/prisma/enums.ts";
import { anniversary } from "~/lib/calendar-date.ts";
import { buildCollege, buildStudio, buildUser, unique, type UserOptions } from "../../tests/support/factories.ts";
import { CAREER_STAGES, DEFAULT_STAGE_THRESHOLDS, deriveCareerStage, stageBoundaries, type StageThresholds } from "./career-stage.ts";
import { DIRECTORY_PAGE_SIZE, listDirectory } from "./directory.server.ts";
import { nameKeys } from "./name-keys.ts";
import { parseDirectoryFilters } from "./schemas.ts";
import { stageCondition, stageExpression } from "./stage-sql.server.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const beijing = (isoDateTime: string) => new Date(`${isoDateTime}+08:00`);

/** Instants to judge at: ordinary days, month ends, 29 February, and just before/after Beijing midnight. */
const MOMENTS = [
  beijing("2026-11-21T10:00"),
  beijing("2026-11-20T23:59"),
  beijing("2026-11-21T00:00"),
  beijing("2026-02-28T12:00"),
  beijing("2026-03-01T00:00"),
  beijing("2028-02-29T08:00"),
  beijing("2027-12-31T23:30"),
];

/** Start days on and around every anniversary that matters for those moments, plus 29 February starts. */
function startDays(): Date[] {
  const days = new Set<string>();
  for (const moment of MOMENTS) {
    const today = new Date(`${moment.toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" })}T00:00:00Z`);
    for (const years of [1, 2, 3, 4, 5, 6]) {
      const base = anniversary(today, -years);
      for (const offset of [-2, -1, 0, 1, 2]) days.add(addDays(base, offset).toISOString().slice(0, 10));
    }
  }
  for (const leap of ["2020-02-29", "2022-02-28", "2022-03-01", "2024-02-29", "2024-02-28", "2024-03-01", "2023-02-28"]) days.add(leap);
  return [...days].sort().map(day);
}

const PREFIX = "stagesql";
let profiles: Array<{ userId: string; counselorSince: Date | null; title: ProfessionalTitle }> = [];

beforeAll(async () => {
  const college = await buildCollege();
  const starts: Array<Date | null> = [...startDays(), null];
  const titles: ProfessionalTitle[] = ["NONE", "LECTURER", "ASSOCIATE_PROFESSOR", "PROFESSOR"];
  profiles = starts.flatMap((since, i) => titles.map((title, j) => ({ userId: `${PREFIX}-${i}-${j}`, counselorSince: since, title })));
  await prisma.user.createMany({
    data: profiles.map((p) => ({ id: p.userId, username: p.userId, name: "测试", passwordHash: "x", roles: ["COUNSELOR"], collegeId: college.id })),
  });
  await prisma.counselorProfile.createMany({ data: profiles.map((p) => ({ userId: p.userId, counselorSince: p.counselorSince, title: p.title })) });
});

async function sqlStages(now: Date, thresholds: StageThresholds) {
  const b = stageBoundaries(now, thresholds);
  const byCondition = new Map<string, string>();
  for (const stage of CAREER_STAGES) {
    const rows = await prisma.$queryRaw<Array<{ userId: string }>>`
      SELECT p."userId" FROM "CounselorProfile" p WHERE p."userId" LIKE ${`${PREFIX}-%`} AND ${stageCondition("p", stage, b)}`;
    for (const row of rows) {
      expect(byCondition.has(row.userId), `${row.userId} matched two stages`).toBe(false);
      byCondition.set(row.userId, stage);
    }
  }
  const expression = await prisma.$queryRaw<Array<{ userId: string; stage: string }>>`
    SELECT p."userId", ${stageExpression("p", b)} AS stage FROM "CounselorProfile" p WHERE p."userId" LIKE ${`${PREFIX}-%`}`;
  return { byCondition, byExpression: new Map(expression.map((r) => [r.userId, r.stage])) };
}

describe("career stage in SQL", () => {
  it("agrees with deriveCareerStage for every profile at every moment, with default and custom thresholds", async () => {
    const custom: StageThresholds = { growingAfterYears: 3, experiencedAfterYears: 5, expertTitles: ["PROFESSOR"] };
    let compared = 0;
    for (const thresholds of [DEFAULT_STAGE_THRESHOLDS, custom]) {
      for (const now of MOMENTS) {
        const { byCondition, byExpression } = await sqlStages(now, thresholds);
        for (const profile of profiles) {
          const expected = deriveCareerStage(profile, now, thresholds).stage;
          const context = `${profile.userId} since ${profile.counselorSince?.toISOString().slice(0, 10)} ${profile.title} at ${now.toISOString()}`;
          expect(byCondition.get(profile.userId), context).toBe(expected);
          expect(byExpression.get(profile.userId), context).toBe(expected);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it("moves a counselor into 成长期 on the two-year anniversary without any edit", async () => {
    const row = profiles.find((p) => p.counselorSince?.getTime() === day("2024-11-21").getTime() && p.title === "LECTURER")!;
    const stageAt = async (now: Date) => (await sqlStages(now, DEFAULT_STAGE_THRESHOLDS)).byCondition.get(row.userId);
    await expect(stageAt(beijing("2026-11-20T23:59"))).resolves.toBe("NOVICE");
    await expect(stageAt(beijing("2026-11-21T00:00"))).resolves.toBe("GROWING");
  });
});

describe("personnel directory", () => {
  const context = () => ({ now: new Date(), thresholds: DEFAULT_STAGE_THRESHOLDS });
  const list = (query: string) => listDirectory(parseDirectoryFilters(new URLSearchParams(query)), context());

  it("lists active people with a profile, 25 to a page, with their derived stage and studios", async () => {
    const first = await list("");
    const total = await prisma.counselorProfile.count({ where: { user: { active: true } } });
    expect(first.total).toBe(total);
    expect(first.rows).toHaveLength(DIRECTORY_PAGE_SIZE);
    expect(first.pages).toBe(Math.ceil(total / DIRECTORY_PAGE_SIZE));
    const college = await buildCollege();
    const studio = await buildStudio({ leader: { college } });
    const rows = (await list(`q=${encodeURIComponent(studio.leader.name)}`)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: studio.leader.username, stage: "EXPERT", collegeName: college.name });
    expect(rows[0]!.studios).toEqual([expect.objectContaining({ name: studio.name, role: "LEADER" })]);
  });

  it("filters by college, stage, group, specialty and title together", async () => {
    const college = await buildCollege();
    const fits: UserOptions = { college, stage: "NOVICE", specialties: ["MENTAL_HEALTH"], groups: ["NEW_HIRES"], title: "TEACHING_ASSISTANT" };
    const match = await buildUser(fits);
    // Each of these misses exactly one condition.
    await buildUser({ ...fits, college: await buildCollege() });
    await buildUser({ ...fits, stage: "GROWING" });
    await buildUser({ ...fits, specialties: ["CAREER"] });
    await buildUser({ ...fits, groups: ["BACKBONE"] });
    await buildUser({ ...fits, title: "LECTURER", stage: "NOVICE" });
    const result = await list(`collegeId=${college.id}&stage=NOVICE&duty=MENTAL_HEALTH&group=NEW_HIRES&title=TEACHING_ASSISTANT`);
    expect(result.rows.map((r) => r.username)).toEqual([match.username]);
    for (const row of result.rows) {
      expect(row.collegeName).toBe(college.name);
      expect(row.stage).toBe("NOVICE");
      expect(row.specialties).toContain("MENTAL_HEALTH");
      expect(row.title).toBe("TEACHING_ASSISTANT");
    }
  });

  it("searches names, 工号 prefixes, specialty tags and interests, treating % and _ literally", async () => {
    const tag = unique("新媒体运营");
    const topic = unique("朋辈互助");
    const person = await buildUser({ username: unique("gonghao"), specialtyTags: [tag], researchInterests: `关于${topic}的实践研究` });
    const found = async (q: string) => (await list(`q=${encodeURIComponent(q)}`)).rows.map((r) => r.username);
    expect(await found(person.name)).toEqual([person.username]);
    expect(await found(tag)).toEqual([person.username]);
    expect(await found(topic)).toEqual([person.username]);
    expect(await found(person.username.slice(0, -2))).toEqual([person.username]);
    expect((await list("q=%25")).total).toBe(0);
    expect((await list("q=_")).total).toBe(0);
  });

  it("hides disabled accounts", async () => {
    const person = await buildUser();
    const found = async () => (await list(`q=${encodeURIComponent(person.name)}`)).rows.map((r) => r.username);
    expect(await found()).toEqual([person.username]);
    await prisma.user.update({ where: { id: person.id }, data: { active: false } });
    expect(await found()).toEqual([]);
  });

  it("ignores filter values that do not exist instead of failing", async () => {
    const all = await list("");
    const junk = await list("stage=SENIOR&duty=COOKING&title=KING&page=abc");
    expect(junk.total).toBe(all.total);
    expect(junk.page).toBe(1);
  });

  it("sorts names by pinyin, the surname read as a surname, then by 工号 (decision 015; surnames in name-order.server.test.ts)", async () => {
    const { rows } = await list("");
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...rows].sort((a, b) => order(nameKeys(a.name).nameSortKey, nameKeys(b.name).nameSortKey) || order(a.username, b.username));
    expect(rows.map((r) => r.username)).toEqual(sorted.map((r) => r.username));
  });

  it("pages beyond the end are empty but still count", async () => {
    const far = await list("page=9999");
    expect(far.rows).toEqual([]);
    expect(far.total).toBeGreaterThan(0);
  });
});
