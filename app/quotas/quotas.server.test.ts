import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import type { Duty, TargetGroup } from "~/generated/prisma/enums.ts";
import { isUserError } from "~/lib/user-error.ts";
import { hoursEntryData, trainingYear } from "~/training/ledger.server.ts";
import { buildCamp, buildStudio, buildUser, unique, type BuiltUser, type UserOptions } from "../../tests/support/factories.ts";
import { cancelQuota, createQuota, decideQuota, quotaPage, rankCandidates, savePicks } from "./quotas.server.ts";
import type { Reason } from "./ranking.ts";
import { quotaSchema, type QuotaInput } from "./schemas.ts";

/**
 * Quotas on the real database: who is ranked, how each factor moves a candidate, what re-ranking
 * keeps, the seats limit, the decision and its notifications, cancelling.
 */

let admin: BuiltUser;

beforeAll(async () => {
  admin = await buildUser({ roles: ["ADMIN"] });
}, 120_000);

/** A camp whose results are released, with the given people's totals and duty shares (earned of 10). */
async function releasedCamp(people: Array<{ user: BuiltUser; total: number | null; duties?: Partial<Record<Duty, number>> }>) {
  const camp = await buildCamp({ status: "RELEASED", participants: people.map(({ user }) => ({ id: user.id, collegeId: user.collegeId })) });
  await prisma.camp.update({ where: { id: camp.id }, data: { releasedAt: new Date() } });
  for (const { user, total, duties } of people) {
    await prisma.campParticipant.update({ where: { campId_userId: { campId: camp.id, userId: user.id } }, data: { total } });
    const rows = Object.entries(duties ?? {}).map(([duty, earned]) => ({ campId: camp.id, userId: user.id, duty: duty as Duty, earned, possible: 10 }));
    if (rows.length) await prisma.campDutyScore.createMany({ data: rows });
  }
  const title = (await prisma.camp.findUniqueOrThrow({ where: { id: camp.id }, select: { title: true } })).title;
  return { id: camp.id, title };
}

async function newQuota(input: Partial<QuotaInput> = {}) {
  const parsed = quotaSchema.parse({ title: unique("省级培训名额"), kind: "PROVINCIAL_TRAINING", seats: "2", ...input });
  return createQuota(parsed, admin.id);
}

async function candidate(quotaId: string, userId: string) {
  const row = await prisma.quotaCandidate.findUnique({ where: { quotaId_userId: { quotaId, userId } } });
  return row && { ...row, score: Number(row.score), reasons: row.reasons as unknown as Reason[] };
}

const reasonKeys = (row: { reasons: Reason[] } | null) => row?.reasons.map((reason) => reason.key) ?? [];

/** Two counselors alike in everything the ranking reads (stage, groups, no hours, no outputs, no camp result). */
async function twins(options: UserOptions = {}) {
  return [await buildUser(options), await buildUser(options)] as const;
}

