import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Actor } from "~/policy/index.ts";
import type { CampEntryResource, CampResource } from "~/policy/camp.ts";
import { findCampAccess, findEntryAccess } from "../access.server.ts";

/**
 * The judged rounds' resources for pages and actions: the camp loaders of app/camp/access.server.ts,
 * turned into a 404 when there is no such thing. A judged round is 案例研讨 or 谈心谈话; any other
 * round id under these URLs is not found.
 */

export const JUDGED_KINDS = ["CASE_STUDY", "TALK"] as const;
export type JudgedKind = (typeof JUDGED_KINDS)[number];

const notFound = () => new Response("Not Found", { status: 404 });

/** A judged round of the camp in the URL, and the camp as the viewer sees it. */
export async function loadJudgedRound(actor: Pick<Actor, "id">, campId: string | undefined, roundId: string | undefined, db: Db = prisma) {
  if (!campId || !roundId) throw notFound();
  const round = await db.campRound.findUnique({ where: { id: roundId }, select: { id: true, campId: true, kind: true, enabled: true } });
  if (!round || round.campId !== campId || !isJudged(round.kind)) throw notFound();
  const camp = await findCampAccess(actor, campId, db);
  if (!camp) throw notFound();
  return { round: { id: round.id, campId: round.campId, kind: round.kind as JudgedKind }, camp };
}

export function isJudged(kind: string): kind is JudgedKind {
  return (JUDGED_KINDS as readonly string[]).includes(kind);
}

/**
 * Any entry of the round not yet drawn, as an organiser sees it: what "camp-entry:draw" decides
 * about when the organiser draws for everyone left (the service takes only undrawn entries).
 */
export function undrawnEntryOf(camp: CampResource): CampEntryResource {
  return { camp, userId: "", collegeId: null, viewerAssigned: false, drawn: false };
}

/** An entry (contestant) of a judged round, for the intents that name one. */
export async function loadEntry(actor: Pick<Actor, "id">, entryId: string, roundId?: string, db: Db = prisma): Promise<{ entryId: string; resource: CampEntryResource }> {
  const row = await db.campRoundEntry.findUnique({ where: { id: entryId }, select: { roundId: true } });
  if (!row || (roundId !== undefined && row.roundId !== roundId)) throw notFound();
  const resource = await findEntryAccess(actor, entryId, db);
  if (!resource) throw notFound();
  return { entryId, resource };
}

/**
 * A score sheet and whose it is. The judge's own sheet is decided by the entry's rules
 * ("camp-entry:view" / "camp-entry:score") on the entry as this sheet sees it: assigned to the
 * viewer only when the sheet is theirs, so one judge of an entry can never write another's sheet.
 * Anybody else's sheet is read by the camp's rule ("camp:view-all").
 */
export async function loadSheet(
  actor: Pick<Actor, "id">,
  assignmentId: string | undefined,
  db: Db = prisma,
): Promise<{ assignmentId: string; own: boolean; entry: CampEntryResource; camp: CampResource }> {
  if (!assignmentId) throw notFound();
  const sheet = await db.judgeAssignment.findUnique({ where: { id: assignmentId }, select: { entryId: true, judge: { select: { userId: true } } } });
  const entry = sheet && (await findEntryAccess(actor, sheet.entryId, db));
  if (!sheet || !entry) throw notFound();
  const own = sheet.judge.userId === actor.id;
  return { assignmentId, own, entry: { ...entry, viewerAssigned: own }, camp: entry.camp };
}
