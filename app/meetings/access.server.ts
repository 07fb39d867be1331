import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { MeetingOrganiserKind } from "~/generated/prisma/enums.ts";
import { memoizeWhileReading } from "~/lib/request-scope.server.ts";
import type { Actor } from "~/policy/index.ts";
import type { ActionItemResource, MeetingOrganiserResource, MeetingResource, MeetingSeriesResource } from "~/policy/meetings.ts";

/**
 * The loaders of what the meeting rules decide about (app/policy/meetings.ts), one query each,
 * memoised while a request only reads. Pages and actions load the resource here, authorise with
 * it, then call the services. Also read by app/documents/access.server.ts for a minutes document,
 * so this file imports nothing of documents.
 */

/** The organiser of a series-to-be, with the viewer's role in the studio for a studio series. */
export async function meetingOrganiserResource(
  actor: Pick<Actor, "id">,
  organiser: { organiserKind: MeetingOrganiserKind; collegeId?: string | null; jointGroupId?: string | null; studioId?: string | null },
  db: Db = prisma,
): Promise<MeetingOrganiserResource> {
  const groupCollegeIds = organiser.jointGroupId
    ? (await db.jointTrainingGroupMember.findMany({ where: { groupId: organiser.jointGroupId }, select: { collegeId: true }, orderBy: { collegeId: "asc" } })).map((m) => m.collegeId)
    : [];
  const membership = organiser.studioId
    ? await db.studioMembership.findUnique({ where: { studioId_userId: { studioId: organiser.studioId, userId: actor.id } }, select: { role: true } })
    : null;
  return {
    organiserKind: organiser.organiserKind,
    collegeId: organiser.collegeId ?? null,
    groupCollegeIds,
    studioId: organiser.studioId ?? null,
    viewerStudioRole: membership?.role ?? null,
  };
}

const seriesAccessSelect = (viewerId: string) =>
  ({
    id: true,
    title: true,
    organiserKind: true,
    collegeId: true,
    jointGroupId: true,
    studioId: true,
    durationMinutes: true,
    jointGroup: { select: { members: { select: { collegeId: true }, orderBy: { collegeId: "asc" } } } },
    studio: { select: { memberships: { where: { userId: viewerId }, select: { role: true } } } },
    organisers: { where: { userId: viewerId }, select: { userId: true } },
    meetings: { where: { invitations: { some: { userId: viewerId } } }, select: { id: true }, take: 1 },
  }) as const;

type SeriesRow = {
  id: string;
  organiserKind: MeetingOrganiserKind;
  collegeId: string | null;
  studioId: string | null;
  jointGroup: { members: Array<{ collegeId: string }> } | null;
  studio: { memberships: Array<{ role: MeetingOrganiserResource["viewerStudioRole"] & string }> } | null;
  organisers: Array<{ userId: string }>;
  meetings: Array<{ id: string }>;
};

function seriesResource(series: SeriesRow): MeetingSeriesResource {
  return {
    seriesId: series.id,
    organiserKind: series.organiserKind,
    collegeId: series.collegeId,
    groupCollegeIds: series.jointGroup?.members.map((m) => m.collegeId) ?? [],
    studioId: series.studioId,
    viewerStudioRole: series.studio?.memberships[0]?.role ?? null,
    viewerOrganises: series.organisers.length > 0,
    viewerInvited: series.meetings.length > 0,
  };
}

/** A series and the viewer's relation to it, or null when there is no such series. */
export function findSeriesAccess(actor: Pick<Actor, "id">, seriesId: string) {
  return memoizeWhileReading(`meeting-series:${seriesId}:${actor.id}`, async () => {
    const series = await prisma.meetingSeries.findUnique({ where: { id: seriesId }, select: seriesAccessSelect(actor.id) });
    if (!series) return null;
    return { series: { id: series.id, title: series.title }, resource: seriesResource(series) };
  });
}

/** `findSeriesAccess` for a page or action: 404 when there is no such series. */
export async function loadSeriesAccess(actor: Pick<Actor, "id">, seriesId: string | undefined) {
  const access = await findSeriesAccess(actor, seriesId ?? "");
  if (!access) throw new Response("Not Found", { status: 404 });
  return access;
}

const meetingAccessSelect = (viewerId: string) =>
  ({
    id: true,
    status: true,
    startsAt: true,
    minutesConfirmedAt: true,
    minutesDocumentId: true,
    invitations: { where: { userId: viewerId }, select: { noteTaker: true } },
    series: { select: seriesAccessSelect(viewerId) },
  }) as const;

/** A meeting and the viewer's relation to it (and to its series), or null when there is no such meeting. */
export function findMeetingAccess(actor: Pick<Actor, "id">, meetingId: string, db: Db = prisma) {
  return memoizeWhileReading(`meeting:${meetingId}:${actor.id}`, async () => {
    const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: meetingAccessSelect(actor.id) });
    return meeting ? meetingAccess(meeting) : null;
  });
}

/** The meeting whose minutes a document holds, and the viewer's relation to it (app/documents/access.server.ts). */
export async function findMinutesAccess(actor: Pick<Actor, "id">, documentId: string, db: Db = prisma) {
  const meeting = await db.meeting.findUnique({ where: { minutesDocumentId: documentId }, select: meetingAccessSelect(actor.id) });
  return meeting ? meetingAccess(meeting) : null;
}

function meetingAccess(meeting: {
  id: string;
  status: MeetingResource["status"];
  startsAt: Date;
  minutesConfirmedAt: Date | null;
  minutesDocumentId: string | null;
  invitations: Array<{ noteTaker: boolean }>;
  series: SeriesRow & { title: string };
}) {
  const resource: MeetingResource = {
    ...seriesResource(meeting.series),
    meetingId: meeting.id,
    status: meeting.status,
    viewerInvitedHere: meeting.invitations.length > 0,
    viewerNoteTaker: meeting.invitations[0]?.noteTaker ?? false,
    minutesConfirmed: meeting.minutesConfirmedAt !== null,
  };
  return {
    meeting: { id: meeting.id, seriesId: meeting.series.id, seriesTitle: meeting.series.title, startsAt: meeting.startsAt, minutesDocumentId: meeting.minutesDocumentId },
    resource,
  };
}

/** `findMeetingAccess` for a page or action: 404 when there is no such meeting. */
export async function loadMeetingAccess(actor: Pick<Actor, "id">, meetingId: string | undefined) {
  const access = await findMeetingAccess(actor, meetingId ?? "");
  if (!access) throw new Response("Not Found", { status: 404 });
  return access;
}

/** An action item, its owner and its series as the viewer sees it: 404 when missing. */
export async function loadActionItemAccess(actor: Pick<Actor, "id">, actionItemId: string | undefined) {
  const item = await prisma.actionItem.findUnique({
    where: { id: actionItemId ?? "" },
    select: { id: true, title: true, ownerId: true, series: { select: seriesAccessSelect(actor.id) } },
  });
  if (!item) throw new Response("Not Found", { status: 404 });
  const resource: ActionItemResource = { ownerId: item.ownerId, series: seriesResource(item.series) };
  return { actionItem: { id: item.id, title: item.title, seriesId: item.series.id }, resource };
}
