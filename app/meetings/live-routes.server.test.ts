import { beforeAll, describe, expect, it } from "vitest";
import { backgroundTaskNames } from "~/composition/background.server.ts";
import { prisma } from "~/db/client.server.ts";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import { can } from "~/policy/index.ts";
import { action as calendarAction } from "~/routes/training.calendar._index.tsx";
import { loader as feed } from "~/routes/training.calendar.$file.tsx";
import { codeFor, qrPayloadFor, stepAt } from "~/training/check-in-code.ts";
import { buildCollege, buildMeetingSeries, buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { recordOutcome } from "./action-items.server.ts";
import { loadMeetingAccess } from "./access.server.ts";
import { addAgendaItem } from "./agenda.server.ts";
import { minutesPage } from "./minutes-page.server.ts";
import { closeMeeting } from "./minutes.server.ts";
import { overdueRemindersPass } from "./reminders.server.ts";

/**
 * The meeting pages of the live part (check-in, minutes, 分组研讨, 我的督办事项) and the phone
 * check-in, reached as each kind of person would: denials, bad input in Chinese, the happy paths;
 * the calendar feed's meetings and action items; the overdue reminder task.
 */
type Route = { loader: (args: never) => Promise<unknown>; action: (args: never) => Promise<unknown> };
type Reply = { status: string; notice?: string; error?: string; confirm?: { message: string } };
let routes: Record<"checkIn" | "phone" | "minutes" | "groups" | "actions", Route>;

beforeAll(async () => {
  routes = {
    checkIn: (await import("~/routes/meetings.$meetingId_.check-in.tsx")) as unknown as Route,
    phone: (await import("~/routes/training.check-in.tsx")) as unknown as Route,
    minutes: (await import("~/routes/meetings.$meetingId_.minutes.tsx")) as unknown as Route,
    groups: (await import("~/routes/meetings.$meetingId_.groups.tsx")) as unknown as Route,
    actions: (await import("~/routes/meetings.actions.tsx")) as unknown as Route,
  };
});

const call = (route: keyof typeof routes, user: { username: string }, url: string, meetingId: string | null, form?: Record<string, string>) =>
  asUser(user.username, (form ? routes[route].action : routes[route].loader) as never, url, { params: meetingId ? { meetingId } : {}, form });
const reply = (answer: { data: unknown }) => answer.data as Reply;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

async function meetingWith(invitees: BuiltUser[], starts = [hoursAgo(0.5)]) {
  const organiser = await buildUser();
  const series = await buildMeetingSeries({ organiser, invitees }, starts);
  return { organiser, series, meetingId: series.meetings[0]!.id };
}

describe("the meeting's check-in screen and the phone check-in", () => {
  it("is the organiser's alone; opens, shows the rotating code, finds invitees by name and marks one by hand", async () => {
    const [zhang, li] = [await buildUser({ name: unique("张签到") }), await buildUser({ name: unique("李签到") })];
    const outsider = await buildUser();
    const { organiser, meetingId } = await meetingWith([zhang, li]);
    const url = `/meetings/${meetingId}/check-in`;
    expect((await call("checkIn", zhang, url, meetingId)).status).toBe(403);
    expect((await call("checkIn", outsider, url, meetingId)).status).toBe(403);
    expect((await call("checkIn", zhang, url, meetingId, { intent: "open" })).status).toBe(403);
    expect((await call("checkIn", organiser, "/meetings/nope/check-in", "nope")).status).toBe(404);

    const closed = (await call("checkIn", organiser, url, meetingId)).data as { display: unknown; invited: number; roster: unknown[] };
    expect(closed).toMatchObject({ display: null, invited: 2, checkedIn: 0 });
    expect(reply(await call("checkIn", organiser, url, meetingId, { intent: "open" })).notice).toContain("签到已开放");
    const open = (await call("checkIn", organiser, url, meetingId)).data as { display: { code: string; url: string; svg: string } };
    expect(open.display.code).toMatch(/^\d{6}$/);
    expect(open.display.url).toMatch(/\/training\/check-in\?p=/);
    expect(open.display.svg).toContain("<svg");

    const found = (await call("checkIn", organiser, `${url}?q=${encodeURIComponent(zhang.name)}`, meetingId)).data as { roster: Array<{ id: string }>; found: number };
    expect(found.roster.map((p) => p.id)).toEqual([zhang.id]);

    const asked = reply(await call("checkIn", organiser, url, meetingId, { intent: "mark", userId: li.id, name: li.name }));
    expect(asked.status).toBe("confirm");
    expect(await prisma.meetingAttendance.count({ where: { meetingId } })).toBe(0);
    expect(reply(await call("checkIn", organiser, url, meetingId, { intent: "mark", userId: li.id, name: li.name, confirmed: "yes" })).notice).toBe(`已标记${li.name}到场。`);
    expect(reply(await call("checkIn", organiser, url, meetingId, { intent: "mark", userId: li.id, name: li.name, confirmed: "yes" })).notice).toBe(`${li.name}已经签到过了。`);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: li.id, source: "MEETING" } })).toBe(1);
    expect((await call("checkIn", organiser, url, meetingId)).data).toMatchObject({ checkedIn: 1 });
  });

  it("the phone page lists the meeting to its invitee and checks in by code or QR; others learn why not, in Chinese", async () => {
    const invitee = await buildUser();
    const stranger = await buildUser();
    const { organiser, meetingId } = await meetingWith([invitee]);
    await call("checkIn", organiser, `/meetings/${meetingId}/check-in`, meetingId, { intent: "open" });
    const listed = (await call("phone", invitee, "/training/check-in", null)).data as { sessions: Array<{ id: string }> };
    expect(listed.sessions.map((s) => s.id)).toContain(meetingId);
    expect(((await call("phone", stranger, "/training/check-in", null)).data as { sessions: Array<{ id: string }> }).sessions.map((s) => s.id)).not.toContain(meetingId);

    const { checkInSecret } = await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    const code = codeFor(checkInSecret, meetingId, stepAt(new Date()));
    const wrong = code === "000000" ? "111111" : "000000";
    const bad = await call("phone", invitee, "/training/check-in", null, { intent: "checkIn", sessionId: meetingId, code: wrong });
    expect(bad.status).toBe(400);
    expect(reply(bad).error).toMatch(/签到码/);
    const notInvited = await call("phone", stranger, "/training/check-in", null, { intent: "checkIn", sessionId: meetingId, code });
    expect(notInvited.status).toBe(403);
    expect(reply(notInvited).error).toBe("你不在这次例会的参会名单中，不能签到。");
    expect(reply(await call("phone", invitee, "/training/check-in", null, { intent: "checkIn", sessionId: meetingId, code })).notice).toBe("签到成功。");
    expect(reply(await call("phone", invitee, "/training/check-in", null, { intent: "checkIn", sessionId: meetingId, code })).notice).toMatch(/^已签到（/);
    expect(await prisma.meetingAttendance.findMany({ where: { meetingId }, select: { userId: true, method: true } })).toEqual([{ userId: invitee.id, method: "CODE" }]);

    // The QR code's link: the payload names the meeting.
    const second = await buildUser();
    await prisma.meetingInvitation.create({ data: { meetingId, userId: second.id } });
    const payload = qrPayloadFor(checkInSecret, meetingId, stepAt(new Date()));
    expect(reply(await call("phone", second, "/training/check-in", null, { intent: "checkIn", payload })).notice).toBe("签到成功。");
    const forged = await call("phone", second, "/training/check-in", null, { intent: "checkIn", payload: `${payload.slice(0, -2)}xx` });
    expect(forged.status).toBe(400);

    // Someone who takes no training (a college admin) invited to the meeting: the page lists it, the code checks them in.
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"] });
    await prisma.meetingInvitation.create({ data: { meetingId, userId: collegeAdmin.id } });
    const theirs = await call("phone", collegeAdmin, "/training/check-in", null);
    expect(theirs.status).toBe(200);
    expect((theirs.data as { sessions: Array<{ id: string }> }).sessions.map((s) => s.id)).toEqual([meetingId]);
    expect(reply(await call("phone", collegeAdmin, "/training/check-in", null, { intent: "checkIn", sessionId: meetingId, code })).notice).toBe("签到成功。");

    // Once closed, the meeting says so.
    await call("checkIn", organiser, `/meetings/${meetingId}/check-in`, meetingId, { intent: "close" });
    const late = await buildUser();
    await prisma.meetingInvitation.create({ data: { meetingId, userId: late.id } });
    const after = await call("phone", late, "/training/check-in", null, { intent: "checkIn", sessionId: meetingId, code });
    expect(reply(after).status).toBe("error");
    expect(reply(after).error).toMatch(/签到/);
  });
});

