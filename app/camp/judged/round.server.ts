import { randomInt } from "node:crypto";
import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import type { EntryOrderInput, TopicInput } from "./schemas.ts";

/**
 * A judged round before and during its sessions: the topics (cases for 案例研讨, talk situations for
 * 谈心谈话), the entries' panel and order, and the draw (抽签). Routes authorise first
 * ("camp:manage" for topics and order, "camp-entry:draw" for a draw).
 */

export const MAX_TOPICS = 50;

/** Topics change only before the first draw: a topic someone drew, or the pool they drew from, stays as it was. */
async function refuseOnceDrawn(tx: Db, roundId: string) {
  const drawn = await tx.campRoundEntry.count({ where: { roundId, topicId: { not: null } } });
  if (drawn > 0) throw new UserError("camp.judged.errors.topicsLocked", { count: drawn });
}

/** Serialises topic changes and draws of one round (the balance counts what others drew). */
async function lockRound(tx: Db, roundId: string) {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "CampRound" WHERE "id" = ${roundId} FOR UPDATE`;
  if (rows.length === 0) throw new Response("Not Found", { status: 404 });
}

export async function addTopic(roundId: string, input: TopicInput, actorId: string) {
  return prisma.$transaction(async (tx) => {
    await lockRound(tx, roundId);
    await refuseOnceDrawn(tx, roundId);
    const count = await tx.campTopic.count({ where: { roundId } });
    if (count >= MAX_TOPICS) throw new UserError("camp.judged.errors.tooManyTopics", { max: MAX_TOPICS });
    const last = await tx.campTopic.findFirst({ where: { roundId }, orderBy: { position: "desc" }, select: { position: true } });
    const topic = await tx.campTopic.create({ data: { roundId, title: input.title, body: input.body, position: (last?.position ?? 0) + 1 }, select: { id: true } });
    await recordAudit(tx, { actorId, action: "camp.topic-add", entityType: "CampTopic", entityId: topic.id, data: { roundId, title: input.title } });
    return topic;
  });
}

export async function updateTopic(roundId: string, topicId: string, input: TopicInput, actorId: string) {
  await prisma.$transaction(async (tx) => {
    await lockRound(tx, roundId);
    await refuseOnceDrawn(tx, roundId);
    const { count } = await tx.campTopic.updateMany({ where: { id: topicId, roundId }, data: { title: input.title, body: input.body } });
    if (count === 0) throw new Response("Not Found", { status: 404 });
    await recordAudit(tx, { actorId, action: "camp.topic-edit", entityType: "CampTopic", entityId: topicId, data: { roundId, title: input.title } });
  });
}

export async function removeTopic(roundId: string, topicId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    await lockRound(tx, roundId);
    await refuseOnceDrawn(tx, roundId);
    const topic = await tx.campTopic.findFirst({ where: { id: topicId, roundId }, select: { title: true } });
    if (!topic) throw new Response("Not Found", { status: 404 });
    await tx.campTopic.delete({ where: { id: topicId } });
    await recordAudit(tx, { actorId, action: "camp.topic-remove", entityType: "CampTopic", entityId: topicId, data: { roundId, title: topic.title } });
  });
}

/** An entry's panel (评审组, for z-scores across panels) and order of appearance. */
export async function setEntryOrder(roundId: string, input: EntryOrderInput, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.campRoundEntry.updateMany({ where: { id: input.entryId, roundId }, data: { panel: input.panel || null, sequence: input.sequence ?? null } });
    if (count === 0) throw new Response("Not Found", { status: 404 });
    await recordAudit(tx, { actorId, action: "camp.entry-order", entityType: "CampRoundEntry", entityId: input.entryId, data: { roundId, panel: input.panel, sequence: input.sequence ?? null } });
  });
}

/**
 * One entry's draw: a topic at random among those drawn least often so far in the round, so the
 * topics are used evenly (with 3 topics and 7 contestants: 3, 2, 2). Once: an entry already drawn
 * is refused, even if two draws race (the update only takes an undrawn entry, under the round's
 * lock). Recorded on the entry (topic, time, who drew) and in the audit log.
 */
export async function drawTopic(entryId: string, actorId: string, { random = randomInt }: { random?: (max: number) => number } = {}) {
  return prisma.$transaction(async (tx) => {
    const entry = await tx.campRoundEntry.findUnique({ where: { id: entryId }, select: { roundId: true } });
    if (!entry) throw new Response("Not Found", { status: 404 });
    return drawIn(tx, entry.roundId, entryId, actorId, random);
  });
}

/** The organiser draws for every entry not yet drawn, in order of appearance (then name). */
export async function drawRemaining(roundId: string, actorId: string, { random = randomInt }: { random?: (max: number) => number } = {}) {
  return prisma.$transaction(async (tx) => {
    const entries = await tx.campRoundEntry.findMany({
      where: { roundId, topicId: null },
      orderBy: [{ sequence: { sort: "asc", nulls: "last" } }, { participant: { user: { nameSortKey: "asc" } } }, { id: "asc" }],
      select: { id: true },
    });
    if (entries.length === 0) throw new UserError("camp.judged.errors.nothingToDraw");
    for (const entry of entries) await drawIn(tx, roundId, entry.id, actorId, random);
    return { drawn: entries.length };
  });
}

async function drawIn(tx: Db, roundId: string, entryId: string, actorId: string, random: (max: number) => number) {
  await lockRound(tx, roundId);
  const topics = await tx.campTopic.findMany({ where: { roundId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, title: true, _count: { select: { entries: true } } } });
  if (topics.length === 0) throw new UserError("camp.judged.errors.noTopics");
  const fewest = Math.min(...topics.map((topic) => topic._count.entries));
  const candidates = topics.filter((topic) => topic._count.entries === fewest);
  const topic = candidates[random(candidates.length)]!;
  const drawnAt = new Date();
  const { count } = await tx.campRoundEntry.updateMany({ where: { id: entryId, roundId, topicId: null }, data: { topicId: topic.id, drawnAt, drawnById: actorId } });
  if (count === 0) throw new UserError("camp.judged.errors.alreadyDrawn");
  await recordAudit(tx, { actorId, action: "camp.draw", entityType: "CampRoundEntry", entityId: entryId, data: { roundId, topicId: topic.id, title: topic.title } });
  return { topicId: topic.id, title: topic.title, drawnAt };
}
