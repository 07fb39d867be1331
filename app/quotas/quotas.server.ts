import type { SessionUser } from "~/auth/session.server.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import { DUTIES, stageMedians, weakAreas, type Radar } from "~/camp/results.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { Duty, QuotaStatus } from "~/generated/prisma/enums.ts";
import { UserError } from "~/lib/user-error.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { deriveCareerStage, type CareerStage } from "~/people/career-stage.ts";
import { whoMay } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { hoursSummaries, trainingYear } from "~/training/ledger.server.ts";
import { compareCandidates, isEligible, OUTPUT_YEARS, placesByTotal, POINTS, scoreCandidate, type CandidateFacts, type Reason } from "./ranking.ts";
import type { QuotaValue } from "./schemas.ts";

/**
 * Quotas (推荐名额, issue 20 §7, decision 089): 学工部 records a place that came (a provincial
 * training place, a competition team, study abroad), the product ranks the eligible counselors
 * with their reasons (ranking.ts), the admin ticks up to `seats` of them, confirms, and the chosen
 * are notified. Routes authorise "quota:manage" before calling anything here.
 */

export const QUOTAS_PAGE_SIZE = 20;
export const CANDIDATES_PAGE_SIZE = 20;
/** Ranking reads every counselor's figures: allow for a school of thousands. */
const RANKING_TRANSACTION = { maxWait: 30_000, timeout: 60_000 } as const;

/** A page of quotas, newest first, with how many are chosen. */
export async function listQuotas(filters: { status?: QuotaStatus }, page: number, db: Db = prisma) {
  const where: Prisma.QuotaWhereInput = filters.status ? { status: filters.status } : {};
  const [total, rows] = await Promise.all([
    db.quota.count({ where }),
    db.quota.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * QUOTAS_PAGE_SIZE,
      take: QUOTAS_PAGE_SIZE,
      select: { id: true, title: true, kind: true, seats: true, status: true, dueOn: true, _count: { select: { candidates: { where: { chosen: true } } } } },
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / QUOTAS_PAGE_SIZE)),
    quotas: rows.map(({ _count, ...quota }) => ({ ...quota, chosen: _count.candidates })),
  };
}

/** The camps whose results are released, newest first: what a quota may draw on. */
export function releasedCamps(db: Db = prisma) {
  return db.camp.findMany({ where: { releasedAt: { not: null } }, orderBy: [{ releasedAt: "desc" }, { id: "asc" }], select: { id: true, title: true, year: true } });
}

/** Creates a quota and ranks its candidates in the same transaction. */
export async function createQuota(input: QuotaValue, actorId: string): Promise<{ id: string }> {
  return prisma.$transaction(async (tx) => {
    if (input.campId && !(await tx.camp.findFirst({ where: { id: input.campId, releasedAt: { not: null } }, select: { id: true } }))) {
      throw new UserError("quotas.errors.campNotReleased", {}, { status: 400, field: "campId" });
    }
    const quota = await tx.quota.create({
      data: {
        title: input.title,
        kind: input.kind,
        seats: input.seats,
        description: input.description,
        eligibleStages: input.stages,
        eligibleGroups: input.groups,
        campId: input.campId ?? null,
        dueOn: input.dueOn ?? null,
        createdById: actorId,
      },
      select: { id: true },
    });
    await recordAudit(tx, { actorId, action: "quota.create", entityType: "Quota", entityId: quota.id, data: { title: input.title, seats: input.seats } });
    await rankWithin(tx, quota.id, new Date());
    return quota;
  }, RANKING_TRANSACTION);
}

/** Ranks the candidates again from today's figures; people already chosen stay chosen. */
export async function rankCandidates(quotaId: string, actorId: string, now = new Date()): Promise<{ count: number }> {
  return prisma.$transaction(async (tx) => {
    await lockOpenQuota(tx, quotaId);
    const count = await rankWithin(tx, quotaId, now);
    await recordAudit(tx, { actorId, action: "quota.rank", entityType: "Quota", entityId: quotaId, data: { candidates: count } });
    return { count };
  }, RANKING_TRANSACTION);
}