describe("ranking candidates", () => {
  it("ranks a better camp total higher, says the place, and counts duties above and below the stage's median", async () => {
    const [first, second] = await twins();
    const third = await buildUser();
    // Medians per duty over the three: IDEOLOGY 5, CRISIS 5. The first is strong in IDEOLOGY, the second weak in CRISIS.
    const camp = await releasedCamp([
      { user: first, total: 92, duties: { IDEOLOGY: 9, CRISIS: 5 } },
      { user: second, total: 70, duties: { IDEOLOGY: 5, CRISIS: 1 } },
      { user: third, total: 50, duties: { IDEOLOGY: 4, CRISIS: 6 } },
    ]);
    const quota = await newQuota({ campId: camp.id });
    const [a, b, c] = [await candidate(quota.id, first.id), await candidate(quota.id, second.id), await candidate(quota.id, third.id)];
    expect(a!.reasons).toContainEqual({ key: "quotas.reasons.campRank", params: { camp: camp.title, rank: 1, count: 3 }, points: 40 });
    expect(b!.reasons).toContainEqual({ key: "quotas.reasons.campRank", params: { camp: camp.title, rank: 2, count: 3 }, points: 20 });
    expect(c!.reasons).toContainEqual({ key: "quotas.reasons.campRank", params: { camp: camp.title, rank: 3, count: 3 }, points: 0 });
    expect(a!.reasons).toContainEqual({ key: "quotas.reasons.campStrong", params: { duties: "IDEOLOGY" }, points: 2 });
    expect(b!.reasons).toContainEqual({ key: "quotas.reasons.campWeak", params: { duties: "CRISIS" }, points: -2 });
    expect(a!.score - b!.score).toBe(24);
    expect(a!.rank).toBeLessThan(b!.rank);
    expect(b!.rank).toBeLessThan(c!.rank);
  });

  it("ranks more training hours this year higher, from the hours ledger", async () => {
    const [busy, idle] = await twins();
    await prisma.trainingHoursEntry.create({
      data: hoursEntryData({ userId: busy.id, year: trainingYear(new Date()), hours: 48, source: "IMPORT", sourceId: null, title: "测试培训", platform: null, level: "SCHOOL", createdById: null }),
    });
    // Last year's hours do not count for this year.
    await prisma.trainingHoursEntry.create({
      data: hoursEntryData({ userId: idle.id, year: trainingYear(new Date()) - 1, hours: 30, source: "IMPORT", sourceId: null, title: "去年培训", platform: null, level: "SCHOOL", createdById: null }),
    });
    const quota = await newQuota();
    const [a, b] = [await candidate(quota.id, busy.id), await candidate(quota.id, idle.id)];
    expect(a!.reasons).toContainEqual({ key: "quotas.reasons.hours", params: { hours: 48 }, points: 20 });
    expect(b!.reasons).toContainEqual({ key: "quotas.reasons.hours", params: { hours: 0 }, points: 0 });
    expect(a!.rank).toBeLessThan(b!.rank);
  });

  it("ranks studio outputs of the last three years higher; older ones do not count", async () => {
    const [author, other] = await twins();
    const studio = await buildStudio();
    const year = trainingYear(new Date());
    for (const [title, date, who] of [
      ["近期成果", new Date(Date.UTC(year, 0, 15)), author],
      ["旧成果", new Date(Date.UTC(year - 5, 5, 1)), other],
    ] as const) {
      await prisma.output.create({ data: { studioId: studio.id, type: "PAPER", title, date, authors: { create: { userId: who.id, name: who.name, position: 1 } } } });
    }
    const quota = await newQuota();
    const [a, b] = [await candidate(quota.id, author.id), await candidate(quota.id, other.id)];
    expect(a!.reasons).toContainEqual({ key: "quotas.reasons.outputs", params: { count: 1 }, points: 5 });
    expect(b!.reasons).toContainEqual({ key: "quotas.reasons.outputs", params: { count: 0 }, points: 0 });
    expect(a!.score - b!.score).toBe(5);
  });

  it("ranks someone in more of the groups asked for higher, and leaves out counselors in none of them", async () => {
    const both = await buildUser({ groups: ["BACKBONE", "NEW_HIRES"] });
    const one = await buildUser({ groups: ["BACKBONE"] });
    const none = await buildUser({ groups: ["AFFAIRS_CADRES"] as TargetGroup[] });
    const quota = await newQuota({ groups: ["BACKBONE", "NEW_HIRES"] });
    const [a, b] = [await candidate(quota.id, both.id), await candidate(quota.id, one.id)];
    expect(a!.reasons).toContainEqual({ key: "quotas.reasons.groups", params: { groups: "BACKBONE,NEW_HIRES" }, points: 10 });
    expect(b!.reasons).toContainEqual({ key: "quotas.reasons.groups", params: { groups: "BACKBONE" }, points: 5 });
    expect(a!.rank).toBeLessThan(b!.rank);
    expect(await candidate(quota.id, none.id)).toBeNull();
  });

  it("leaves out counselors of a stage not asked for, inactive ones and people who are not counselors", async () => {
    const growing = await buildUser({ stage: "GROWING" });
    const novice = await buildUser({ stage: "NOVICE" });
    const inactive = await buildUser({ stage: "GROWING", active: false });
    const mentor = await buildUser({ roles: ["MENTOR"], stage: "GROWING", profile: true });
    const quota = await newQuota({ stages: ["GROWING"] });
    const row = await candidate(quota.id, growing.id);
    expect(row!.reasons[0]).toEqual({ key: "quotas.reasons.stageFit", params: { stage: "GROWING" }, points: 10 });
    for (const person of [novice, inactive, mentor, admin]) expect(await candidate(quota.id, person.id)).toBeNull();
  });

  it("puts a person chosen before below an equal one who was not (a cancelled quota does not count)", async () => {
    const [chosenBefore, fresh] = await twins();
    const earlier = await newQuota({ title: unique("往年名额") });
    await savePicks(earlier.id, { shown: [chosenBefore.id], chosen: [chosenBefore.id] }, admin.id);
    await decideQuota(earlier.id, admin);
    const cancelled = await newQuota({ title: unique("取消的名额") });
    await savePicks(cancelled.id, { shown: [fresh.id], chosen: [fresh.id] }, admin.id);
    await decideQuota(cancelled.id, admin);
    await cancelQuota(cancelled.id, admin);

    const quota = await newQuota();
    const [a, b] = [await candidate(quota.id, chosenBefore.id), await candidate(quota.id, fresh.id)];
    expect(a!.reasons).toContainEqual({ key: "quotas.reasons.earlierChoices", params: { count: 1 }, points: -10 });
    expect(reasonKeys(b)).not.toContain("quotas.reasons.earlierChoices");
    expect(b!.score - a!.score).toBe(10);
    expect(b!.rank).toBeLessThan(a!.rank);
  });

  it("re-ranking keeps the people already chosen, and keeps a chosen person who is no longer eligible", async () => {
    const [kept, later] = await twins({ groups: ["BACKBONE"] });
    const quota = await newQuota({ groups: ["BACKBONE"] });
    await savePicks(quota.id, { shown: [kept.id], chosen: [kept.id] }, admin.id);
    const total = await prisma.quotaCandidate.count({ where: { quotaId: quota.id } });

    await prisma.counselorProfile.update({ where: { userId: kept.id }, data: { groups: [] } });
    await rankCandidates(quota.id, admin.id);
    const row = await candidate(quota.id, kept.id);
    expect(row).toMatchObject({ chosen: true, rank: total });
    expect(reasonKeys(row)).toEqual(["quotas.reasons.noLongerEligible"]);
    expect(await candidate(quota.id, later.id)).toMatchObject({ chosen: false });
    expect(await prisma.quotaCandidate.count({ where: { quotaId: quota.id } })).toBe(total);
  });
});

