import { generateHTML } from "@tiptap/html/server";
import type { SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { extensions, stateToJSON } from "~/documents/content.server.ts";
import { ownImagesOnly } from "~/documents/image-urls.ts";
import { currentState } from "~/documents/live-body.server.ts";
import { abilities, can } from "~/policy/index.ts";
import type { MeetingResource } from "~/policy/meetings.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { createMinutes } from "./minutes.server.ts";

/**
 * The minutes page of a meeting (authorise "meeting:read-minutes"). The first organiser or
 * note-taker to open it while the meeting is open creates the minutes from the agenda (createMinutes
 * is idempotent). Once confirmed (签发) the page shows the confirmed version, read-only; before, the
 * co-authoring editor (the collaboration worker admits the document by the meeting's rules).
 */
export async function minutesPage(meeting: { id: string; minutesDocumentId: string | null }, resource: MeetingResource, user: SessionUser) {
  let documentId = meeting.minutesDocumentId;
  const open = resource.status === "SCHEDULED" || resource.status === "IN_PROGRESS";
  if (!documentId && open && can(user, "meeting:write-minutes", resource)) documentId = await createMinutes(meeting.id, user.id);

  const row = await prisma.meeting.findUniqueOrThrow({
    where: { id: meeting.id },
    select: {
      id: true,
      startsAt: true,
      status: true,
      minutesConfirmedAt: true,
      series: { select: { title: true } },
      minutesVersion: { select: { number: true, yState: true } },
    },
  });
  const manage = can(user, "meeting:manage", resource);
  const [state, people] = await Promise.all([
    documentId && !row.minutesVersion ? currentState(documentId) : Promise.resolve(null),
    manage
      ? prisma.meetingInvitation.findMany({
          where: { meetingId: meeting.id },
          orderBy: [{ user: { nameSortKey: "asc" } }, { userId: "asc" }],
          take: 500,
          select: { noteTaker: true, user: { select: { id: true, name: true } } },
        })
      : Promise.resolve([]),
  ]);
  const html = (bytes: Uint8Array | null) => (documentId ? generateHTML(ownImagesOnly(stateToJSON(bytes), documentId), extensions()) : "");
  return {
    meeting: { id: row.id, title: row.series.title, startsAt: row.startsAt, status: row.status, minutesConfirmedAt: row.minutesConfirmedAt },
    documentId,
    /** The confirmed version (签发稿), once taken: what the page shows instead of the editor. */
    confirmed: row.minutesVersion ? { number: row.minutesVersion.number, html: html(row.minutesVersion.yState) } : null,
    /** The live minutes as HTML for the server-rendered page only; the route hands it over with serverHtml (decision 099). */
    bodyHtml: () => (state ? html(state) : ""),
    /** The longest body the editor accepts (decision 097). */
    maxChars: (await getSchoolSettings()).documentMaxChars,
    invitees: people.map((p) => ({ ...p.user, noteTaker: p.noteTaker })),
    user: { id: user.id, name: user.name },
    abilities: abilities(user, "meeting", resource),
  };
}
