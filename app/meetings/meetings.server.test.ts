import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { can } from "~/policy/index.ts";
import { codeFor, stepAt } from "~/training/check-in-code.ts";
import { buildCollege, buildMeetingSeries, buildUser } from "../../tests/support/factories.ts";
import { findMeetingAccess, loadActionItemAccess, loadSeriesAccess, meetingOrganiserResource } from "./access.server.ts";
import { carriedOverItems, myActionItems, recordOutcome, sendOverdueReminders, updateActionItem } from "./action-items.server.ts";
import { addAgendaItem, moveMeeting, proposeAgendaItem, publishAgenda, takeProposal } from "./agenda.server.ts";
import { checkInToMeeting, markMeetingAttendance, openMeetingCheckIn } from "./attendance.server.ts";
import { meetingDetail, overview } from "./meetings.server.ts";
import { meetingsMessages } from "./messages.ts";
import { closeMeeting, confirmMinutes, createMinutes } from "./minutes.server.ts";
import { createSeries, generateMeetings, seriesList } from "./series.server.ts";

/** The key of the UserError a promise is refused with (and its Chinese text), or null when it went through. */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (isUserError(error) ? error.key : Promise.reject(error)),
  );
const chinese = (key: string) => {
  const [, group, name] = key.split(".") as [string, "errors", string];
  return (meetingsMessages[group] as Record<string, readonly [string, string]>)[name]![0];
};
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

async function meetingAccess(person: { id: string }, meetingId: string) {
  return (await findMeetingAccess(person, meetingId))!.resource;
}

describe("who may do what with a meeting", () => {
  it("an invitee reads, the organiser edits, an outsider neither; a college admin organises only their own college's series", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const invitee = await buildUser();
    const outsider = await buildUser();
    const college = await buildCollege();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const otherAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"] });
    const school = await buildMeetingSeries({ organiser: admin, invitees: [invitee] });
    const meetingId = school.meetings[0]!.id;

    expect(can(invitee, "meeting:view", await meetingAccess(invitee, meetingId))).toBe(true);
    expect(can(invitee, "meeting:manage", await meetingAccess(invitee, meetingId))).toBe(false);
    expect(can(outsider, "meeting:view", await meetingAccess(outsider, meetingId))).toBe(false);
    expect(can(admin, "meeting:manage", await meetingAccess(admin, meetingId))).toBe(true);
    expect(can(collegeAdmin, "meeting:manage", await meetingAccess(collegeAdmin, meetingId))).toBe(false);

    const own = { organiserKind: "COLLEGE" as const, collegeId: college.id };
    expect(can(collegeAdmin, "meeting-series:create", await meetingOrganiserResource(collegeAdmin, own))).toBe(true);
    expect(can(otherAdmin, "meeting-series:create", await meetingOrganiserResource(otherAdmin, own))).toBe(false);
    expect(can(collegeAdmin, "meeting-series:create", await meetingOrganiserResource(collegeAdmin, { organiserKind: "SCHOOL" }))).toBe(false);
    const collegeSeries = await createSeries({ title: "学院月度例会", organiserKind: "COLLEGE", collegeId: college.id, weekOfMonth: 1, weekday: 2, startTime: "15:00", durationMinutes: 90 }, admin.id);
    expect((await loadSeriesAccess(collegeAdmin, collegeSeries.id)).resource).toMatchObject({ organiserKind: "COLLEGE" });
    expect(can(collegeAdmin, "meeting-series:manage", (await loadSeriesAccess(collegeAdmin, collegeSeries.id)).resource)).toBe(true);
    expect(can(otherAdmin, "meeting-series:manage", (await loadSeriesAccess(otherAdmin, collegeSeries.id)).resource)).toBe(false);
    // Lists follow the same rules.
    expect((await seriesList(collegeAdmin)).map((s) => s.id)).toContain(collegeSeries.id);
    expect((await seriesList(otherAdmin)).map((s) => s.id)).not.toContain(collegeSeries.id);
    expect((await seriesList(invitee)).map((s) => s.id)).toEqual([school.id]);
    expect((await seriesList(outsider)).map((s) => s.id)).toEqual([]);
  });

  it("an action item's owner and the organiser update it, another invitee does not", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const organiser = await buildUser();
    const owner = await buildUser();
    const other = await buildUser();
    const series = await buildMeetingSeries({ organiser, invitees: [owner, other] }, [hoursAgo(1)]);
    const meeting = series.meetings[0]!;
    const item = await addAgendaItem(meeting.id, { segmentId: meeting.segmentIds[1]!, title: "阶段工作总结", minutes: 20 }, organiser.id);
    await recordOutcome(item.id, { kind: "ACTION", text: "完成学风建设调研", ownerId: owner.id, dueOn: daysFromNow(20) }, organiser);
    const action = await prisma.actionItem.findFirstOrThrow({ where: { meetingId: meeting.id } });
    const resourceFor = async (person: { id: string }) => (await loadActionItemAccess(person, action.id)).resource;
    expect(can(owner, "action-item:update", await resourceFor(owner))).toBe(true);
    expect(can(organiser, "action-item:update", await resourceFor(organiser))).toBe(true);
    expect(can(other, "action-item:update", await resourceFor(other))).toBe(false);
    expect(can(other, "action-item:view", await resourceFor(other))).toBe(true);
    // 学工部 oversees every series.
    expect(can(admin, "action-item:update", await resourceFor(admin))).toBe(true);
  });
});

