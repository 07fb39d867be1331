import { prisma } from "~/db/client.server.ts";
import { memoizeWhileReading } from "~/lib/request-scope.server.ts";
import type { Actor } from "~/policy/index.ts";
import { countingAssignment, type StudioResource } from "~/policy/studios.ts";

/**
 * The one loader of the viewer↔studio relation the policy decides with: the viewer's membership
 * role and whether they mentor the studio (an ACCEPTED assignment to one of its directions, as
 * `countingAssignment` in app/policy/studios.ts defines it — the list scopes use the same
 * definition). One query, memoised for the request (a page's loaders, its chrome and the document
 * access share it; a form post reads afresh, see memoizeWhileReading). Whatever comes from the
 * actor alone (学工部, a college admin) the rules read from the actor.
 */
export function findStudioAccess(actor: Pick<Actor, "id">, studioId: string) {
  return memoizeWhileReading(`studio-access:${studioId}:${actor.id}`, async () => {
    const studio = await prisma.studio.findUnique({
      where: { id: studioId },
      select: {
        id: true,
        name: true,
        duty: true,
        level: true,
        archivedAt: true,
        memberships: { where: { userId: actor.id }, select: { role: true } },
        directions: { where: { mentorAssignments: { some: countingAssignment(actor.id) } }, select: { id: true }, take: 1 },
      },
    });
    if (!studio) return null;
    const { memberships, directions, ...row } = studio;
    const resource: StudioResource = { studioId: studio.id, viewerRole: memberships[0]?.role ?? null, viewerMentors: directions.length > 0 };
    return { studio: row, resource };
  });
}

/** `findStudioAccess` for a page or action about the studio: 404 when there is no such studio. */
export async function loadStudioAccess(actor: Pick<Actor, "id">, studioId: string | undefined) {
  const access = await findStudioAccess(actor, studioId ?? "");
  if (!access) throw new Response("Not Found", { status: 404 });
  return access;
}

export type StudioAccess = NonNullable<Awaited<ReturnType<typeof findStudioAccess>>>;
