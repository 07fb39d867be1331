import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { CheckInMethod } from "~/generated/prisma/enums.ts";
import { UserError } from "~/lib/user-error.ts";
import { isCheckInOpen } from "~/training/catalogue.server.ts";
import { codeFor, qrPayloadFor, sessionOfPayload, stepAt, verifyCode, verifyPayload } from "~/training/check-in-code.ts";
import { trainingYear, writeHoursEntry } from "~/training/ledger.server.ts";
import { getTrainingSettings } from "~/training/settings.server.ts";
import { lengthOf, lockOpenMeeting } from "./meeting-lock.server.ts";
import type { MeetingCheckInInput } from "./schemas.ts";

/**
 * Attendance at a meeting, with the training check-in's own codes (app/training/check-in-code.ts:
 * the meeting id stands where a session id stands, each meeting has its own secret). Only invitees
 * attend; the organiser may add someone by hand, who is then invited too. Each attendance writes
 * its hours to the training ledger (source MEETING, platform 月度交流例会) in the same transaction,
 * once: a second check-in says 已签到 and writes nothing.
 */

export const MEETING_PLATFORM_CODE = "MONTHLY_MEETING";

export async function openMeetingCheckIn(meetingId: string, actorId: string, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    await tx.meeting.update({ where: { id: meetingId }, data: { checkInOpenedAt: now, checkInClosedAt: null, status: meeting.status === "SCHEDULED" ? "IN_PROGRESS" : meeting.status } });
    await recordAudit(tx, { actorId, action: "meetings.check-in-open", entityType: "Meeting", entityId: meetingId });
  });
}

export async function closeMeetingCheckIn(meetingId: string, actorId: string, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    await lockOpenMeeting(tx, meetingId);
    await tx.meeting.update({ where: { id: meetingId }, data: { checkInClosedAt: now } });
    await recordAudit(tx, { actorId, action: "meetings.check-in-close", entityType: "Meeting", entityId: meetingId });
  });
}

/** What the organiser's screen shows (authorise "meeting:manage"): code, QR payload and when they change; null while closed. */
export async function meetingCheckInDisplay(meetingId: string, now = new Date()) {
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: { id: true, checkInSecret: true, checkInOpenedAt: true, checkInClosedAt: true, _count: { select: { attendances: true } } },
  });
  if (!meeting) throw new Response("Not Found", { status: 404 });
  if (!isCheckInOpen(meeting)) return null;
  const { checkInStepSeconds } = await getTrainingSettings();
  const step = stepAt(now, checkInStepSeconds);
  return {
    code: codeFor(meeting.checkInSecret, meeting.id, step),
    payload: qrPayloadFor(meeting.checkInSecret, meeting.id, step),
    changesAt: new Date((step + 1) * checkInStepSeconds * 1000),
    stepSeconds: checkInStepSeconds,
    checkedIn: meeting._count.attendances,
  };
}

/** The meeting a check-in names (the form's, or the one in the QR payload), for the route to load and authorise. */
export function meetingOfCheckIn(input: MeetingCheckInInput): string | null {
  return "payload" in input ? sessionOfPayload(input.payload) : input.meetingId;
}

export type MeetingCheckInResult =
  | { status: "checked-in"; at: Date; notice: "meetings.notices.checkedIn" }
  | { status: "already"; at: Date; notice: "meetings.notices.alreadyCheckedIn" };

async function recordAttendance(
  tx: Db,
  meeting: { id: string; startsAt: Date; endsAt: Date; hours: unknown; series: { title: string } },
  userId: string,
  method: CheckInMethod,
  recordedById: string | null,
): Promise<MeetingCheckInResult> {
  const { count } = await tx.meetingAttendance.createMany({ data: [{ meetingId: meeting.id, userId, method, recordedById }], skipDuplicates: true });
  const attendance = await tx.meetingAttendance.findUniqueOrThrow({ where: { meetingId_userId: { meetingId: meeting.id, userId } }, select: { id: true, createdAt: true } });
  if (count === 0) return { status: "already", at: attendance.createdAt, notice: "meetings.notices.alreadyCheckedIn" };
  const platform = await tx.trainingPlatform.findUnique({ where: { code: MEETING_PLATFORM_CODE }, select: { id: true, induction: true, nationalOrProvincial: true } });
  await writeHoursEntry(tx, {
    userId,
    year: trainingYear(meeting.startsAt),
    hours: meeting.hours === null ? Math.round((lengthOf(meeting) / 60) * 10) / 10 : Number(meeting.hours),
    source: "MEETING",
    sourceId: attendance.id,
    title: meeting.series.title,
    platform,
    level: null,
    createdById: recordedById ?? userId,
  });
  return { status: "checked-in", at: attendance.createdAt, notice: "meetings.notices.checkedIn" };
}

async function requireInvited(tx: Db, meetingId: string, userId: string) {
  const invitation = await tx.meetingInvitation.findUnique({ where: { meetingId_userId: { meetingId, userId } }, select: { userId: true } });
  if (!invitation) throw new UserError("meetings.errors.checkInNeedsInvitation", {}, { status: 403 });
}

/** An invitee checks in with the code on screen or the QR payload (authorise "meeting:check-in"). */
export async function checkInToMeeting(actor: Pick<SessionUser, "id">, input: MeetingCheckInInput, now = new Date()): Promise<MeetingCheckInResult> {
  const meetingId = meetingOfCheckIn(input);
  if (!meetingId) throw new UserError("training.errors.qrForged", {}, { status: 400 });
  const { checkInStepSeconds } = await getTrainingSettings();
  return prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    const secret = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { checkInSecret: true, checkInOpenedAt: true, checkInClosedAt: true } });
    if (!isCheckInOpen(secret)) throw new UserError("training.errors.checkInClosed");
    await requireInvited(tx, meetingId, actor.id);
    if ("payload" in input) {
      const verdict = verifyPayload(secret.checkInSecret, input.payload, now, checkInStepSeconds);
      if (verdict === "forged") throw new UserError("training.errors.qrForged", {}, { status: 400 });
      if (verdict === "expired") throw new UserError("training.errors.codeExpired", {}, { status: 400 });
    } else {
      const verdict = verifyCode(secret.checkInSecret, meetingId, input.code, now, checkInStepSeconds);
      if (verdict === "wrong") throw new UserError("training.errors.codeWrong", {}, { status: 400 });
      if (verdict === "expired") throw new UserError("training.errors.codeExpired", {}, { status: 400 });
    }
    return recordAttendance(tx, meeting, actor.id, "payload" in input ? "QR" : "CODE", null);
  });
}

/**
 * The organiser marks people present by hand (authorise "meeting:manage"). Someone not invited
 * (a guest who came) is invited by that, as the brief allows the organiser to add them.
 */
export async function markMeetingAttendance(meetingId: string, userIds: string[], actorId: string) {
  const result = { marked: 0, already: 0 };
  await prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    const people = [...new Set(userIds)].sort();
    const active = await tx.user.findMany({ where: { id: { in: people }, active: true }, select: { id: true } });
    if (active.length !== people.length) throw new UserError("meetings.errors.badChoice", {}, { status: 400 });
    await tx.meetingInvitation.createMany({ data: people.map((userId) => ({ meetingId, userId })), skipDuplicates: true });
    for (const userId of people) {
      const outcome = await recordAttendance(tx, meeting, userId, "MANUAL", actorId);
      result[outcome.status === "already" ? "already" : "marked"] += 1;
    }
    await recordAudit(tx, { actorId, action: "meetings.attendance-mark", entityType: "Meeting", entityId: meetingId, data: { userIds: people, ...result } });
  });
  return result;
}