describe("the minutes page", () => {
  it("the organiser's first visit creates the minutes from the agenda; an invitee reads, a note-taker writes, an outsider is refused", async () => {
    const [reader, taker] = [await buildUser(), await buildUser()];
    const outsider = await buildUser();
    const { organiser, series, meetingId } = await meetingWith([reader, taker]);
    await addAgendaItem(meetingId, { segmentId: series.meetings[0]!.segmentIds[0]!, title: "学习贯彻会议精神", minutes: 20 }, organiser.id);
    const url = `/meetings/${meetingId}/minutes`;
    expect((await call("minutes", outsider, url, meetingId)).status).toBe(403);
    // An invitee before anyone started: nothing is created.
    expect((await call("minutes", reader, url, meetingId)).data).toMatchObject({ documentId: null });
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).minutesDocumentId).toBeNull();

    const page = (await call("minutes", organiser, url, meetingId)).data as { documentId: string };
    expect(page.documentId).toBeTruthy();
    // The body is rendered into the page's markup only, not sent again in its data (decision 099).
    expect(JSON.stringify(page)).not.toContain("学习贯彻会议精神");
    const access = await loadMeetingAccess(organiser, meetingId);
    const body = (await minutesPage(access.meeting, access.resource, organiser)).bodyHtml();
    expect(body).toContain("学习贯彻会议精神");
    expect(body).toContain("分组研讨");
    expect(((await call("minutes", organiser, url, meetingId)).data as { documentId: string }).documentId).toBe(page.documentId);

    // The collaboration worker admits the document by the meeting's rules (app/documents/access.server.ts → findMinutesAccess).
    const writes = async (person: BuiltUser) => can(person, "document:edit", (await loadDocumentAccess(page.documentId, person))!.resource);
    expect(await writes(taker)).toBe(false);
    expect(await loadDocumentAccess(page.documentId, outsider).then((a) => a && can(outsider, "document:read", a.resource))).toBe(false);
    expect((await call("minutes", reader, url, meetingId, { intent: "noteTaker", userId: taker.id, noteTaker: "yes" })).status).toBe(403);
    expect(reply(await call("minutes", organiser, url, meetingId, { intent: "noteTaker", userId: taker.id, noteTaker: "yes", name: taker.name })).notice).toBe(`${taker.name}现在是记录员。`);
    expect(await writes(taker)).toBe(true);
    expect(await writes(reader)).toBe(false);
    const notInvited = await call("minutes", organiser, url, meetingId, { intent: "noteTaker", userId: outsider.id, noteTaker: "yes" });
    expect(reply(notInvited).error).toBe(`${outsider.name}不在这次例会的参会名单中。`);
    const badChoice = await call("minutes", organiser, url, meetingId, { intent: "noteTaker", userId: taker.id, noteTaker: "maybe" });
    expect(badChoice.status).toBe(400);

    // Confirming before the meeting is closed is refused; after, the page shows the confirmed version, read-only.
    expect(reply(await call("minutes", organiser, url, meetingId, { intent: "confirm", confirmed: "yes" })).error).toBe("请先结束例会，再签发纪要。");
    await closeMeeting(meetingId, organiser);
    expect(reply(await call("minutes", organiser, url, meetingId, { intent: "confirm" })).status).toBe("confirm");
    expect(reply(await call("minutes", organiser, url, meetingId, { intent: "confirm", confirmed: "yes" })).notice).toBe("纪要已签发。");
    const confirmed = (await call("minutes", taker, url, meetingId)).data as { confirmed: { number: number; html: string }; abilities: Record<string, boolean> };
    expect(confirmed.confirmed.html).toContain("学习贯彻会议精神");
    expect(confirmed.abilities["meeting:write-minutes"]).toBe(false);
    expect(await writes(taker)).toBe(false);
    expect(reply(await call("minutes", organiser, url, meetingId, { intent: "confirm", confirmed: "yes" })).error).toBe("纪要已签发，成为只读。");
  });
});