/** The quota, locked against a concurrent pick, decision or re-rank; refused unless still open. */
async function lockOpenQuota(tx: Db, quotaId: string) {
  await tx.$queryRaw`SELECT id FROM "Quota" WHERE id = ${quotaId} FOR UPDATE`;
  const quota = await tx.quota.findUnique({ where: { id: quotaId }, select: { id: true, title: true, seats: true, status: true } });
  if (!quota) throw new Response("Not Found", { status: 404 });
  if (quota.status === "DECIDED") throw new UserError("quotas.errors.alreadyDecided");
  if (quota.status === "CANCELLED") throw new UserError("quotas.errors.alreadyCancelled");
  return quota;
}

/**
 * Computes every eligible counselor's score and writes the candidate rows: rows of people not
 * chosen are replaced; a chosen person keeps their row (rank and reasons refreshed, or, if no
 * longer eligible, placed after the eligible with a reason saying so). Returns how many are eligible.
 */
async function rankWithin(tx: Db, quotaId: string, now: Date): Promise<number> {
  const quota = await tx.quota.findUniqueOrThrow({ where: { id: quotaId }, select: { eligibleStages: true, eligibleGroups: true, campId: true } });
  const asks = { stages: quota.eligibleStages, groups: quota.eligibleGroups };
  const { stageThresholds } = await getSchoolSettings();
  const people = await tx.user.findMany({
    where: { AND: [whoMay("training:view-menu"), { active: true }, asks.groups.length ? { profile: { groups: { hasSome: asks.groups } } } : {}] },
    select: { id: true, name: true, username: true, nameSortKey: true, profile: { select: { counselorSince: true, title: true, groups: true } } },
  });
  const eligible = people
    .map((person) => ({
      ...person,
      stage: deriveCareerStage(person.profile ?? { counselorSince: null, title: "NONE" }, now, stageThresholds).stage,
      groups: person.profile?.groups ?? [],
    }))
    .filter((person) => isEligible(asks, person));
  const ids = eligible.map((person) => person.id);

  // One after another: they share the transaction's one connection.
  const camp = await campStanding(tx, quota.campId);
  const hours = await hoursSummaries(ids, trainingYear(now), tx);
  const outputs = await outputCounts(tx, ids, now);
  const earlier = await earlierChoices(tx, ids, quotaId);

  const scored = eligible
    .map((person) => {
      const facts: CandidateFacts = {
        stage: person.stage,
        groups: person.groups,
        camp: camp && (camp.standing.get(person.id) ? { title: camp.title, ...camp.standing.get(person.id)! } : { title: camp.title, rank: null }),
        hoursThisYear: hours.get(person.id)?.hours ?? 0,
        outputs: outputs.get(person.id) ?? 0,
        earlierChoices: earlier.get(person.id) ?? 0,
      };
      return { userId: person.id, sortKey: `${person.nameSortKey ?? person.name}\u0000${person.username}`, earlierChoices: facts.earlierChoices, ...scoreCandidate(asks, facts) };
    })
    .sort(compareCandidates);

  const chosen = await tx.quotaCandidate.findMany({ where: { quotaId, chosen: true }, select: { userId: true, reasons: true } });
  const chosenIds = new Set(chosen.map((row) => row.userId));
  await tx.quotaCandidate.deleteMany({ where: { quotaId, chosen: false } });
  const rows = scored.map((candidate, index) => ({
    quotaId,
    userId: candidate.userId,
    rank: index + 1,
    score: candidate.score,
    reasons: candidate.reasons as unknown as Prisma.InputJsonValue,
  }));
  await tx.quotaCandidate.createMany({ data: rows.filter((row) => !chosenIds.has(row.userId)) });
  for (const row of rows.filter((row) => chosenIds.has(row.userId))) {
    await tx.quotaCandidate.update({ where: { quotaId_userId: { quotaId, userId: row.userId } }, data: { rank: row.rank, score: row.score, reasons: row.reasons } });
  }
  const stillEligible = new Set(rows.map((row) => row.userId));
  const noLonger: Reason = { key: "quotas.reasons.noLongerEligible", params: {}, points: 0 };
  let next = rows.length;
  for (const row of chosen.filter((row) => !stillEligible.has(row.userId))) {
    next += 1;
    await tx.quotaCandidate.update({ where: { quotaId_userId: { quotaId, userId: row.userId } }, data: { rank: next, reasons: [noLonger] as unknown as Prisma.InputJsonValue } });
  }
  return rows.length;
}

