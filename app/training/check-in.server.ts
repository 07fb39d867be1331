import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { CheckInMethod } from "~/generated/prisma/enums.ts";
import { UserError } from "~/lib/user-error.ts";
import { codeFor, qrPayloadFor, sessionOfPayload, stepAt, verifyCode, verifyPayload } from "./check-in-code.ts";
import { isCheckInOpen } from "./catalogue.server.ts";
import { trainingYear, writeHoursEntry } from "./ledger.server.ts";
import { SEAT_TRANSACTION } from "./seats.server.ts";
import type { CheckInInput } from "./schemas.ts";
import { getTrainingSettings } from "./settings.server.ts";

/**
 * Attendance (签到). The organiser opens a session's check-in and shows a code and a QR code that
 * rotate every step (check-in-code.ts); people enrolled in the course (not waitlisted) check in
 * from their phone; the organiser may also mark people by hand. One attendance per person and
 * session (unique), and its ledger entry, in one transaction; checking in twice says "已签到" and
 * writes nothing.
 */

export async function openCheckIn(sessionId: string, actorId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.trainingSession.update({ where: { id: sessionId }, data: { checkInOpenedAt: now, checkInClosedAt: null } });
    await recordAudit(tx, { actorId, action: "training.check-in-open", entityType: "TrainingSession", entityId: sessionId });
  });
}

export async function closeCheckIn(sessionId: string, actorId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.trainingSession.update({ where: { id: sessionId }, data: { checkInClosedAt: now } });
    await recordAudit(tx, { actorId, action: "training.check-in-close", entityType: "TrainingSession", entityId: sessionId });
  });
}

/**
 * What the organiser's screen shows now (authorise "training-course:manage"): the code, the QR
 * payload, and when they change; null while check-in is closed. The page asks again when they change.
 */
export async function checkInDisplay(sessionId: string, now = new Date()) {
  const session = await prisma.trainingSession.findUnique({
    where: { id: sessionId },
    select: { id: true, checkInSecret: true, checkInOpenedAt: true, checkInClosedAt: true, _count: { select: { attendances: true } } },
  });
  if (!session) throw new Response("Not Found", { status: 404 });
  if (!isCheckInOpen(session)) return null;
  const { checkInStepSeconds } = await getTrainingSettings();
  const step = stepAt(now, checkInStepSeconds);
  return {
    code: codeFor(session.checkInSecret, session.id, step),
    payload: qrPayloadFor(session.checkInSecret, session.id, step),
    changesAt: new Date((step + 1) * checkInStepSeconds * 1000),
    stepSeconds: checkInStepSeconds,
    checkedIn: session._count.attendances,
  };
}

/** The session a check-in names (the code's session, or the one in the QR payload), for the route to load and authorise. */
export function sessionOfCheckIn(input: CheckInInput): string | null {
  return "payload" in input ? sessionOfPayload(input.payload) : input.sessionId;
}

/** What happened, and the notice that says it ("签到成功" / "已签到（时间）"). */
export type CheckInResult =
  | { status: "checked-in"; at: Date; notice: "training.notices.checkedIn" }
  | { status: "already"; at: Date; notice: "training.notices.alreadyCheckedIn" };

const sessionForAttendance = (db: Db, sessionId: string) =>
  db.trainingSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      startsAt: true,
      hours: true,
      checkInSecret: true,
      checkInOpenedAt: true,
      checkInClosedAt: true,
      course: {
        select: {
          id: true,
          title: true,
          status: true,
          level: true,
          platform: { select: { id: true, induction: true, nationalOrProvincial: true } },
        },
      },
    },
  });
type AttendanceSession = NonNullable<Awaited<ReturnType<typeof sessionForAttendance>>>;