describe("分组研讨", () => {
  it("the organiser splits by college and picks a reporter among a group's members; others and bad input are refused", async () => {
    const [c1, c2] = [await buildCollege(), await buildCollege()];
    const people = [await buildUser({ college: c1 }), await buildUser({ college: c1 }), await buildUser({ college: c2 }), await buildUser({ college: c2 })];
    const { organiser, meetingId } = await meetingWith(people);
    const url = `/meetings/${meetingId}/groups`;
    expect((await call("groups", people[0]!, url, meetingId)).data).toMatchObject({ groups: [], canEdit: false, participants: 4 });
    expect((await call("groups", await buildUser(), url, meetingId)).status).toBe(403);
    expect((await call("groups", people[0]!, url, meetingId, { intent: "split", count: "2" })).status).toBe(403);
    const zero = await call("groups", organiser, url, meetingId, { intent: "split", count: "0" });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.data)).toContain("小组数须为 1 到 30。");

    expect(reply(await call("groups", organiser, url, meetingId, { intent: "split", count: "2", by: "college" })).notice).toBe("已分成 2 组。");
    const { groups } = (await call("groups", organiser, url, meetingId)).data as { groups: Array<{ id: string; name: string; reporterId: string; members: Array<{ id: string }> }> };
    const colleges = groups.map((g) => new Set(g.members.map((m) => people.find((p) => p.id === m.id)!.collegeId)));
    expect(colleges.map((c) => c.size)).toEqual([1, 1]);
    // Splitting again asks first (it replaces the groups).
    expect(reply(await call("groups", organiser, url, meetingId, { intent: "split", count: "2" })).status).toBe("confirm");

    const [first, second] = groups as [(typeof groups)[0], (typeof groups)[0]];
    const other = first.members.find((m) => m.id !== first.reporterId)!;
    const stranger = second.members[0]!;
    expect(reply(await call("groups", organiser, url, meetingId, { intent: "reporter", groupId: first.id, userId: stranger.id })).error).toBe("所选的人不在这个小组中。");
    expect(reply(await call("groups", organiser, url, meetingId, { intent: "reporter", groupId: first.id, userId: other.id, name: "X", group: first.name })).notice).toBe(`X是${first.name}的汇报人。`);
    expect((await prisma.discussionGroup.findUniqueOrThrow({ where: { id: first.id } })).reporterId).toBe(other.id);
    expect((await call("groups", people[0]!, url, meetingId, { intent: "reporter", groupId: first.id, userId: other.id })).status).toBe(403);
  });
});

