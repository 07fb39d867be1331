import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { isCheckInOpen } from "~/training/catalogue.server.ts";
import { checkInUrl, qrSvg } from "~/training/check-in-screen.server.ts";
import { meetingCheckInDisplay } from "./attendance.server.ts";

/**
 * Page-ready reads of a meeting's check-in: the organiser's screen (the training check-in's code and
 * QR code, the live count, the invitees found by name) and, for the phone page, the meetings a
 * person may check in to now.
 */

export const MEETING_ROSTER_PAGE_SIZE = 30;

/** The organiser's screen (authorise "meeting:manage"). `q` finds invitees by name or 工号. */
export async function meetingCheckInScreen(meetingId: string, origin: string, { q = "", page = 1 }: { q?: string; page?: number } = {}, now = new Date(), db: Db = prisma) {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: { id: true, startsAt: true, place: true, status: true, checkInOpenedAt: true, checkInClosedAt: true, series: { select: { title: true } } },
  });
  if (!meeting) throw new Response("Not Found", { status: 404 });
  const search = q.trim().slice(0, 40);
  const where: Prisma.MeetingInvitationWhereInput = {
    meetingId,
    ...(search ? { user: { OR: [{ name: { contains: search, mode: "insensitive" } }, { username: { contains: search, mode: "insensitive" } }] } } : {}),
  };
  const [display, invited, checkedIn, found, invitations] = await Promise.all([
    meetingCheckInDisplay(meetingId, now),
    db.meetingInvitation.count({ where: { meetingId } }),
    db.meetingAttendance.count({ where: { meetingId } }),
    db.meetingInvitation.count({ where }),
    db.meetingInvitation.findMany({
      where,
      orderBy: [{ user: { nameSortKey: "asc" } }, { userId: "asc" }],
      skip: (page - 1) * MEETING_ROSTER_PAGE_SIZE,
      take: MEETING_ROSTER_PAGE_SIZE,
      select: {
        user: { select: { id: true, name: true, username: true, college: { select: { name: true } }, meetingAttendances: { where: { meetingId }, select: { createdAt: true, method: true } } } },
      },
    }),
  ]);
  const url = display ? checkInUrl(origin, display.payload) : null;
  return {
    meeting: { id: meeting.id, title: meeting.series.title, startsAt: meeting.startsAt, place: meeting.place, status: meeting.status, open: isCheckInOpen(meeting) },
    display:
      display && url ? { code: display.code, url, svg: await qrSvg(url), msUntilChange: Math.max(0, display.changesAt.getTime() - now.getTime()), stepSeconds: display.stepSeconds } : null,
    invited,
    checkedIn,
    q: search,
    page,
    pages: Math.max(1, Math.ceil(found / MEETING_ROSTER_PAGE_SIZE)),
    found,
    roster: invitations.map(({ user: { meetingAttendances, college, ...user } }) => ({
      ...user,
      college: college?.name ?? null,
      checkedInAt: meetingAttendances[0]?.createdAt ?? null,
      method: meetingAttendances[0]?.method ?? null,
    })),
  };
}

/**
 * The meetings a person may check in to now, in the shape of the phone page's sessions: invited,
 * check-in open, the meeting neither closed nor cancelled.
 */
export async function openMeetingCheckInsFor(userId: string, db: Db = prisma) {
  const meetings = await db.meeting.findMany({
    where: { checkInOpenedAt: { not: null }, checkInClosedAt: null, status: { in: ["SCHEDULED", "IN_PROGRESS"] }, invitations: { some: { userId } } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, startsAt: true, place: true, series: { select: { title: true } }, attendances: { where: { userId }, select: { createdAt: true } } },
  });
  return meetings.map((m) => ({ id: m.id, startsAt: m.startsAt, place: m.place, title: m.series.title, checkedInAt: m.attendances[0]?.createdAt ?? null }));
}
