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

  it("counts a year's action items: opened that year, completed that year (a dropped one is not), and overdue now", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const owner = await buildUser();
    const series = await buildMeetingSeries({ organiser, invitees: [owner] }, [new Date(Date.UTC(2031, 2, 12, 6, 30))]);
    const meetingId = series.meetings[0]!.id;
    const item = (title: string, createdAt: string, status: "OPEN" | "IN_PROGRESS" | "DONE" | "DROPPED", dueOn: string, closedAt?: string) =>
      prisma.actionItem.create({
        data: { seriesId: series.id, meetingId, title, ownerId: owner.id, createdById: organiser.id, status, createdAt: new Date(createdAt), dueOn: new Date(dueOn), closedAt: closedAt ? new Date(closedAt) : null },
      });
    await item("上年提出、今年完成", "2030-12-20T02:00:00Z", "DONE", "2031-01-31", "2031-01-10T02:00:00Z");
    await item("今年提出、今年完成", "2031-03-12T08:00:00Z", "DONE", "2031-04-30", "2031-04-01T02:00:00Z");
    await item("今年提出、已撤销", "2031-03-12T08:00:00Z", "DROPPED", "2031-04-30", "2031-04-02T02:00:00Z");
    await item("今年提出、已逾期", "2031-03-12T08:00:00Z", "IN_PROGRESS", "2031-05-31");
    await item("今年提出、未到期", "2031-03-12T08:00:00Z", "OPEN", "2031-12-31");
    await item("今年提出、次年完成", "2031-12-30T02:00:00Z", "DONE", "2032-01-15", "2032-01-05T02:00:00Z");

    const now = new Date(Date.UTC(2031, 5, 15, 4));
    const counts = async (year: number) => (await overview({ kind: "school" }, year, now)).series.find((s) => s.seriesId === series.id)?.actions;
    await prisma.meeting.update({ where: { id: meetingId }, data: { status: "CLOSED", closedAt: new Date("2031-03-12T09:00:00Z") } });
    expect(await counts(2031)).toMatchObject({ opened: 5, closed: 2, overdue: 1 });
  });
});