describe("occurrences from the monthly rule", () => {
  it("a series created with its first months has them at once, with their segments (one transaction)", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const { id } = await createSeries({ title: "全校月度交流例会", organiserKind: "SCHOOL", weekOfMonth: 2, weekday: 3, startTime: "14:30", durationMinutes: 120 }, admin.id, { months: 3 });
    const meetings = await prisma.meeting.findMany({ where: { seriesId: id }, select: { _count: { select: { segments: true } } } });
    expect(meetings.map((m) => m._count.segments)).toEqual([4, 4, 4]);
    // A bad series writes nothing: neither the series nor meetings.
    const before = await prisma.meetingSeries.count();
    await expect(createSeries({ title: "", organiserKind: "SCHOOL", weekOfMonth: 2, weekday: 3, startTime: "14:30", durationMinutes: 120 }, admin.id, { months: 3 })).rejects.toThrow();
    expect(await prisma.meetingSeries.count()).toBe(before);
  });

  it("creates the last Friday of each month at 14:30 Beijing time, with the four segments, once however often it runs", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const { id } = await createSeries({ title: "全校月度交流例会", organiserKind: "SCHOOL", weekOfMonth: -1, weekday: 5, startTime: "14:30", durationMinutes: 120 }, admin.id);
    const from = new Date("2027-01-01T00:00:00Z");
    const created = await Promise.all([generateMeetings(id, 3, admin.id, { from }), generateMeetings(id, 3, admin.id, { from })]);
    expect(created[0] + created[1]).toBe(3);
    expect(await generateMeetings(id, 4, admin.id, { from })).toBe(1);
    const meetings = await prisma.meeting.findMany({ where: { seriesId: id }, orderBy: { startsAt: "asc" }, select: { startsAt: true, endsAt: true, segments: { orderBy: { position: "asc" }, select: { name: true } } } });
    expect(meetings.map((m) => m.startsAt.toISOString())).toEqual(["2027-01-29T06:30:00.000Z", "2027-02-26T06:30:00.000Z", "2027-03-26T06:30:00.000Z", "2027-04-30T06:30:00.000Z"]);
    expect(meetings[0]!.endsAt.toISOString()).toBe("2027-01-29T08:30:00.000Z");
    expect(meetings.every((m) => m.segments.map((s) => s.name).join() === "理论学习,阶段工作总结,工作案例交流分享,分组研讨")).toBe(true);
  });
});