describe("choosing", () => {
  it("refuses more picks than seats in Chinese and changes nothing", async () => {
    const [a, b] = await twins();
    const c = await buildUser();
    const quota = await newQuota({ seats: "2" });
    await savePicks(quota.id, { shown: [a.id, b.id], chosen: [a.id, b.id] }, admin.id);
    const refused = await savePicks(quota.id, { shown: [c.id], chosen: [c.id] }, admin.id).catch((error: unknown) => error);
    expect(isUserError(refused) && refused.key).toBe("quotas.errors.tooManyPicks");
    expect(isUserError(refused) && refused.params).toEqual({ seats: 2, count: 3 });
    const chosen = await prisma.quotaCandidate.findMany({ where: { quotaId: quota.id, chosen: true }, select: { userId: true } });
    expect(chosen.map((row) => row.userId).sort()).toEqual([a.id, b.id].sort());
    // Unticking one on its page makes room.
    await savePicks(quota.id, { shown: [a.id, b.id], chosen: [a.id] }, admin.id);
    await savePicks(quota.id, { shown: [c.id], chosen: [c.id] }, admin.id);
    expect((await quotaPage(quota.id, 1)).chosen.map((row) => row.userId).sort()).toEqual([a.id, c.id].sort());
  });

  it("refuses to pick someone who is not a candidate", async () => {
    const quota = await newQuota({ stages: ["EXPERT"] });
    const novice = await buildUser({ stage: "NOVICE" });
    const refused = await savePicks(quota.id, { shown: [novice.id], chosen: [novice.id] }, admin.id).catch((error: unknown) => error);
    expect(isUserError(refused) && refused.key).toBe("quotas.errors.notCandidate");
    expect(await candidate(quota.id, novice.id)).toBeNull();
  });

  it("decides: the quota is decided by the admin, the chosen are notified, and nothing more can change", async () => {
    const [a, b] = await twins();
    const quota = await newQuota({ seats: "3" });
    await savePicks(quota.id, { shown: [a.id, b.id], chosen: [a.id] }, admin.id);
    expect(await decideQuota(quota.id, admin)).toEqual({ notified: 1 });

    const page = await quotaPage(quota.id, 1);
    expect(page.quota).toMatchObject({ status: "DECIDED", decidedById: admin.id, decidedBy: admin.name });
    expect(page.chosen).toHaveLength(1);
    expect(page.chosen[0]).toMatchObject({ userId: a.id, chosen: true });
    expect(page.chosen[0]!.notifiedAt).not.toBeNull();
    const notices = await prisma.notification.findMany({ where: { userId: { in: [a.id, b.id] }, type: "quotas.notices.chosen" } });
    expect(notices.map((n) => [n.userId, (n.data as { title: string }).title])).toEqual([[a.id, page.quota.title]]);
    expect(await prisma.auditLog.count({ where: { entityId: quota.id, action: "quota.decide", actorId: admin.id } })).toBe(1);

    for (const attempt of [() => savePicks(quota.id, { shown: [b.id], chosen: [b.id] }, admin.id), () => rankCandidates(quota.id, admin.id), () => decideQuota(quota.id, admin)]) {
      const refused = await attempt().catch((error: unknown) => error);
      expect(isUserError(refused) && refused.key).toBe("quotas.errors.alreadyDecided");
    }
    expect(await candidate(quota.id, b.id)).toMatchObject({ chosen: false });
  });

  it("refuses to decide with nobody chosen", async () => {
    const quota = await newQuota();
    const refused = await decideQuota(quota.id, admin).catch((error: unknown) => error);
    expect(isUserError(refused) && refused.key).toBe("quotas.errors.noPicks");
    expect((await prisma.quota.findUniqueOrThrow({ where: { id: quota.id } })).status).toBe("OPEN");
  });

  it("cancelling a decided quota tells the chosen; a cancelled quota cannot be cancelled again", async () => {
    const person = await buildUser();
    const quota = await newQuota();
    await savePicks(quota.id, { shown: [person.id], chosen: [person.id] }, admin.id);
    await decideQuota(quota.id, admin);
    await cancelQuota(quota.id, admin);
    expect((await prisma.quota.findUniqueOrThrow({ where: { id: quota.id } })).status).toBe("CANCELLED");
    expect(await prisma.notification.count({ where: { userId: person.id, type: "quotas.notices.cancelled" } })).toBe(1);
    const again = await cancelQuota(quota.id, admin).catch((error: unknown) => error);
    expect(isUserError(again) && again.key).toBe("quotas.errors.alreadyCancelled");
  });
});

describe("creating", () => {
  it("refuses a camp whose results are not released, and writes nothing", async () => {
    const camp = await buildCamp({ status: "SCORING" });
    const title = unique("未发布训练营名额");
    const refused = await newQuota({ title, campId: camp.id }).catch((error: unknown) => error);
    expect(isUserError(refused) && refused.key).toBe("quotas.errors.campNotReleased");
    expect(await prisma.quota.count({ where: { title } })).toBe(0);
  });

  it("records who created it and says when no camp has released results", async () => {
    // The copy of the demo database may hold a released camp; this quota names none of its own.
    const person = await buildUser();
    const quota = await newQuota();
    const row = await candidate(quota.id, person.id);
    const released = await prisma.camp.findFirst({ where: { releasedAt: { not: null } }, orderBy: { releasedAt: "desc" } });
    expect(reasonKeys(row)).toContain(released ? "quotas.reasons.campNoResult" : "quotas.reasons.campNone");
    expect(await prisma.quota.findUniqueOrThrow({ where: { id: quota.id } })).toMatchObject({ createdById: admin.id, status: "OPEN" });
  });
});