describe("我的督办事项", () => {
  it("lists my items across series with the overdue flagged and filtered; the owner updates with a note, nobody else, and a closed item stays closed", async () => {
    const owner = await buildUser();
    const other = await buildUser();
    const a = await meetingWith([owner, other]);
    const b = await meetingWith([owner]);
    const item = async (m: typeof a, text: string, due: string) => {
      const agenda = await addAgendaItem(m.meetingId, { segmentId: m.series.meetings[0]!.segmentIds[1]!, title: unique("议题"), minutes: 10 }, m.organiser.id);
      await recordOutcome(agenda.id, { kind: "ACTION", text, ownerId: owner.id, dueOn: due }, m.organiser);
      return prisma.actionItem.findFirstOrThrow({ where: { title: text } });
    };
    const late = await item(a, unique("逾期事项"), daysFromNow(1));
    await prisma.actionItem.update({ where: { id: late.id }, data: { dueOn: new Date(`${daysFromNow(-3)}T00:00:00Z`) } });
    const soon = await item(b, unique("下月事项"), daysFromNow(10));
    await item(a, unique("他人事项"), daysFromNow(5)).then((x) => prisma.actionItem.update({ where: { id: x.id }, data: { ownerId: other.id } }));

    type List = { items: Array<{ id: string; overdue: boolean }>; overdue: number; total: number };
    const mine = (await call("actions", owner, "/meetings/actions", null)).data as List;
    expect(mine.items.map((i) => i.id).sort()).toEqual([late.id, soon.id].sort());
    expect(mine.overdue).toBe(1);
    expect(mine.items.find((i) => i.id === late.id)!.overdue).toBe(true);
    expect(((await call("actions", owner, "/meetings/actions?status=overdue", null)).data as List).items.map((i) => i.id)).toEqual([late.id]);

    expect((await call("actions", other, "/meetings/actions", null, { intent: "update", actionItemId: soon.id, status: "DONE" })).status).toBe(403);
    expect((await call("actions", owner, "/meetings/actions", null, { intent: "update", actionItemId: "nope", status: "DONE" })).status).toBe(404);
    expect((await call("actions", owner, "/meetings/actions", null, { intent: "update", actionItemId: soon.id, status: "FINISHED" })).status).toBe(400);
    expect(reply(await call("actions", owner, "/meetings/actions", null, { intent: "update", actionItemId: soon.id, status: "DONE", note: "已提交调研报告" })).notice).toContain("已更新");
    expect(await prisma.actionItemUpdate.findFirst({ where: { actionItemId: soon.id, note: "已提交调研报告" }, select: { fromStatus: true, toStatus: true } })).toEqual({ fromStatus: "OPEN", toStatus: "DONE" });
    expect(reply(await call("actions", owner, "/meetings/actions", null, { intent: "update", actionItemId: soon.id, status: "OPEN" })).error).toMatch(/^这条督办事项已完成/);
    expect(((await call("actions", owner, "/meetings/actions?status=closed", null)).data as List).items.map((i) => i.id)).toEqual([soon.id]);
  });
});

