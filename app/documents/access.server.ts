import type { Actor } from "~/policy/index.ts";
import type { DocumentResource } from "~/policy/documents.ts";
import type { StudioResource } from "~/policy/studios.ts";
import { prisma } from "~/db/client.server.ts";

/**
 * The viewer's relation to a studio: their membership role and whether they mentor one of its
 * directions (an ACCEPTED assignment). Returns null when the studio does not exist.
 */
export async function loadStudioAccess(studioId: string, actor: Actor): Promise<(StudioResource & { name: string }) | null> {
  const studio = await prisma.studio.findUnique({
    where: { id: studioId },
    select: {
      id: true,
      name: true,
      memberships: { where: { userId: actor.id }, select: { role: true } },
      directions: {
        where: { mentorAssignments: { some: { status: "ACCEPTED", mentor: { userId: actor.id } } } },
        select: { id: true },
        take: 1,
      },
    },
  });
  if (!studio) return null;
  return {
    studioId: studio.id,
    name: studio.name,
    viewerRole: studio.memberships[0]?.role ?? null,
    viewerMentors: studio.directions.length > 0,
  };
}

/** A document and the viewer's relation to it, for `can(actor, "document:…", resource)`. */
export async function loadDocumentAccess(documentId: string, actor: Actor) {
  const document = await prisma.document.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      studioId: true,
      status: true,
      createdById: true,
      authors: { where: { userId: actor.id }, select: { userId: true } },
      reviews: { where: { reviewerId: actor.id, status: "PENDING" }, select: { id: true } },
    },
  });
  if (!document) return null;
  const studio = await loadStudioAccess(document.studioId, actor);
  if (!studio) return null;
  const resource: DocumentResource = {
    studioId: document.studioId,
    status: document.status,
    viewerRole: studio.viewerRole,
    viewerMentors: studio.viewerMentors,
    viewerCreated: document.createdById === actor.id,
    viewerIsAuthor: document.createdById === actor.id || document.authors.length > 0,
    viewerIsReviewer: document.reviews.length > 0,
  };
  return { documentId: document.id, studioId: document.studioId, resource };
}
