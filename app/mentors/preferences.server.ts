import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Db } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { MAX_PREFERENCES } from "./matching/scoring.ts";
import { getStudioMentors } from "./studio-mentors.server.ts";

/** A studio's preferred mentors (ranked, read by the next matching run) and its directions' targets. */

export async function getPreferencesPage(studioId: string) {
  const [studio, preferences, directions, mentors, lastRun] = await Promise.all([
    prisma.studio.findUniqueOrThrow({ where: { id: studioId }, select: { id: true, name: true, duty: true, memberships: { select: { userId: true } } } }),
    prisma.mentorPreference.findMany({
      where: { studioId },
      orderBy: [{ rank: "asc" }, { id: "asc" }],
      select: { id: true, rank: true, mentor: { select: { id: true, kind: true, organisation: true, title: true, expertiseDuties: true, available: true, user: { select: { name: true } } } } },
    }),
    prisma.direction.findMany({
      where: { studioId },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        internalMentorTarget: true,
        externalMentorTarget: true,
        mentorAssignments: { where: { status: { in: ["ACCEPTED", "INVITED", "PROPOSED"] } }, select: { mentor: { select: { kind: true } } } },
      },
    }),
    prisma.mentor.findMany({
      orderBy: [{ kind: "asc" }, { user: { nameSortKey: "asc" } }, { user: { username: "asc" } }],
      select: { id: true, kind: true, organisation: true, expertiseDuties: true, available: true, userId: true, user: { select: { name: true, active: true } } },
    }),
    prisma.matchingRun.findFirst({ where: { kind: "FULL" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  const members = new Set(studio.memberships.map((m) => m.userId));
  const preferred = new Set(preferences.map((p) => p.mentor.id));
  // Mentors the studio can still name: not its own members, not already named; its duty's experts first.
  const options = mentors
    .filter((m) => !members.has(m.userId) && !preferred.has(m.id) && m.available && m.user.active)
    .map((m) => ({ id: m.id, name: m.user.name, kind: m.kind, organisation: m.organisation, expert: m.expertiseDuties.includes(studio.duty) }))
    // Stable: within these, the query's order by name (surname pinyin, decision 015).
    .sort((a, b) => Number(b.expert) - Number(a.expert) || a.kind.localeCompare(b.kind));
  return {
    studio: { id: studio.id, name: studio.name, duty: studio.duty },
    preferences: preferences.map((p) => ({
      id: p.id,
      rank: p.rank,
      mentorId: p.mentor.id,
      name: p.mentor.user.name,
      kind: p.mentor.kind,
      organisation: p.mentor.organisation,
      title: p.mentor.title,
      expert: p.mentor.expertiseDuties.includes(studio.duty),
      available: p.mentor.available,
    })),
    directions: directions.map((d) => ({
      id: d.id,
      name: d.name,
      internal: d.internalMentorTarget,
      external: d.externalMentorTarget,
      heldInternal: d.mentorAssignments.filter((a) => a.mentor.kind === "INTERNAL").length,
      heldExternal: d.mentorAssignments.filter((a) => a.mentor.kind === "EXTERNAL").length,
    })),
    options,
    full: preferences.length >= MAX_PREFERENCES,
    current: await getStudioMentors(studioId),
    lastRunAt: lastRun?.createdAt ?? null,
  };
}

async function renumber(tx: Db, studioId: string) {
  const rows = await tx.mentorPreference.findMany({ where: { studioId }, orderBy: [{ rank: "asc" }, { id: "asc" }], select: { id: true } });
  for (const [index, row] of rows.entries()) await tx.mentorPreference.update({ where: { id: row.id }, data: { rank: index + 1 } });
  return rows.length;
}

export async function addPreference(actorId: string, studioId: string, mentorId: string) {
  await prisma.$transaction(async (tx) => {
    const mentor = await tx.mentor.findUnique({ where: { id: mentorId }, select: { id: true, userId: true, user: { select: { name: true } } } });
    const count = await tx.mentorPreference.count({ where: { studioId } });
    const existing = await tx.mentorPreference.findUnique({ where: { studioId_mentorId: { studioId, mentorId } }, select: { id: true } });
    const members = await tx.studioMembership.findMany({ where: { studioId }, select: { userId: true } });
    if (!mentor) throw new UserError("mentors.errors.mentorGone", {}, { status: 404 });
    if (existing) throw new UserError("mentors.errors.alreadyPreferred", { name: mentor.user.name });
    if (count >= MAX_PREFERENCES) throw new UserError("mentors.errors.tooManyPreferences", { max: MAX_PREFERENCES });
    if (members.some((m) => m.userId === mentor.userId)) throw new UserError("mentors.errors.preferOwnMember", { name: mentor.user.name });
    const created = await tx.mentorPreference.create({ data: { studioId, mentorId, rank: count + 1, createdById: actorId } });
    await recordAudit(tx, { actorId, action: "matching.preference-add", entityType: "Studio", entityId: studioId, data: { mentorId, mentor: mentor.user.name, rank: created.rank } });
  });
}

/** One of the studio's preferences with its mentor's name (null when gone or another studio's). */
export async function findPreference(studioId: string, preferenceId: string) {
  const row = await prisma.mentorPreference.findFirst({ where: { id: preferenceId, studioId }, select: { id: true, mentor: { select: { user: { select: { name: true } } } } } });
  return row ? { id: row.id, name: row.mentor.user.name } : null;
}

export async function removePreference(actorId: string, studioId: string, preferenceId: string) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.mentorPreference.findUnique({ where: { id: preferenceId }, include: { mentor: { select: { user: { select: { name: true } } } } } });
    if (!row || row.studioId !== studioId) throw new UserError("mentors.errors.preferenceGone", {}, { status: 404 });
    await tx.mentorPreference.delete({ where: { id: row.id } });
    await renumber(tx, studioId);
    await recordAudit(tx, { actorId, action: "matching.preference-remove", entityType: "Studio", entityId: studioId, data: { mentorId: row.mentorId, mentor: row.mentor.user.name } });
  });
}

export async function movePreference(actorId: string, studioId: string, preferenceId: string, step: -1 | 1) {
  await prisma.$transaction(async (tx) => {
    const rows = await tx.mentorPreference.findMany({ where: { studioId }, orderBy: [{ rank: "asc" }, { id: "asc" }], select: { id: true, mentorId: true } });
    const index = rows.findIndex((r) => r.id === preferenceId);
    if (index < 0) throw new UserError("mentors.errors.preferenceGone", {}, { status: 404 });
    const other = index + step;
    if (other < 0 || other >= rows.length) return;
    [rows[index], rows[other]] = [rows[other]!, rows[index]!];
    for (const [i, row] of rows.entries()) await tx.mentorPreference.update({ where: { id: row.id }, data: { rank: i + 1 } });
    await recordAudit(tx, { actorId, action: "matching.preference-reorder", entityType: "Studio", entityId: studioId, data: { order: rows.map((r) => r.mentorId) } });
  });
}

/**
 * How many internal and external mentors a direction asks for (1–3 each). Never below what it
 * already holds (accepted, invited, proposed), which would contradict the matching.
 */
export async function setTargets(actorId: string, studioId: string, directionId: string, internal: number, external: number) {
  await prisma.$transaction(async (tx) => {
    const direction = await tx.direction.findUnique({
      where: { id: directionId },
      select: {
        id: true,
        name: true,
        studioId: true,
        internalMentorTarget: true,
        externalMentorTarget: true,
        mentorAssignments: { where: { status: { in: ["ACCEPTED", "INVITED", "PROPOSED"] } }, select: { mentor: { select: { kind: true } } } },
      },
    });
    if (!direction || direction.studioId !== studioId) throw new UserError("mentors.errors.directionGone", {}, { status: 404 });
    const held = { INTERNAL: 0, EXTERNAL: 0 };
    for (const a of direction.mentorAssignments) held[a.mentor.kind] += 1;
    if (internal < held.INTERNAL) throw new UserError("mentors.errors.targetBelowHeld", { direction: direction.name, kind: "INTERNAL", held: held.INTERNAL });
    if (external < held.EXTERNAL) throw new UserError("mentors.errors.targetBelowHeld", { direction: direction.name, kind: "EXTERNAL", held: held.EXTERNAL });
    await tx.direction.update({ where: { id: directionId }, data: { internalMentorTarget: internal, externalMentorTarget: external } });
    await recordAudit(tx, {
      actorId,
      action: "direction.targets-update",
      entityType: "Direction",
      entityId: directionId,
      data: { before: { internal: direction.internalMentorTarget, external: direction.externalMentorTarget }, after: { internal, external } },
    });
  });
}
