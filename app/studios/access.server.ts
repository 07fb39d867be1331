import type { SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { memoizeForRequest } from "~/lib/request-scope.server.ts";
import type { StudioResource } from "~/policy/studios.ts";

/**
 * A studio and the viewer's relation to it (their role, whether they mentor one of its
 * directions), which the policy needs for every studio action. 404 when there is no such studio.
 */
export async function loadStudioAccess(user: Pick<SessionUser, "id">, studioId: string | undefined) {
  const id = studioId ?? "";
  return memoizeForRequest(`studio-access:${id}:${user.id}`, async () => {
    const [studio, membership, mentoring] = await Promise.all([
      prisma.studio.findUnique({
        where: { id },
        select: { id: true, name: true, duty: true, level: true, archivedAt: true },
      }),
      prisma.studioMembership.findUnique({ where: { studioId_userId: { studioId: id, userId: user.id } }, select: { role: true } }),
      prisma.mentorAssignment.count({ where: { status: "ACCEPTED", direction: { studioId: id }, mentor: { userId: user.id } } }),
    ]);
    if (!studio) throw new Response("Not Found", { status: 404 });
    const resource: StudioResource = { studioId: studio.id, viewerRole: membership?.role ?? null, viewerMentors: mentoring > 0 };
    return { studio, resource };
  });
}

export type StudioAccess = Awaited<ReturnType<typeof loadStudioAccess>>;