type Standing = { rank: number; of: number; strong: Duty[]; weak: Duty[] };

/**
 * The camp a quota draws on (its own, or the latest with released results) and each participant's
 * place by total and their strong and weak duties against their stage's median (results.ts).
 */
async function campStanding(tx: Db, campId: string | null): Promise<{ title: string; standing: Map<string, Standing> } | null> {
  const camp = await tx.camp.findFirst({
    where: campId ? { id: campId, releasedAt: { not: null } } : { releasedAt: { not: null } },
    orderBy: [{ releasedAt: "desc" }, { id: "asc" }],
    select: { id: true, title: true },
  });
  if (!camp) return null;
  const participants = await tx.campParticipant.findMany({ where: { campId: camp.id }, select: { userId: true, stage: true, total: true } });
  const dutyScores = await tx.campDutyScore.findMany({ where: { campId: camp.id }, select: { userId: true, duty: true, earned: true, possible: true } });
  const radars = new Map<string, Radar>(participants.map((p) => [p.userId, Object.fromEntries(DUTIES.map((duty) => [duty, null])) as Radar]));
  for (const row of dutyScores) {
    const radar = radars.get(row.userId);
    if (radar && Number(row.possible) > 0) radar[row.duty] = Number(row.earned) / Number(row.possible);
  }
  const medians = stageMedians(participants.map((p) => ({ stage: p.stage as CareerStage, radar: radars.get(p.userId)! })));
  const withTotal = participants.filter((p) => p.total !== null).map((p) => ({ userId: p.userId, total: Number(p.total) }));
  const places = placesByTotal(withTotal);
  const standing = new Map<string, Standing>();
  for (const p of participants) {
    const place = places.get(p.userId);
    if (place === undefined) continue;
    const radar = radars.get(p.userId)!;
    const median = medians.get(p.stage as CareerStage)!;
    const weak = weakAreas(radar, median, { mode: "BELOW_MEDIAN", margin: POINTS.dutyMargin }).map((area) => area.duty);
    const strong = DUTIES.filter((duty) => radar[duty] !== null && median[duty] !== null && radar[duty]! - median[duty]! > POINTS.dutyMargin + 1e-9).sort(
      (a, b) => radar[b]! - median[b]! - (radar[a]! - median[a]!),
    );
    standing.set(p.userId, { rank: place, of: withTotal.length, strong, weak });
  }
  return { title: camp.title, standing };
}

/** Studio outputs (成果) each person is an author of, dated in this year or the two before (as the studios feature counts them: OutputAuthor). */
async function outputCounts(tx: Db, ids: string[], now: Date): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const since = new Date(Date.UTC(trainingYear(now) - (OUTPUT_YEARS - 1), 0, 1));
  const rows = await tx.$queryRaw<Array<{ userId: string; count: bigint }>>`
    SELECT a."userId", count(DISTINCT a."outputId") AS count
    FROM "OutputAuthor" a JOIN "Output" o ON o.id = a."outputId"
    WHERE a."userId" = ANY(${ids}::text[]) AND o.date >= ${since}::date
    GROUP BY a."userId"`;
  return new Map(rows.map((row) => [row.userId, Number(row.count)]));
}

