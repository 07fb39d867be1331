import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { action as editAction, loader as editLoader } from "~/routes/meetings.series.$seriesId_.edit.tsx";
import { buildUser } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { addAgendaItem, publishAgenda } from "./agenda.server.ts";
import { markMeetingAttendance } from "./attendance.server.ts";
import { ruleDayInMonth } from "./recurrence.ts";
import { createSeries, updateSeries } from "./series.server.ts";

/**
 * Changing a series (/meetings/series/:id/edit): its organisers change everything but who
 * organises it; the meetings nobody has prepared yet follow the new rule, length and segments,
 * the prepared ones keep theirs; nobody else may; bad input changes nothing.
 */
const form = (fields: Record<string, string | string[]>) => fields;

describe("changing a series", () => {
  it("re-plans the untouched meetings on the new rule and segments, keeps a prepared one, and refuses others and bad input", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const invitee = await buildUser();
    const { id: seriesId } = await createSeries(
      { title: "全校月度交流例会", organiserKind: "SCHOOL", weekOfMonth: 2, weekday: 3, startTime: "14:30", durationMinutes: 120, targets: [{ kind: "PERSON", userId: invitee.id }] },
      organiser.id,
      { months: 3 },
    );
    const meetings = await prisma.meeting.findMany({ where: { seriesId }, orderBy: { startsAt: "asc" }, select: { id: true, scheduledOn: true, startsAt: true, segments: { select: { id: true } } } });
    expect(meetings).toHaveLength(3);
    // The second meeting is prepared: an item on its agenda.
    const prepared = meetings[1]!;
    await addAgendaItem(prepared.id, { segmentId: prepared.segments[0]!.id, title: "学习贯彻会议精神", minutes: 20 }, organiser.id);

    const url = `/meetings/series/${seriesId}/edit`;
    const params = { seriesId };
    const shown = await asUser(organiser.username, editLoader, url, { params });
    expect(shown.status).toBe(200);
    expect((shown.data as { values: { title: string; people: string } }).values).toMatchObject({ title: "全校月度交流例会", people: invitee.username });
    expect((await asUser(invitee.username, editLoader, url, { params })).status).toBe(403);

    const change = form({
      intent: "update",
      title: "全校学生工作月度交流例会",
      description: "",
      place: "行政楼第一会议室",
      weekOfMonth: "3",
      weekday: "4",
      startTime: "15:00",
      durationMinutes: "90",
      "segments[0].name": "理论学习",
      "segments[0].minutes": "45",
      "segments[1].name": "案例研讨",
      "segments[1].minutes": "45",
      stages: ["NOVICE"],
      people: invitee.username,
    });
    expect((await asUser(invitee.username, editAction, url, { params, form: change })).status).toBe(403);
    // An empty title: a Chinese message at the field, nothing changed.
    const bad = await asUser(organiser.username, editAction, url, { params, form: { ...change, title: " " } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain("请填写");
    expect((await prisma.meetingSeries.findUniqueOrThrow({ where: { id: seriesId } })).title).toBe("全校月度交流例会");

    const saved = await asUser(organiser.username, editAction, url, { params, form: change });
    expect(saved.status).toBe(302);
    expect(saved.response?.headers.get("Location")).toBe(`/meetings/series/${seriesId}?updated=2`);
    const series = await prisma.meetingSeries.findUniqueOrThrow({ where: { id: seriesId }, select: { title: true, weekOfMonth: true, weekday: true, startTime: true, organiserKind: true, targets: { select: { kind: true, stage: true, userId: true } } } });
    expect(series).toMatchObject({ title: "全校学生工作月度交流例会", weekOfMonth: 3, weekday: 4, startTime: "15:00", organiserKind: "SCHOOL" });
    expect(series.targets).toEqual(expect.arrayContaining([{ kind: "STAGE", stage: "NOVICE", userId: null }, { kind: "PERSON", stage: null, userId: invitee.id }]));

    const after = await prisma.meeting.findMany({ where: { seriesId }, orderBy: { scheduledOn: "asc" }, select: { id: true, scheduledOn: true, startsAt: true, endsAt: true, place: true, segments: { orderBy: { position: "asc" }, select: { name: true, plannedMinutes: true } } } });
    for (const meeting of after) {
      if (meeting.id === prepared.id) {
        // The prepared meeting keeps its day and its four segments.
        expect(meeting.startsAt).toEqual(prepared.startsAt);
        expect(meeting.segments).toHaveLength(4);
        continue;
      }
      const day = ruleDayInMonth({ weekOfMonth: 3, weekday: 4 }, meeting.scheduledOn.getUTCFullYear(), meeting.scheduledOn.getUTCMonth())!;
      expect(meeting.scheduledOn).toEqual(day);
      // 15:00 in Beijing is 07:00 UTC; 90 minutes.
      expect(meeting.startsAt.toISOString()).toBe(`${day.toISOString().slice(0, 10)}T07:00:00.000Z`);
      expect(meeting.endsAt.getTime() - meeting.startsAt.getTime()).toBe(90 * 60_000);
      expect(meeting.place).toBe("行政楼第一会议室");
      expect(meeting.segments).toEqual([{ name: "理论学习", plannedMinutes: 45 }, { name: "案例研讨", plannedMinutes: 45 }]);
    }
  });
});

describe("publishing again after the audience changed", () => {
  it("invites who joined it, uninvites who left it (and tells them), and keeps who already takes part", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const [stays, leaves, attended, joins] = [await buildUser(), await buildUser(), await buildUser(), await buildUser()];
    const base = { title: "专题例会", organiserKind: "SCHOOL" as const, weekOfMonth: 2, weekday: 3, startTime: "14:30", durationMinutes: 90 };
    const person = (u: { id: string }) => ({ kind: "PERSON" as const, userId: u.id });
    const { id: seriesId } = await createSeries({ ...base, targets: [stays, leaves, attended].map(person) }, organiser.id, { months: 1 });
    const meetingId = (await prisma.meeting.findFirstOrThrow({ where: { seriesId }, select: { id: true } })).id;
    expect(await publishAgenda(meetingId, organiser)).toEqual({ invited: 3, uninvited: 0 });
    await markMeetingAttendance(meetingId, [attended.id], organiser.id);

    await updateSeries(seriesId, { ...base, targets: [stays, joins].map(person) }, organiser.id);
    expect(await publishAgenda(meetingId, organiser)).toEqual({ invited: 1, uninvited: 1 });
    const invited = (await prisma.meetingInvitation.findMany({ where: { meetingId }, select: { userId: true } })).map((i) => i.userId).sort();
    expect(invited).toEqual([stays.id, attended.id, joins.id].sort());
    expect(await prisma.notification.count({ where: { userId: leaves.id, type: "meetings.notices.uninvited" } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: attended.id, type: "meetings.notices.uninvited" } })).toBe(0);
    expect(await prisma.notification.count({ where: { userId: joins.id, type: "meetings.notices.agendaPublished" } })).toBe(1);
  });
});
