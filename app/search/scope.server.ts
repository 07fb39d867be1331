import { prisma, type Db } from "~/db/client.server.ts";
import { can, type Actor } from "~/policy/index.ts";
import type { SearchScope } from "./filters.ts";

/**
 * The studios whose documents this person may find, decided by the policy module for each
 * studio from the person's relation to it (membership, ACCEPTED mentorship). Search filters
 * every query with this list, so a hit is never something the person could not open.
 */
export async function readableStudioIds(actor: Actor, db: Db = prisma): Promise<string[]> {
  const [studios, memberships, mentored] = await Promise.all([
    db.studio.findMany({ select: { id: true }, orderBy: { id: "asc" } }),
    db.studioMembership.findMany({ where: { userId: actor.id }, select: { studioId: true, role: true } }),
    db.mentorAssignment.findMany({
      where: { status: "ACCEPTED", mentor: { userId: actor.id } },
      select: { direction: { select: { studioId: true } } },
    }),
  ]);
  const roles = new Map(memberships.map((m) => [m.studioId, m.role]));
  const mentors = new Set(mentored.map((m) => m.direction.studioId));
  return studios
    .filter((s) => can(actor, "search:see-document", { studioId: s.id, viewerRole: roles.get(s.id) ?? null, viewerMentors: mentors.has(s.id) }))
    .map((s) => s.id);
}

export async function searchScope(actor: Actor, db: Db = prisma): Promise<SearchScope> {
  return { studioIds: await readableStudioIds(actor, db), seesPublic: can(actor, "search:see-public", null) };
}