describe("bad input is refused in Chinese and changes nothing", () => {
  it("an item longer than the meeting, a past due date, an owner who is not a participant, a closed meeting edited", async () => {
    const organiser = await buildUser();
    const invitee = await buildUser();
    const stranger = await buildUser();
    const series = await buildMeetingSeries({ organiser, invitees: [invitee], durationMinutes: 90 }, [hoursAgo(1)]);
    const meeting = series.meetings[0]!;
    const segmentId = meeting.segmentIds[0]!;

    const tooLong = await refusal(addAgendaItem(meeting.id, { segmentId, title: "长议题", minutes: 91 }, organiser.id));
    expect(tooLong).toBe("meetings.errors.itemLongerThanMeeting");
    expect(chinese(tooLong!)).toContain("超过了例会的总时长");
    expect(await prisma.agendaItem.count({ where: { meetingId: meeting.id } })).toBe(0);

    const item = await addAgendaItem(meeting.id, { segmentId, title: "理论学习", minutes: 30 }, organiser.id);
    const past = await refusal(recordOutcome(item.id, { kind: "ACTION", text: "过期事项", ownerId: invitee.id, dueOn: daysFromNow(-2) }, organiser));
    expect(past).toBe("meetings.errors.dueInPast");
    expect(chinese(past!)).toContain("已经过去");
    const notThere = await refusal(recordOutcome(item.id, { kind: "ACTION", text: "外人事项", ownerId: stranger.id, dueOn: daysFromNow(5) }, organiser));
    expect(notThere).toBe("meetings.errors.ownerNotParticipant");
    expect(chinese(notThere!)).toContain("不在名单中");
    // The outcome of a refused action item is not written either (one transaction).
    expect(await prisma.agendaOutcome.count({ where: { meetingId: meeting.id } })).toBe(0);
    expect(await prisma.actionItem.count({ where: { meetingId: meeting.id } })).toBe(0);

    await closeMeeting(meeting.id, organiser);
    const closed = await refusal(addAgendaItem(meeting.id, { segmentId, title: "会后补充", minutes: 10 }, organiser.id));
    expect(closed).toBe("meetings.errors.meetingClosed");
    expect(chinese(closed!)).toContain("已结束");
    expect(await refusal(moveMeeting(meeting.id, { startsAt: new Date() }, organiser))).toBe("meetings.errors.meetingClosed");
    expect(await prisma.agendaItem.count({ where: { meetingId: meeting.id } })).toBe(1);
  });
});

describe("action items carried over", () => {
  it("an action opened in January appears in February and March until done, with its history; my list flags it overdue", async () => {
    const organiser = await buildUser();
    const owner = await buildUser();
    const jan = new Date("2026-01-14T06:30:00Z");
    const feb = new Date("2026-02-11T06:30:00Z");
    const mar = new Date("2026-03-11T06:30:00Z");
    const apr = new Date("2026-04-08T06:30:00Z");
    const series = await buildMeetingSeries({ organiser, invitees: [owner] }, [jan, feb, mar, apr]);
    const [m1, m2, m3, m4] = series.meetings as [typeof series.meetings[0], typeof series.meetings[0], typeof series.meetings[0], typeof series.meetings[0]];
    const item = await addAgendaItem(m1.id, { segmentId: m1.segmentIds[1]!, title: "新生心理普查", minutes: 20 }, organiser.id);
    await recordOutcome(item.id, { kind: "ACTION", text: "完成新生心理普查回访", ownerId: owner.id, dueOn: "2026-02-28" }, organiser, jan);
    const action = await prisma.actionItem.findFirstOrThrow({ where: { meetingId: m1.id } });

    expect((await carriedOverItems({ id: m1.id, seriesId: series.id, startsAt: m1.startsAt })).map((i) => i.id)).toEqual([]);
    expect((await carriedOverItems({ id: m2.id, seriesId: series.id, startsAt: m2.startsAt })).map((i) => i.id)).toEqual([action.id]);
    await updateActionItem(action.id, { status: "IN_PROGRESS", note: "已回访一半" }, owner.id, { meetingId: m2.id, now: new Date(feb.getTime() + 3_600_000) });
    const inMarch = await carriedOverItems({ id: m3.id, seriesId: series.id, startsAt: m3.startsAt });
    expect(inMarch.map((i) => i.id)).toEqual([action.id]);
    expect(inMarch[0]!.updates.map((u) => [u.toStatus, u.note, u.meeting?.id ?? null])).toEqual([
      ["OPEN", "", m1.id],
      ["IN_PROGRESS", "已回访一半", m2.id],
    ]);
    const mine = await myActionItems(owner, {}, new Date("2026-03-15T00:00:00Z"));
    expect(mine.items.map((i) => [i.id, i.overdue])).toEqual([[action.id, true]]);
    expect(mine.overdue).toBe(1);

    await updateActionItem(action.id, { status: "DONE", note: "全部完成" }, owner.id, { meetingId: m3.id, now: new Date(mar.getTime() + 3_600_000) });
    expect((await carriedOverItems({ id: m4.id, seriesId: series.id, startsAt: m4.startsAt })).map((i) => i.id)).toEqual([]);
    // The March meeting still shows it (it was open when March began), now done.
    expect((await carriedOverItems({ id: m3.id, seriesId: series.id, startsAt: m3.startsAt }))[0]!.status).toBe("DONE");
    expect(await refusal(updateActionItem(action.id, { status: "OPEN" }, owner.id))).toBe("meetings.errors.actionClosed");
    expect((await myActionItems(owner, { status: "overdue" }, new Date("2026-03-15T00:00:00Z"))).total).toBe(0);
  });

  it("reminds an overdue item's owner once, however often the job runs", async () => {
    const organiser = await buildUser();
    const owner = await buildUser();
    const series = await buildMeetingSeries({ organiser, invitees: [owner] }, [hoursAgo(1)]);
    const meeting = series.meetings[0]!;
    const item = await addAgendaItem(meeting.id, { segmentId: meeting.segmentIds[0]!, title: "督办", minutes: 10 }, organiser.id);
    await recordOutcome(item.id, { kind: "ACTION", text: "提交学期总结", ownerId: owner.id, dueOn: daysFromNow(1) }, organiser);
    const later = new Date(Date.now() + 3 * 86_400_000);
    await Promise.all([sendOverdueReminders(later), sendOverdueReminders(later)]);
    await sendOverdueReminders(later);
    expect(await prisma.notification.count({ where: { userId: owner.id, type: "meetings.notices.actionOverdue" } })).toBe(1);
  });
});