/** One attendance and its ledger entry; "already" (and nothing written) when the person has one. */
async function recordAttendance(tx: Db, session: AttendanceSession, userId: string, method: CheckInMethod, recordedById: string | null): Promise<CheckInResult> {
  const { count } = await tx.trainingAttendance.createMany({ data: [{ sessionId: session.id, userId, method, recordedById }], skipDuplicates: true });
  const attendance = await tx.trainingAttendance.findUniqueOrThrow({ where: { sessionId_userId: { sessionId: session.id, userId } }, select: { id: true, createdAt: true } });
  if (count === 0) return { status: "already", at: attendance.createdAt, notice: "training.notices.alreadyCheckedIn" };
  await writeHoursEntry(tx, {
    userId,
    year: trainingYear(session.startsAt),
    hours: Number(session.hours),
    source: "ATTENDANCE",
    sourceId: attendance.id,
    title: session.course.title,
    platform: session.course.platform,
    level: session.course.level,
    createdById: recordedById ?? userId,
  });
  return { status: "checked-in", at: attendance.createdAt, notice: "training.notices.checkedIn" };
}

async function requireEnrolled(db: Db, courseId: string, userId: string) {
  const enrolment = await db.trainingEnrolment.findUnique({ where: { courseId_userId: { courseId, userId } }, select: { status: true } });
  if (enrolment?.status !== "ENROLLED") throw new UserError("training.errors.checkInNeedsEnrolment", {}, { status: 403 });
}

/**
 * A person checks in with the code on screen or the QR payload (authorise "training-course:check-in"
 * on the session's course). Only people enrolled in the course, not those waitlisted, may check in;
 * an expired code, a wrong one and a forged payload are refused with what to do.
 */
export async function checkIn(actor: Pick<SessionUser, "id">, input: CheckInInput, now = new Date()): Promise<CheckInResult> {
  const sessionId = sessionOfCheckIn(input);
  if (!sessionId) throw new UserError("training.errors.qrForged", {}, { status: 400 });
  const { checkInStepSeconds } = await getTrainingSettings();
  return prisma.$transaction(async (tx) => {
    const session = await sessionForAttendance(tx, sessionId);
    if (!session) throw new UserError("payload" in input ? "training.errors.qrForged" : "training.errors.checkInClosed", {}, { status: 400 });
    if (session.course.status !== "PUBLISHED" || !isCheckInOpen(session)) throw new UserError("training.errors.checkInClosed");
    await requireEnrolled(tx, session.course.id, actor.id);
    if ("payload" in input) {
      const verdict = verifyPayload(session.checkInSecret, input.payload, now, checkInStepSeconds);
      if (verdict === "forged") throw new UserError("training.errors.qrForged", {}, { status: 400 });
      if (verdict === "expired") throw new UserError("training.errors.codeExpired", {}, { status: 400 });
    } else {
      const verdict = verifyCode(session.checkInSecret, session.id, input.code, now, checkInStepSeconds);
      if (verdict === "wrong") throw new UserError("training.errors.codeWrong", {}, { status: 400 });
      if (verdict === "expired") throw new UserError("training.errors.codeExpired", {}, { status: 400 });
    }
    return recordAttendance(tx, session, actor.id, "payload" in input ? "QR" : "CODE", null);
  }, SEAT_TRANSACTION);
}

/**
 * The organiser marks people present by hand (authorise "training-course:manage"): people enrolled
 * in the course only; those already checked in are counted, not written twice. Attendance is never
 * taken back here: the ledger is append-only, so a mistake is a correction by 学工部.
 */
export async function markAttendance(sessionId: string, userIds: string[], actorId: string) {
  const result = { marked: 0, already: 0 };
  await prisma.$transaction(async (tx) => {
    const session = await sessionForAttendance(tx, sessionId);
    if (!session) throw new Response("Not Found", { status: 404 });
    if (session.course.status !== "PUBLISHED") throw new UserError("training.errors.notPublished");
    for (const userId of [...new Set(userIds)].sort()) {
      await requireEnrolled(tx, session.course.id, userId);
      const outcome = await recordAttendance(tx, session, userId, "MANUAL", actorId);
      result[outcome.status === "already" ? "already" : "marked"] += 1;
    }
    await recordAudit(tx, { actorId, action: "training.attendance-mark", entityType: "TrainingSession", entityId: sessionId, data: { userIds, ...result } });
  });
  return result;
}