/** How often each person was chosen for another quota that was decided (a cancelled quota gave nobody anything). */
async function earlierChoices(tx: Db, ids: string[], quotaId: string): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await tx.quotaCandidate.groupBy({
    by: ["userId"],
    where: { userId: { in: ids }, chosen: true, quotaId: { not: quotaId }, quota: { status: "DECIDED" } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.userId, row._count._all]));
}

/** A quota's title and how many are chosen (what the page's confirmations quote); 404 when there is none. */
export async function quotaHeading(quotaId: string, db: Db = prisma) {
  const quota = await db.quota.findUnique({ where: { id: quotaId }, select: { id: true, title: true, _count: { select: { candidates: { where: { chosen: true } } } } } });
  if (!quota) throw new Response("Not Found", { status: 404 });
  return { id: quota.id, title: quota.title, chosen: quota._count.candidates };
}

/** The quota's page: its facts, who is chosen, and one page of the ranked candidates. */
export async function quotaPage(quotaId: string, page: number, db: Db = prisma) {
  const quota = await db.quota.findUnique({
    where: { id: quotaId },
    select: {
      id: true,
      title: true,
      kind: true,
      description: true,
      seats: true,
      status: true,
      dueOn: true,
      eligibleStages: true,
      eligibleGroups: true,
      decidedAt: true,
      createdAt: true,
      decidedById: true,
      camp: { select: { id: true, title: true } },
    },
  });
  if (!quota) throw new Response("Not Found", { status: 404 });
  const candidateSelect = {
    userId: true,
    rank: true,
    score: true,
    reasons: true,
    chosen: true,
    chosenAt: true,
    notifiedAt: true,
    user: { select: { name: true, username: true, college: { select: { name: true } } } },
  } satisfies Prisma.QuotaCandidateSelect;
  const [total, candidates, chosen, decidedBy] = await Promise.all([
    db.quotaCandidate.count({ where: { quotaId } }),
    db.quotaCandidate.findMany({ where: { quotaId }, orderBy: [{ rank: "asc" }, { userId: "asc" }], skip: (page - 1) * CANDIDATES_PAGE_SIZE, take: CANDIDATES_PAGE_SIZE, select: candidateSelect }),
    db.quotaCandidate.findMany({ where: { quotaId, chosen: true }, orderBy: [{ rank: "asc" }, { userId: "asc" }], select: candidateSelect }),
    quota.decidedById ? db.user.findUnique({ where: { id: quota.decidedById }, select: { name: true } }) : null,
  ]);
  const shape = (row: (typeof candidates)[number]) => ({
    userId: row.userId,
    rank: row.rank,
    score: Number(row.score),
    reasons: row.reasons as unknown as Reason[],
    chosen: row.chosen,
    chosenAt: row.chosenAt,
    notifiedAt: row.notifiedAt,
    name: row.user.name,
    username: row.user.username,
    college: row.user.college?.name ?? null,
  });
  return {
    quota: { ...quota, decidedBy: decidedBy?.name ?? null },
    total,
    page,
    pages: Math.max(1, Math.ceil(total / CANDIDATES_PAGE_SIZE)),
    candidates: candidates.map(shape),
    chosen: chosen.map(shape),
  };
}

/**
 * Saves the ticks of one page of candidates: of the people `shown`, those in `chosen` are picked
 * and the others not; picks on other pages stay. More picks in all than seats is refused, nothing
 * changed.
 */