describe("agenda, invitations and attendance", () => {
  it("publishes to the audience, takes a proposal from the backlog, and checks in an invitee once with hours in the ledger", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const college = await buildCollege();
    const a = await buildUser({ college });
    const b = await buildUser({ college });
    const outsider = await buildUser();
    const { id: seriesId } = await createSeries(
      { title: "学院交流例会", organiserKind: "SCHOOL", weekOfMonth: 2, weekday: 3, startTime: "14:30", durationMinutes: 90, targets: [{ kind: "COLLEGE", collegeId: college.id }] },
      organiser.id,
    );
    await generateMeetings(seriesId, 1, organiser.id);
    const meeting = await prisma.meeting.findFirstOrThrow({ where: { seriesId }, select: { id: true, checkInSecret: true, segments: { orderBy: { position: "asc" }, select: { id: true } } } });
    await publishAgenda(meeting.id, organiser);
    expect((await prisma.meetingInvitation.findMany({ where: { meetingId: meeting.id }, orderBy: { userId: "asc" } })).map((i) => i.userId)).toEqual([a.id, b.id].sort());
    expect(await prisma.notification.count({ where: { userId: a.id, type: "meetings.notices.agendaPublished" } })).toBe(1);

    const proposal = await proposeAgendaItem(seriesId, { title: "辅导员谈心谈话案例", notes: "以案促建" }, a.id);
    expect(await refusal(takeProposal(meeting.id, { proposalId: proposal.id, segmentId: meeting.segments[2]!.id, minutes: 100 }, organiser.id))).toBe("meetings.errors.itemLongerThanMeeting");
    expect(await prisma.agendaProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ status: "OPEN" });
    await takeProposal(meeting.id, { proposalId: proposal.id, segmentId: meeting.segments[2]!.id, minutes: 25 }, organiser.id);
    const detail = await meetingDetail(meeting.id);
    expect(detail.segments[2]!.items.map((i) => [i.title, i.presenter?.id])).toEqual([["辅导员谈心谈话案例", a.id]]);
    expect(detail.totals).toEqual({ length: 90, planned: 25, overrun: 0 });

    await openMeetingCheckIn(meeting.id, organiser.id);
    const now = new Date();
    const code = codeFor(meeting.checkInSecret, meeting.id, stepAt(now));
    expect((await checkInToMeeting(a, { meetingId: meeting.id, code }, now)).status).toBe("checked-in");
    expect((await checkInToMeeting(a, { meetingId: meeting.id, code }, now)).status).toBe("already");
    expect(await refusal(checkInToMeeting(outsider, { meetingId: meeting.id, code }, now))).toBe("meetings.errors.checkInNeedsInvitation");
    expect(await markMeetingAttendance(meeting.id, [a.id, b.id], organiser.id)).toEqual({ marked: 1, already: 1 });
    const entries = await prisma.trainingHoursEntry.findMany({ where: { userId: { in: [a.id, b.id] } }, select: { userId: true, source: true, hours: true, platform: { select: { code: true } } } });
    expect(entries.map((e) => [e.source, Number(e.hours), e.platform?.code]).sort()).toEqual([
      ["MEETING", 1.5, "MONTHLY_MEETING"],
      ["MEETING", 1.5, "MONTHLY_MEETING"],
    ]);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: a.id } })).toBe(1);
  });
});

