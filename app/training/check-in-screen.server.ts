import QRCode from "qrcode";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { isCheckInOpen, ROSTER_PAGE_SIZE } from "./catalogue.server.ts";
import { checkInDisplay } from "./check-in.server.ts";

/**
 * Page-ready reads of the two check-in screens: the organiser's (code, QR code, live count,
 * roster) and the counselor's phone (which of their sessions are open for check-in now).
 */

/** The address a QR code opens: the phone check-in page with the signed payload (decision 057). */
export function checkInUrl(origin: string, payload: string): string {
  return `${origin}/training/check-in?p=${encodeURIComponent(payload)}`;
}

/** The QR code as an SVG string, drawn on the server so the phone-sized page ships no QR library. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/**
 * The organiser's screen (authorise "training-course:manage" on the session's course): the session,
 * the rotating code and QR code while check-in is open, and the roster of people enrolled with
 * whether they checked in to this session.
 */
export async function checkInScreen(sessionId: string, origin: string, page = 1, now = new Date(), db: Db = prisma) {
  const session = await db.trainingSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      place: true,
      hours: true,
      checkInOpenedAt: true,
      checkInClosedAt: true,
      course: { select: { id: true, title: true, status: true } },
    },
  });
  if (!session) throw new Response("Not Found", { status: 404 });
  const enrolled = { courseId: session.course.id, status: "ENROLLED" as const };
  const [display, total, enrolments, checkedIn] = await Promise.all([
    checkInDisplay(sessionId, now),
    db.trainingEnrolment.count({ where: enrolled }),
    db.trainingEnrolment.findMany({
      where: enrolled,
      orderBy: [{ user: { nameSortKey: "asc" } }, { id: "asc" }],
      skip: (page - 1) * ROSTER_PAGE_SIZE,
      take: ROSTER_PAGE_SIZE,
      select: { user: { select: { id: true, name: true, username: true, college: { select: { name: true } } } } },
    }),
    db.trainingAttendance.count({ where: { sessionId } }),
  ]);
  // The check-ins of the people on this page of the roster only.
  const attendances = await db.trainingAttendance.findMany({ where: { sessionId, userId: { in: enrolments.map((e) => e.user.id) } }, select: { userId: true, method: true, createdAt: true } });
  const attended = new Map(attendances.map((a) => [a.userId, a]));
  const url = display ? checkInUrl(origin, display.payload) : null;
  return {
    session: { ...session, hours: Number(session.hours), open: isCheckInOpen(session) },
    display: display && url
      ? { code: display.code, url, svg: await qrSvg(url), msUntilChange: Math.max(0, display.changesAt.getTime() - now.getTime()), stepSeconds: display.stepSeconds }
      : null,
    checkedIn,
    enrolled: total,
    page,
    pages: Math.max(1, Math.ceil(total / ROSTER_PAGE_SIZE)),
    roster: enrolments.map(({ user }) => {
      const attendance = attended.get(user.id);
      return { ...user, college: user.college?.name ?? null, checkedInAt: attendance?.createdAt ?? null, method: attendance?.method ?? null };
    }),
  };
}

/** The sessions a person may check in to now: check-in open, a published course they hold a seat in. */
export async function openCheckInsFor(userId: string, db: Db = prisma) {
  const sessions = await db.trainingSession.findMany({
    where: {
      checkInOpenedAt: { not: null },
      checkInClosedAt: null,
      course: { status: "PUBLISHED", enrolments: { some: { userId, status: "ENROLLED" } } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, startsAt: true, place: true, course: { select: { title: true } }, attendances: { where: { userId }, select: { createdAt: true } } },
  });
  return sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, place: s.place, title: s.course.title, checkedInAt: s.attendances[0]?.createdAt ?? null }));
}