describe("the calendar feed and the overdue reminders", () => {
  it("the feed carries the meetings I am invited to and my open action items' due days, not others' nor cancelled ones", async () => {
    const person = await buildUser();
    const { organiser, series, meetingId } = await meetingWith([person], [new Date(Date.now() + 5 * 86_400_000), new Date(Date.now() + 40 * 86_400_000)]);
    await prisma.meeting.update({ where: { id: series.meetings[1]!.id }, data: { status: "CANCELLED" } });
    const notMine = await meetingWith([await buildUser()], [new Date(Date.now() + 6 * 86_400_000)]);
    const agenda = await addAgendaItem(meetingId, { segmentId: series.meetings[0]!.segmentIds[0]!, title: "议题", minutes: 10 }, organiser.id);
    const title = unique("日历督办");
    await recordOutcome(agenda.id, { kind: "ACTION", text: title, ownerId: person.id, dueOn: daysFromNow(9) }, organiser);

    const made = await asUser(person.username, calendarAction, "/training/calendar", { form: { intent: "create" } });
    const url = new URL((made.data as { data: { url: string } }).data.url);
    const answer = await asUser(null, feed, url.pathname, { params: { file: url.pathname.split("/").pop()! } });
    const body = (await answer.response!.text()).replace(/\r\n /g, "");
    expect(body).toContain(`UID:meeting-${meetingId}@fudao-studio`);
    expect(body).toContain(`SUMMARY:${series.title}（例会）`);
    expect(body).not.toContain(series.meetings[1]!.id);
    expect(body).not.toContain(notMine.meetingId);
    expect(body).toContain(`SUMMARY:督办事项到期：${title}`);
    expect(body).toContain(`DTSTART;VALUE=DATE:${daysFromNow(9).replaceAll("-", "")}`);
  });

  it("the overdue reminder runs as a background task: one notice per overdue item, once", async () => {
    expect(backgroundTaskNames()).toContain(overdueRemindersPass.name);
    const owner = await buildUser();
    const { organiser, series, meetingId } = await meetingWith([owner]);
    const agenda = await addAgendaItem(meetingId, { segmentId: series.meetings[0]!.segmentIds[0]!, title: "议题", minutes: 10 }, organiser.id);
    const title = unique("提醒督办");
    await recordOutcome(agenda.id, { kind: "ACTION", text: title, ownerId: owner.id, dueOn: daysFromNow(1) }, organiser);
    await prisma.actionItem.updateMany({ where: { title }, data: { dueOn: new Date(`${daysFromNow(-2)}T00:00:00Z`) } });
    const lines: string[] = [];
    await overdueRemindersPass.runOnce((line) => lines.push(line));
    const notices = await prisma.notification.findMany({ where: { userId: owner.id, type: "meetings.notices.actionOverdue" } });
    expect(notices).toHaveLength(1);
    expect(lines.join("\n")).toMatch(/已提醒 \d+ 项逾期的督办事项/);
    await overdueRemindersPass.runOnce(() => {});
    expect(await prisma.notification.count({ where: { userId: owner.id, type: "meetings.notices.actionOverdue" } })).toBe(1);
  });
});
