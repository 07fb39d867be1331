import { prisma, type Db } from "~/db/client.server.ts";
import { can, type Actor } from "~/policy/index.ts";

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

export interface SearchScope {
  /** Studios whose documents the person may open. */
  studioIds: string[];
  /** Studios, people's cards and outputs (open to all staff). */
  seesPublic: boolean;
}

export async function searchScope(actor: Actor, db: Db = prisma): Promise<SearchScope> {
  return { studioIds: await readableStudioIds(actor, db), seesPublic: can(actor, "search:see-public", null) };
}

/** Meilisearch filter for a scope: public records if allowed, and documents only of readable studios. */
export function scopeFilter({ studioIds, seesPublic }: SearchScope): string {
  const documents = studioIds.length ? `(kind = "document" AND studioIds IN [${studioIds.map(quote).join(", ")}])` : null;
  const parts = [seesPublic ? `kind != "document"` : null, documents].filter(Boolean);
  return parts.length ? `(${parts.join(" OR ")})` : `kind = "nothing"`;
}

/** A filter value in Meilisearch's syntax (ids and enum values are validated before this). */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
