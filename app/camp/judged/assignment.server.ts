import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { assignJudges } from "../judging.ts";

/**
 * Who judges whom in a judged round: `judgesPerContestant` judges per entry by judging.ts
 * assignJudges (never a judge of the contestant's college, at the time they joined the camp;
 * loads as even as possible), and a further judge for one entry when its judges disagree.
 * Routes authorise "camp:manage" first.
 */

/** Judges are (re)assigned until the results are released: afterwards the sheets are the record. */
async function refuseAfterScoring(tx: Db, campId: string) {
  const camp = await tx.camp.findUniqueOrThrow({ where: { id: campId }, select: { status: true } });
  if (camp.status === "RELEASED" || camp.status === "ARCHIVED") throw new UserError("camp.judged.errors.judgingClosed");
}

/** A sheet that has begun (submitted, or with points saved as a draft) is a judge's work: re-assigning keeps it. */
const started = { OR: [{ submittedAt: { not: null } }, { scores: { some: {} } }] };

/**
 * (Re)assigns the round's judges. Sheets already begun stay, and count towards their entry's
 * judges; the rest are replaced by assignJudges' result (for an entry with kept sheets, its first
 * judges not already on it). All or nothing: an entry that cannot get enough judges of another
 * college is named and nothing changes.
 */
export async function assignRoundJudges(roundId: string, actorId: string) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "CampRound" WHERE "id" = ${roundId} FOR UPDATE`;
    const round = await tx.campRound.findUniqueOrThrow({ where: { id: roundId }, select: { campId: true, judgesPerContestant: true } });
    await refuseAfterScoring(tx, round.campId);
    const perContestant = round.judgesPerContestant;
    if (!perContestant) throw new UserError("camp.judged.errors.noJudgeCount");
    const judges = await tx.campJudge.findMany({ where: { campId: round.campId }, orderBy: { id: "asc" }, select: { id: true, collegeId: true } });
    const entries = await tx.campRoundEntry.findMany({
      where: { roundId },
      orderBy: { id: "asc" },
      select: { id: true, participant: { select: { collegeId: true, user: { select: { name: true } } } }, assignments: { where: started, select: { judgeId: true } } },
    });
    if (entries.length === 0) throw new UserError("camp.judged.errors.noEntries");
    if (judges.length === 0) throw new UserError("camp.judged.errors.noJudges");
    const result = assignJudges(judges, entries.map((entry) => ({ id: entry.id, collegeId: entry.participant.collegeId })), perContestant);
    if (!result.ok) {
      const nameOf = new Map(entries.map((entry) => [entry.id, entry.participant.user.name]));
      const first = result.errors[0]!;
      const params = { ...first.params, ...(typeof first.params.contestant === "string" ? { contestant: nameOf.get(first.params.contestant) ?? "" } : {}) };
      throw new UserError(first.key, params, { details: { more: result.errors.length - 1 } });
    }
    await tx.judgeAssignment.deleteMany({ where: { roundId, NOT: started } });
    const rows = entries.flatMap((entry) => {
      const kept = new Set(entry.assignments.map((a) => a.judgeId));
      const fresh = result.judgesOf.get(entry.id)!.filter((judgeId) => !kept.has(judgeId)).slice(0, Math.max(0, perContestant - kept.size));
      return fresh.map((judgeId) => ({ roundId, entryId: entry.id, judgeId }));
    });
    await tx.judgeAssignment.createMany({ data: rows });
    const kept = entries.reduce((sum, entry) => sum + entry.assignments.length, 0);
    await recordAudit(tx, { actorId, action: "camp.judges-assign", entityType: "CampRound", entityId: roundId, data: { perContestant, created: rows.length, kept } });
    return { created: rows.length, kept };
  });
}

/** One more judge for one entry (a flagged disagreement): a judge of the camp, not already on it, not of the contestant's college. */
export async function addFurtherJudge(entryId: string, judgeId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const entry = await tx.campRoundEntry.findUnique({ where: { id: entryId }, select: { roundId: true, campId: true, participant: { select: { collegeId: true } } } });
    if (!entry) throw new Response("Not Found", { status: 404 });
    await refuseAfterScoring(tx, entry.campId);
    const judge = await tx.campJudge.findUnique({ where: { id: judgeId }, select: { campId: true, collegeId: true, user: { select: { name: true } } } });
    if (!judge || judge.campId !== entry.campId) throw new UserError("camp.judged.errors.notAJudge");
    if (judge.collegeId !== null && judge.collegeId === entry.participant.collegeId) throw new UserError("camp.judged.errors.ownCollege", { judge: judge.user.name });
    const existing = await tx.judgeAssignment.findUnique({ where: { entryId_judgeId: { entryId, judgeId } }, select: { id: true } });
    if (existing) throw new UserError("camp.judged.errors.alreadyJudging", { judge: judge.user.name });
    const sheet = await tx.judgeAssignment.create({ data: { roundId: entry.roundId, entryId, judgeId }, select: { id: true } });
    await recordAudit(tx, { actorId, action: "camp.judge-add", entityType: "JudgeAssignment", entityId: sheet.id, data: { roundId: entry.roundId, entryId, judgeId } });
  });
}
