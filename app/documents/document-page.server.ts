import { generateHTML } from "@tiptap/html/server";
import type { SessionUser } from "~/auth/session.server.ts";
import { abilities, authorize } from "~/policy/index.ts";
import { loadDocumentAccess } from "./access.server.ts";
import { listThreads, mentionablePeople } from "./comments.server.ts";
import { extensions, stateToJSON } from "./content.server.ts";
import { ownImagesOnly } from "./image-urls.ts";
import { getDocumentPage, studioLinks } from "./documents.server.ts";
import { currentState } from "./live-body.server.ts";
import { documentReviews, studioDirectionsWithMentors } from "./reviews.server.ts";
import { listVersions } from "./versions.server.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";

export const PANELS = ["comments", "versions", "review", "details", "export"] as const;
export type Panel = (typeof PANELS)[number];

/** Everything the document page shows, for a reader authorised with "document:read". */
export async function loadDocumentPage(request: Request, documentId: string, user: SessionUser) {
  const access = await loadDocumentAccess(documentId, user);
  // A meeting's minutes are opened on their meeting's page (decision 059), not as a studio document.
  if (!access || access.studioId === null) throw new Response("Not Found", { status: 404 });
  authorize(user, "document:read", access.resource);
  const url = new URL(request.url);
  const versionPage = Math.max(1, Math.min(1000, Number(url.searchParams.get("vpage")) || 1));
  const [document, threads, reviews, versions, people, links, directions, settings] = await Promise.all([
    getDocumentPage(documentId),
    listThreads(documentId),
    documentReviews(documentId),
    listVersions(documentId, versionPage),
    mentionablePeople(documentId),
    studioLinks(access.studioId),
    studioDirectionsWithMentors(access.studioId),
    getSchoolSettings(),
  ]);
  const studio = document?.studio;
  if (!document || !studio) throw new Response("Not Found", { status: 404 });
  return {
    user: { id: user.id, name: user.name },
    document: { ...document, studio },
    threads,
    reviews,
    versions,
    people,
    links,
    directions,
    abilities: abilities(user, "document", access.resource),
    /** Whether the person may save it as a school template (or only as the studio's). */
    schoolTemplate: abilities(user, "template", { studioId: null, viewerRole: access.resource.viewerRole }),
    /** The longest body the editor accepts (decision 097). */
    maxChars: settings.documentMaxChars,
    /**
     * The body as HTML, for the server-rendered page only: the route hands it to the render
     * (serverHtml), never in its data, so a long body reaches the browser once (decision 099).
     */
    bodyHtml: async () => generateHTML(ownImagesOnly(stateToJSON(await currentState(documentId)), documentId), extensions()),
  };
}