export async function savePicks(quotaId: string, input: { shown: string[]; chosen: string[] }, actorId: string, now = new Date()): Promise<{ count: number }> {
  return prisma.$transaction(async (tx) => {
    const quota = await lockOpenQuota(tx, quotaId);
    const shown = new Set(input.shown);
    const picked = new Set(input.chosen);
    const known = await tx.quotaCandidate.findMany({ where: { quotaId, userId: { in: [...new Set([...shown, ...picked])] } }, select: { userId: true, chosen: true } });
    if (known.length !== new Set([...shown, ...picked]).size || [...picked].some((id) => !shown.has(id))) throw new UserError("quotas.errors.notCandidate", {}, { status: 400 });
    const elsewhere = await tx.quotaCandidate.count({ where: { quotaId, chosen: true, userId: { notIn: [...shown] } } });
    const count = elsewhere + picked.size;
    if (count > quota.seats) throw new UserError("quotas.errors.tooManyPicks", { seats: quota.seats, count });
    const newlyPicked = known.filter((row) => picked.has(row.userId) && !row.chosen).map((row) => row.userId);
    const unpicked = known.filter((row) => !picked.has(row.userId) && row.chosen).map((row) => row.userId);
    await tx.quotaCandidate.updateMany({ where: { quotaId, userId: { in: newlyPicked } }, data: { chosen: true, chosenAt: now } });
    await tx.quotaCandidate.updateMany({ where: { quotaId, userId: { in: unpicked } }, data: { chosen: false, chosenAt: null } });
    await recordAudit(tx, { actorId, action: "quota.pick", entityType: "Quota", entityId: quotaId, data: { picked: newlyPicked, unpicked, chosen: count } });
    return { count };
  });
}

/** Confirms the choice: the quota is decided, and each chosen person is notified (after the commit). */
export async function decideQuota(quotaId: string, actor: Pick<SessionUser, "id">, now = new Date()): Promise<{ notified: number }> {
  const { deliver, notified } = await prisma.$transaction(async (tx) => {
    const quota = await lockOpenQuota(tx, quotaId);
    const chosen = await tx.quotaCandidate.findMany({ where: { quotaId, chosen: true }, select: { userId: true } });
    if (!chosen.length) throw new UserError("quotas.errors.noPicks");
    if (chosen.length > quota.seats) throw new UserError("quotas.errors.tooManyPicks", { seats: quota.seats, count: chosen.length });
    await tx.quota.update({ where: { id: quotaId }, data: { status: "DECIDED", decidedById: actor.id, decidedAt: now } });
    await tx.quotaCandidate.updateMany({ where: { quotaId, chosen: true }, data: { notifiedAt: now } });
    await recordAudit(tx, { actorId: actor.id, action: "quota.decide", entityType: "Quota", entityId: quotaId, data: { chosen: chosen.map((row) => row.userId) } });
    const deliver = await createNotifications(
      tx,
      chosen.map((row) => ({ userId: row.userId, type: "quotas.notices.chosen", data: { title: quota.title } })),
    );
    return { deliver, notified: chosen.length };
  });
  deliver();
  return { notified };
}

/** Cancels a quota; if it was decided, the people chosen are told it no longer stands. */
export async function cancelQuota(quotaId: string, actor: Pick<SessionUser, "id">): Promise<void> {
  const deliver = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Quota" WHERE id = ${quotaId} FOR UPDATE`;
    const quota = await tx.quota.findUnique({ where: { id: quotaId }, select: { title: true, status: true } });
    if (!quota) throw new Response("Not Found", { status: 404 });
    if (quota.status === "CANCELLED") throw new UserError("quotas.errors.alreadyCancelled");
    await tx.quota.update({ where: { id: quotaId }, data: { status: "CANCELLED" } });
    await recordAudit(tx, { actorId: actor.id, action: "quota.cancel", entityType: "Quota", entityId: quotaId, data: { was: quota.status } });
    if (quota.status !== "DECIDED") return () => {};
    const notified = await tx.quotaCandidate.findMany({ where: { quotaId, chosen: true, notifiedAt: { not: null } }, select: { userId: true } });
    return createNotifications(tx, notified.map((row) => ({ userId: row.userId, type: "quotas.notices.cancelled", data: { title: quota.title } })));
  });
  deliver();
}
