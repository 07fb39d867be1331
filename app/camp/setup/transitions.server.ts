import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { lockCamp, resolveParticipants } from "./people.server.ts";
import { CUT_KINDS, type RoundKind } from "./schemas.ts";

/**
 * A camp's own transitions (issue 20 §1): opening (DRAFT → OPEN) and closing to scoring
 * (OPEN → SCORING). Releasing and archiving belong to the results and the students' areas.
 */

const campLink = (campId: string) => `/camp/${campId}`;

/**
 * Opens a camp, in one transaction: the targets become participants with their career stage and
 * college and groups of now; every enabled round with a list of its own (人物辨识 and the judged
 * rounds) without a cut gets an entry per participant (a round behind a cut gets its entries when
 * the cut is applied); participants and judges are told.
 */
export async function openCamp(campId: string, actorId: string, now = new Date()): Promise<{ participants: number }> {
  const { deliver, participants } = await prisma.$transaction(async (tx) => {
    const camp = await lockCamp(tx, campId, ["DRAFT"], "camp.setup.errors.notDraft");
    const people = await resolveParticipants(tx, campId, now);
    if (!people.length) throw new UserError("camp.setup.errors.noParticipants");
    await tx.campParticipant.createMany({ data: people.map((p) => ({ campId, userId: p.userId, stage: p.stage, collegeId: p.collegeId, groups: p.groups })) });
    const rounds = await tx.campRound.findMany({ where: { campId, enabled: true, cutFromRoundId: null }, select: { id: true, kind: true } });
    for (const round of rounds.filter((r) => CUT_KINDS.includes(r.kind as RoundKind))) {
      await tx.campRoundEntry.createMany({ data: people.map((p) => ({ roundId: round.id, campId, userId: p.userId })) });
      await tx.campRound.update({ where: { id: round.id }, data: { entriesFixedAt: now } });
    }
    await tx.camp.update({ where: { id: campId }, data: { status: "OPEN", openedAt: now } });
    await recordAudit(tx, { actorId, action: "camp.open", entityType: "Camp", entityId: campId, data: { title: camp.title, participants: people.length } });
    const judges = await tx.campJudge.findMany({ where: { campId }, select: { userId: true } });
    const data = { title: camp.title };
    const deliver = await createNotifications(tx, [
      ...people.map((p) => ({ userId: p.userId, type: "camp.setup.notices.opened", data, link: campLink(campId) })),
      ...judges.map((j) => ({ userId: j.userId, type: "camp.setup.notices.judging", data, link: "/camp/judging" })),
    ]);
    return { deliver, participants: people.length };
  });
  deliver();
  return { participants };
}

/** Ends the rounds: the camp goes to scoring (judges finish, organisers check, results are computed and released). */
export async function closeCamp(campId: string, actorId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const camp = await lockCamp(tx, campId, ["OPEN"], "camp.setup.errors.notOpen");
    await tx.camp.update({ where: { id: campId }, data: { status: "SCORING" } });
    await recordAudit(tx, { actorId, action: "camp.close", entityType: "Camp", entityId: campId, data: { title: camp.title, at: now.toISOString() } });
  });
}
