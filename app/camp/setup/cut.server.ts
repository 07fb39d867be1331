import { recordAudit } from "~/audit/audit.server.ts";
import { prisma, type Db } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { lockCamp } from "./people.server.ts";

/**
 * The cut between rounds (晋级, issue 20 §1): the best N of an earlier round go on to a judged
 * round or to 人物辨识 (decision 131: a timed round with a list, where only those on it start). It ranks the source round's results (RoundResult, computed by the results area) and lets
 * everyone tied with the N-th go on as well: leaving out one of two equal scores would be
 * arbitrary. Applying it creates the target round's entries once.
 */

export interface CutRow {
  userId: string;
  name: string;
  score: number;
  /** Competition ranking: 1, 2, 2, 4. */
  rank: number;
  advances: boolean;
}

export interface CutPlan {
  roundId: string;
  campId: string;
  sourceRoundId: string;
  top: number;
  /** The target round's entries exist already (the cut was applied, or needed none). */
  fixedAt: Date | null;
  rows: CutRow[];
  advancing: number;
  /** More go on than N, because of a tie at the border. */
  tiedAtBorder: boolean;
  /** Participants of the source round without a score (absent): they do not go on. */
  unscored: number;
  /** Their names, for the page to say who they are. */
  absent: Array<{ userId: string; name: string }>;
  /** The lowest score that goes on (the N-th's). */
  border: number;
}

/** Ranks the source round's results; refused (in Chinese) when the round has no cut or its source no results yet. */
export async function cutPlan(campId: string, roundId: string, db: Db = prisma): Promise<CutPlan> {
  const round = await db.campRound.findFirst({ where: { id: roundId, campId }, select: { id: true, campId: true, cutFromRoundId: true, cutTop: true, entriesFixedAt: true, enabled: true } });
  if (!round) throw new Response("Not Found", { status: 404 });
  if (!round.cutFromRoundId || !round.cutTop || !round.enabled) throw new UserError("camp.setup.errors.noCut");
  const results = await db.roundResult.findMany({
    where: { roundId: round.cutFromRoundId },
    select: { userId: true, score: true, participant: { select: { user: { select: { name: true } } } } },
  });
  const scored = results.filter((r) => r.score !== null).map((r) => ({ userId: r.userId, name: r.participant.user.name, score: Number(r.score) }));
  const absent = results
    .filter((r) => r.score === null)
    .map((r) => ({ userId: r.userId, name: r.participant.user.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.userId.localeCompare(b.userId));
  if (!scored.length) throw new UserError("camp.setup.errors.noSourceResults");
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, "zh-CN") || a.userId.localeCompare(b.userId));
  const border = scored[Math.min(round.cutTop, scored.length) - 1]!.score;
  let rank = 0;
  const rows = scored.map((row, index) => {
    if (index === 0 || row.score !== scored[index - 1]!.score) rank = index + 1;
    return { ...row, rank, advances: row.score >= border };
  });
  const advancing = rows.filter((r) => r.advances).length;
  return {
    roundId,
    campId: round.campId,
    sourceRoundId: round.cutFromRoundId,
    top: round.cutTop,
    fixedAt: round.entriesFixedAt,
    rows,
    advancing,
    tiedAtBorder: advancing > round.cutTop,
    unscored: absent.length,
    absent,
    border,
  };
}

/**
 * Applies the cut: the target round's entries for everyone who goes on, once, while the camp is
 * open. Everyone is told: those who go on, and those who do not with why (their place and the
 * line, or that they have no score).
 */
export async function applyCut(campId: string, roundId: string, actorId: string, now = new Date()): Promise<{ advancing: number }> {
  const { deliver, advancing } = await prisma.$transaction(async (tx) => {
    const camp = await lockCamp(tx, campId, ["OPEN"], "camp.setup.errors.notOpen");
    const plan = await cutPlan(campId, roundId, tx);
    if (plan.fixedAt) throw new UserError("camp.setup.errors.cutApplied");
    const going = plan.rows.filter((r) => r.advances);
    await tx.campRoundEntry.createMany({ data: going.map((r) => ({ roundId, campId, userId: r.userId })) });
    await tx.campRound.update({ where: { id: roundId }, data: { entriesFixedAt: now } });
    await recordAudit(tx, { actorId, action: "camp.cut", entityType: "CampRound", entityId: roundId, data: { campId, top: plan.top, advancing: going.length, tiedAtBorder: plan.tiedAtBorder } });
    const link = `/camp/${campId}`;
    const deliver = await createNotifications(tx, [
      ...going.map((r) => ({ userId: r.userId, type: "camp.setup.notices.advanced", data: { title: camp.title }, link })),
      ...plan.rows
        .filter((r) => !r.advances)
        .map((r) => ({ userId: r.userId, type: "camp.setup.notices.notAdvanced", data: { title: camp.title, top: plan.top, border: plan.border.toFixed(2), rank: r.rank, score: r.score.toFixed(2) }, link })),
      ...plan.absent.map((r) => ({ userId: r.userId, type: "camp.setup.notices.notAdvancedAbsent", data: { title: camp.title }, link })),
    ]);
    return { deliver, advancing: going.length };
  });
  deliver();
  return { advancing };
}

/**
 * The cut page: the round and its source, and the plan or why there is none yet (the refusal's
 * key, shown in the person's language); 404 for a round of another camp.
 */
export async function cutView(campId: string, roundId: string) {
  const round = await prisma.campRound.findFirst({
    where: { id: roundId, campId },
    select: { id: true, kind: true, cutTop: true, entriesFixedAt: true, cutFrom: { select: { kind: true } } },
  });
  if (!round) throw new Response("Not Found", { status: 404 });
  try {
    return { round, plan: await cutPlan(campId, roundId), refusal: null };
  } catch (error) {
    if (error instanceof UserError) return { round, plan: null, refusal: { key: error.key, params: error.params } };
    throw error;
  }
}
