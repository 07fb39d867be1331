import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { CampRoundKind, RoundResultFlag } from "~/generated/prisma/enums.ts";
import { UserError } from "~/lib/user-error.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { computeCampResults, type CampResultsSummary } from "./compute.server.ts";

/**
 * Releasing a camp's results (成绩发布, SCORING → RELEASED): the organiser computes and checks
 * first (what is missing, what is flagged), then releases; the release computes once more, in the
 * same transaction as the status change, and tells every participant where their results are.
 */

export const resultsPath = (campId: string, userId: string) => `/camp/${campId}/results/${userId}`;

export interface RoundCheck {
  roundId: string;
  kind: CampRoundKind;
  /** People of the round. */
  people: number;
  /** Results with a score. */
  scored: number;
  /** Per flag, how many people carry it. */
  flags: Record<RoundResultFlag, number>;
  /** Timed rounds: attempts handed in whose score is still open (short answers being graded). */
  ungradedAttempts: number;
  /** Judged rounds: score sheets assigned and not yet submitted. */
  openSheets: number;
  computedAt: Date | null;
}

/** What the release page shows before the organiser releases: per enabled round, from the last computation. */
export async function releaseCheck(campId: string, db: Db = prisma): Promise<RoundCheck[]> {
  const rounds = await db.campRound.findMany({
    where: { campId, enabled: true },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, resultsComputedAt: true, results: { select: { score: true, flags: true } } },
  });
  return Promise.all(
    rounds.map(async (round) => {
      const flags: Record<RoundResultFlag, number> = { ABSENT: 0, DISAGREEMENT: 0, TOO_FEW_JUDGES: 0 };
      for (const result of round.results) for (const flag of result.flags) flags[flag] += 1;
      const [ungradedAttempts, openSheets] = await Promise.all([
        db.campAttempt.count({ where: { roundId: round.id, submittedAt: { not: null }, score: null } }),
        db.judgeAssignment.count({ where: { roundId: round.id, submittedAt: null } }),
      ]);
      return {
        roundId: round.id,
        kind: round.kind,
        people: round.results.length,
        scored: round.results.filter((result) => result.score !== null).length,
        flags,
        ungradedAttempts,
        openSheets,
        computedAt: round.resultsComputedAt,
      };
    }),
  );
}

/** Computes the results without releasing them (the check), audited: the page then shows releaseCheck. */
export async function computeForCheck(campId: string, actorId: string): Promise<CampResultsSummary> {
  return prisma.$transaction(
    async (tx) => {
      await requireScoring(tx, campId);
      const summary = await computeCampResults(campId, { tx });
      await recordAudit(tx, { actorId, action: "camp.results-compute", entityType: "Camp", entityId: campId, data: { ...summary } });
      return summary;
    },
    { timeout: 60_000 },
  );
}

/** Locks the camp row and refuses unless it is being scored (two organisers releasing at once: the second is refused). */
async function requireScoring(tx: Db, campId: string): Promise<{ title: string }> {
  const [camp] = await tx.$queryRaw<Array<{ title: string; status: string }>>`SELECT title, status::text AS status FROM "Camp" WHERE id = ${campId} FOR UPDATE`;
  if (!camp) throw new Response("Not Found", { status: 404 });
  if (camp.status !== "SCORING") throw new UserError("camp.release.errors.notScoring");
  return camp;
}

/** SCORING → RELEASED: compute, release and notify each participant, all or nothing. */
export async function releaseResults(campId: string, actorId: string, now = new Date()): Promise<CampResultsSummary> {
  const { summary, deliver } = await prisma.$transaction(
    async (tx) => {
      const camp = await requireScoring(tx, campId);
      const summary = await computeCampResults(campId, { tx, now });
      await tx.camp.update({ where: { id: campId }, data: { status: "RELEASED", releasedAt: now } });
      await recordAudit(tx, { actorId, action: "camp.release", entityType: "Camp", entityId: campId, data: { ...summary } });
      const participants = await tx.campParticipant.findMany({ where: { campId }, orderBy: { userId: "asc" }, select: { userId: true } });
      const deliver = await createNotifications(
        tx,
        participants.map(({ userId }) => ({ userId, type: "camp.release.notices.released", data: { camp: camp.title }, link: resultsPath(campId, userId) })),
      );
      return { summary, deliver };
    },
    { timeout: 60_000 },
  );
  deliver();
  return summary;
}
