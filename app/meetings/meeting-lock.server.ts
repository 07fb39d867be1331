import type { Db } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";

/**
 * Every change to a meeting takes its row first (SELECT … FOR UPDATE), so a change and a close
 * that race are ordered: a closed or cancelled meeting refuses the change, with the reason, and
 * nothing is written.
 */
export async function lockOpenMeeting(tx: Db, meetingId: string) {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Meeting" WHERE id = ${meetingId} FOR UPDATE`;
  if (!rows.length) throw new Response("Not Found", { status: 404 });
  const meeting = await tx.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: {
      id: true,
      seriesId: true,
      status: true,
      startsAt: true,
      endsAt: true,
      place: true,
      agendaPublishedAt: true,
      closedAt: true,
      minutesConfirmedAt: true,
      minutesDocumentId: true,
      hours: true,
      series: { select: { title: true, studioId: true } },
    },
  });
  if (meeting.status === "CLOSED") throw new UserError("meetings.errors.meetingClosed");
  if (meeting.status === "CANCELLED") throw new UserError("meetings.errors.meetingCancelled");
  return meeting;
}

/** The meeting's length in minutes. */
export const lengthOf = (meeting: { startsAt: Date; endsAt: Date }) => Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