describe("closing and the overview", () => {
  it("closing a studio's meeting records its activity; confirming takes the minutes' version and makes them read-only", async () => {
    const leader = await buildUser({ stage: "EXPERT" });
    const member = await buildUser();
    const studio = await prisma.studio.create({
      data: { name: `例会测试工作室${Date.now()}`, duty: "CAREER", memberships: { create: [{ userId: leader.id, role: "LEADER" }, { userId: member.id, role: "NEWCOMER" }] } },
    });
    const series = await buildMeetingSeries({ organiser: leader, organiserKind: "STUDIO", studioId: studio.id, invitees: [member] }, [hoursAgo(2)]);
    const meeting = series.meetings[0]!;
    await addAgendaItem(meeting.id, { segmentId: meeting.segmentIds[0]!, title: "学习新规定", minutes: 30, presenterId: member.id }, leader.id);
    const documentId = await createMinutes(meeting.id, leader.id);
    expect(await createMinutes(meeting.id, leader.id)).toBe(documentId);
    const minutes = await prisma.document.findUniqueOrThrow({ where: { id: documentId } });
    expect(minutes).toMatchObject({ studioId: null, type: "MEETING_MINUTES" });
    expect(minutes.plainText).toContain("学习新规定");
    expect(minutes.plainText).toContain("分组研讨");
    // The member reads, and once a note-taker would write; the leader writes.
    expect(can(member, "meeting:read-minutes", await meetingAccess(member, meeting.id))).toBe(true);
    expect(can(member, "meeting:write-minutes", await meetingAccess(member, meeting.id))).toBe(false);
    expect(can(leader, "meeting:write-minutes", await meetingAccess(leader, meeting.id))).toBe(true);

    expect(await refusal(confirmMinutes(meeting.id, leader))).toBe("meetings.errors.notClosedYet");
    await closeMeeting(meeting.id, leader);
    const closed = await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id }, include: { studioActivity: true } });
    expect(closed.studioActivity).toMatchObject({ studioId: studio.id, kind: "MEETING", title: series.title });
    await confirmMinutes(meeting.id, leader);
    const confirmed = await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id }, include: { minutesVersion: true } });
    expect(confirmed.minutesVersion).toMatchObject({ documentId, reason: "NAMED", name: "签发稿" });
    expect(can(leader, "meeting:write-minutes", await meetingAccess(leader, meeting.id))).toBe(false);
    expect(await refusal(confirmMinutes(meeting.id, leader))).toBe("meetings.errors.minutesConfirmed");

    const year = closed.startsAt.getUTCFullYear();
    const admin = await buildUser({ roles: ["ADMIN"] });
    const seen = await overview({ kind: "school" }, year);
    const row = seen.series.find((s) => s.seriesId === series.id);
    expect(row).toMatchObject({ held: 1, invited: 1, present: 0 });
    expect(admin.roles).toContain("ADMIN");
  });
});
