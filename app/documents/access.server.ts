import { prisma } from "~/db/client.server.ts";
import type { Actor } from "~/policy/index.ts";
import type { DocumentResource } from "~/policy/documents.ts";
import { findMinutesAccess } from "~/meetings/access.server.ts";
import { findStudioAccess } from "~/studios/access.server.ts";

/**
 * A document and the viewer's relation to it, for `can(actor, "document:…", resource)`: the
 * viewer's part in the document (creator, author, pending reviewer) on top of their relation to
 * its studio, which comes from the studios' one loader. A meeting's minutes have no studio: the
 * viewer's relation to the meeting decides (decision 059). Null when there is no such document.
 */
export async function loadDocumentAccess(documentId: string, actor: Actor) {
  const document = await prisma.document.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      title: true,
      studioId: true,
      status: true,
      createdById: true,
      authors: { where: { userId: actor.id }, select: { userId: true } },
      reviews: { where: { reviewerId: actor.id, status: "PENDING" }, select: { id: true } },
    },
  });
  if (!document) return null;
  const viewerPart = {
    status: document.status,
    viewerCreated: document.createdById === actor.id,
    viewerIsAuthor: document.createdById === actor.id || document.authors.length > 0,
    viewerIsReviewer: document.reviews.length > 0,
  };
  if (document.studioId === null) {
    const minutes = await findMinutesAccess(actor, document.id);
    if (!minutes) return null;
    const resource: DocumentResource = { studioId: "", viewerRole: null, viewerMentors: false, ...viewerPart, minutes: minutes.resource };
    return { documentId: document.id, title: document.title, studioId: null, meetingId: minutes.meeting.id, resource };
  }
  const studio = await findStudioAccess(actor, document.studioId);
  if (!studio) return null;
  const resource: DocumentResource = { ...studio.resource, ...viewerPart };
  return { documentId: document.id, title: document.title, studioId: document.studioId, meetingId: null, resource };
}
