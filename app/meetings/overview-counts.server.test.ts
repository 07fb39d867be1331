import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildMeetingSeries, buildUser } from "../../tests/support/factories.ts";
import { markMeetingAttendance } from "./attendance.server.ts";
import { overview } from "./meetings.server.ts";
import { closeMeeting } from "./minutes.server.ts";

/**
 * The 督导落实 overview at scale (bench:meetings) sums the invited and present counts fixed on the
 * meeting when it is closed, instead of counting every invitation and attendance of the year.
 */
describe("counts fixed at closing", () => {
  it("closing records how many were invited and present, and the overview's attendance rate is theirs", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const invitees = [await buildUser(), await buildUser(), await buildUser()];
    const series = await buildMeetingSeries({ organiser, invitees }, [new Date(Date.now() - 2 * 3_600_000)]);
    const meetingId = series.meetings[0]!.id;
    await markMeetingAttendance(meetingId, [invitees[0]!.id, invitees[1]!.id], organiser.id);
    expect(await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { invitedCount: true, presentCount: true } })).toEqual({ invitedCount: null, presentCount: null });

    await closeMeeting(meetingId, organiser);
    expect(await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { invitedCount: true, presentCount: true } })).toEqual({ invitedCount: 3, presentCount: 2 });
    const row = (await overview({ kind: "school" }, series.meetings[0]!.startsAt.getUTCFullYear())).series.find((s) => s.seriesId === series.id);
    expect(row).toMatchObject({ held: 1, invited: 3, present: 2, attendanceRate: 2 / 3 });
  });

  it("a meeting closed without them (before the counts existed) is counted from its rows", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const invitees = [await buildUser(), await buildUser()];
    const series = await buildMeetingSeries({ organiser, invitees }, [new Date(Date.now() - 2 * 3_600_000)]);
    const meetingId = series.meetings[0]!.id;
    await markMeetingAttendance(meetingId, [invitees[0]!.id], organiser.id);
    await prisma.meeting.update({ where: { id: meetingId }, data: { status: "CLOSED", closedAt: new Date() } });
    const row = (await overview({ kind: "school" }, series.meetings[0]!.startsAt.getUTCFullYear())).series.find((s) => s.seriesId === series.id);
    expect(row).toMatchObject({ held: 1, invited: 2, present: 1 });
  });
});
