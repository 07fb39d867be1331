import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { isoDay, schoolToday } from "~/lib/calendar-date.ts";
import { buildCollege, buildMeetingSeries, buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { addAgendaItem, proposeAgendaItem } from "./agenda.server.ts";

/**
 * The meeting pages (/meetings, /meetings/series/new, /meetings/series/:id, /meetings/:id) through
 * their loaders and actions: every intent as an organiser, refused for an invitee or an outsider,
 * bad input answered in Chinese with nothing written.
 */
let home: typeof import("~/routes/meetings._index.tsx");
let layout: typeof import("~/routes/meetings.tsx");
let create: typeof import("~/routes/meetings.series.new.tsx");
let seriesPage: typeof import("~/routes/meetings.series.$seriesId.tsx");
let meetingPage: typeof import("~/routes/meetings.$meetingId.tsx");

type Reply = { intent: string; status: string; notice?: string; error?: string; confirm?: { message: string }; form?: { error?: Record<string, string[] | null> } };
const reply = (response: { data: unknown }) => response.data as Reply;
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const dayFromNow = (days: number) => isoDay(schoolToday(new Date(Date.now() + days * 86_400_000)));

let admin: BuiltUser;

beforeAll(async () => {
  [home, layout, create, seriesPage, meetingPage] = await Promise.all([
    import("~/routes/meetings._index.tsx"),
    import("~/routes/meetings.tsx"),
    import("~/routes/meetings.series.new.tsx"),
    import("~/routes/meetings.series.$seriesId.tsx"),
    import("~/routes/meetings.$meetingId.tsx"),
  ]);
  admin = await buildUser({ roles: ["ADMIN"] });
}, 120_000);

/** An organiser (college admin), two invitees and an outsider around one series with a meeting an hour ago and one in a month. */
async function cast() {
  const college = await buildCollege();
  const organiser = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
  const [invitee, other, outsider] = [await buildUser({ college }), await buildUser({ college }), await buildUser()];
  const series = await buildMeetingSeries({ organiser, organiserKind: "COLLEGE", collegeId: college.id, invitees: [invitee, other] }, [hoursFromNow(-1), hoursFromNow(24 * 30)]);
  const [past, next] = series.meetings as [(typeof series.meetings)[number], (typeof series.meetings)[number]];
  return { college, organiser, invitee, other, outsider, series, past, next };
}

/** A series form as the page posts it. */
function seriesForm(overrides: Record<string, string | string[]> = {}) {
  return {
    intent: "create",
    title: unique("学院月度例会"),
    organiser: "SCHOOL",
    place: "行政楼 301",
    weekOfMonth: "2",
    weekday: "3",
    startTime: "14:30",
    durationMinutes: "120",
    months: "3",
    "segments[0].name": "理论学习",
    "segments[0].minutes": "40",
    "segments[1].name": "工作案例交流分享",
    "segments[1].minutes": "50",
    ...overrides,
  };
}

describe("the section and /meetings", () => {
  it("lists my upcoming meetings and the series I see; only an organiser is offered a new series", async () => {
    const { organiser, invitee, outsider, series, next } = await cast();
    const forInvitee = (await asUser(invitee.username, home.loader, "/meetings")).data as { upcoming: Array<{ id: string }>; series: Array<{ id: string }>; mayCreate: boolean };
    expect(forInvitee.upcoming.map((m) => m.id)).toContain(next.id);
    expect(forInvitee.series.map((s) => s.id)).toContain(series.id);
    expect(forInvitee.mayCreate).toBe(false);
    const forOrganiser = (await asUser(organiser.username, home.loader, "/meetings")).data as { upcoming: Array<{ id: string }>; mayCreate: boolean };
    expect(forOrganiser.upcoming.map((m) => m.id)).toContain(next.id);
    expect(forOrganiser.mayCreate).toBe(true);
    const forOutsider = (await asUser(outsider.username, home.loader, "/meetings")).data as { upcoming: unknown[]; series: Array<{ id: string }> };
    expect(forOutsider.series.map((s) => s.id)).not.toContain(series.id);
    // The overview tab only for who may see it: 学工部 yes, a counselor no.
    const nav = async (who: string) => ((await asUser(who, layout.loader, "/meetings")).data as { navAbilities: { ownScope: Record<string, boolean> | null } }).navAbilities.ownScope?.["meetings:view-overview"] ?? false;
    expect(await nav(admin.username)).toBe(true);
    expect(await nav(invitee.username)).toBe(false);
  });
});

describe("a new series (/meetings/series/new)", () => {
  it("a college admin creates one for their college with their segments and named people, and its months are generated", async () => {
    const college = await buildCollege();
    const organiser = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const named = await buildUser();
    const page = (await asUser(organiser.username, create.loader, "/meetings/series/new")).data as { organisers: Array<{ value: string }> };
    // Only their own college (and no school, no other college) is offered.
    expect(page.organisers.map((o) => o.value)).toEqual([`COLLEGE:${college.id}`]);

    const form = seriesForm({ organiser: `COLLEGE:${college.id}`, people: named.username, stages: ["NOVICE", "GROWING"] });
    const response = await asUser(organiser.username, create.action, "/meetings/series/new", { form });
    expect(response.status).toBe(302);
    const series = await prisma.meetingSeries.findFirstOrThrow({ where: { title: form.title }, include: { targets: true, meetings: { include: { segments: { orderBy: { position: "asc" } } } } } });
    expect(response.response?.headers.get("Location")).toBe(`/meetings/series/${series.id}?created=1`);
    expect(series).toMatchObject({ organiserKind: "COLLEGE", collegeId: college.id, weekOfMonth: 2, weekday: 3, startTime: "14:30", durationMinutes: 120 });
    expect(series.meetings).toHaveLength(3);
    expect(series.meetings[0]!.segments.map((s) => [s.name, s.plannedMinutes])).toEqual([["理论学习", 40], ["工作案例交流分享", 50]]);
    expect(series.targets.map((t) => t.stage ?? t.userId).sort()).toEqual(["GROWING", "NOVICE", named.id].sort());
  });

  it("refuses an organiser the person may not organise for, and the page to a counselor", async () => {
    const organiser = await buildUser({ roles: ["COLLEGE_ADMIN"] });
    const elsewhere = await buildCollege();
    const form = seriesForm({ organiser: `COLLEGE:${elsewhere.id}` });
    expect((await asUser(organiser.username, create.action, "/meetings/series/new", { form })).status).toBe(403);
    expect((await asUser(organiser.username, create.action, "/meetings/series/new", { form: seriesForm() })).status).toBe(403);
    expect(await prisma.meetingSeries.count({ where: { title: form.title } })).toBe(0);
    const counselor = await buildUser();
    expect((await asUser(counselor.username, create.loader, "/meetings/series/new")).status).toBe(403);
  });

  it("answers bad input in Chinese and writes nothing", async () => {
    const badTime = seriesForm({ startTime: "25:00", title: "" });
    const refused = await asUser(admin.username, create.action, "/meetings/series/new", { form: badTime });
    expect(refused.status).toBe(400);
    expect(reply(refused).form?.error?.startTime).toEqual(["请按 时:分 填写开始时间，例如 14:30。"]);
    expect(reply(refused).form?.error?.title).toEqual(["请填写名称。"]);

    const unknown = seriesForm({ people: "nobody-such-1 nobody-such-2" });
    const noPeople = await asUser(admin.username, create.action, "/meetings/series/new", { form: unknown });
    expect(noPeople.status).toBe(400);
    expect(reply(noPeople).form?.error?.people).toEqual(["找不到这些工号：nobody-such-1、nobody-such-2。"]);

    const tooMany = seriesForm({ months: "40" });
    expect(reply(await asUser(admin.username, create.action, "/meetings/series/new", { form: tooMany })).form?.error?.months).toEqual(["一次可生成 1 到 36 次例会。"]);
    expect(await prisma.meetingSeries.count({ where: { title: { in: [unknown.title, tooMany.title] } } })).toBe(0);
  });
});

describe("a series' page (/meetings/series/:id)", () => {
  it("shows occurrences with attendance; organisers generate more months, an invitee may not", async () => {
    const { organiser, invitee, outsider, series } = await cast();
    const url = `/meetings/series/${series.id}`;
    const params = { seriesId: series.id };
    const page = (await asUser(invitee.username, seriesPage.loader, url, { params })).data as { series: { meetings: unknown[] }; counts: Record<string, { invited: number }> };
    expect(page.series.meetings).toHaveLength(2);
    expect(page.counts[series.meetings[0]!.id]).toEqual({ invited: 2, present: 0 });
    expect((await asUser(outsider.username, seriesPage.loader, url, { params })).status).toBe(403);

    expect((await asUser(invitee.username, seriesPage.action, url, { params, form: { intent: "generate", count: "2" } })).status).toBe(403);
    const generated = await asUser(organiser.username, seriesPage.action, url, { params, form: { intent: "generate", count: "2" } });
    expect(reply(generated).status).toBe("success");
    expect(reply(generated).notice).toMatch(/^新生成 \d 次例会。$/);
    const bad = await asUser(organiser.username, seriesPage.action, url, { params, form: { intent: "generate", count: "0" } });
    expect(bad.status).toBe(400);
    expect(reply(bad).form?.error?.count).toEqual(["一次可生成 1 到 36 次例会。"]);
  });

  it("an invitee proposes; the organiser takes one into a meeting's segment and declines another (asked first); others may not decide", async () => {
    const { organiser, invitee, outsider, series, next } = await cast();
    const url = `/meetings/series/${series.id}`;
    const params = { seriesId: series.id };
    const proposed = await asUser(invitee.username, seriesPage.action, url, { params, form: { intent: "propose", title: "新生心理普查经验", notes: "十分钟" } });
    expect(reply(proposed)).toMatchObject({ status: "success", notice: "议题已放入议题池。" });
    expect((await asUser(outsider.username, seriesPage.action, url, { params, form: { intent: "propose", title: "外人议题" } })).status).toBe(403);
    const empty = await asUser(invitee.username, seriesPage.action, url, { params, form: { intent: "propose", title: " " } });
    expect(reply(empty).form?.error?.title).toEqual(["请填写名称。"]);

    const proposal = await prisma.agendaProposal.findFirstOrThrow({ where: { seriesId: series.id, title: "新生心理普查经验" } });
    const slot = `${next.id}:${next.segmentIds[2]}`;
    expect((await asUser(invitee.username, seriesPage.action, url, { params, form: { intent: "take", proposalId: proposal.id, slot, minutes: "15" } })).status).toBe(403);
    const tooLong = await asUser(organiser.username, seriesPage.action, url, { params, form: { intent: "take", proposalId: proposal.id, slot, minutes: "121" } });
    expect(reply(tooLong).error).toBe("议题“新生心理普查经验”安排了 121 分钟，超过了例会的总时长 120 分钟。");
    const taken = await asUser(organiser.username, seriesPage.action, url, { params, form: { intent: "take", proposalId: proposal.id, slot, minutes: "15" } });
    expect(reply(taken)).toMatchObject({ status: "success", notice: "议题状态：已列入议程。" });
    const item = await prisma.agendaItem.findFirstOrThrow({ where: { fromProposalId: proposal.id } });
    expect(item).toMatchObject({ meetingId: next.id, segmentId: next.segmentIds[2], presenterId: invitee.id, minutes: 15 });

    const other = await proposeAgendaItem(series.id, { title: "不相干的议题" }, invitee.id);
    expect((await asUser(invitee.username, seriesPage.action, url, { params, form: { intent: "decline", proposalId: other.id } })).status).toBe(403);
    const asked = await asUser(organiser.username, seriesPage.action, url, { params, form: { intent: "decline", proposalId: other.id } });
    expect(reply(asked).confirm?.message).toBe("确定不采纳议题“不相干的议题”吗？");
    expect((await prisma.agendaProposal.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("OPEN");
    const declined = await asUser(organiser.username, seriesPage.action, url, { params, form: { intent: "decline", proposalId: other.id, confirmed: "yes" } });
    expect(reply(declined).notice).toBe("议题状态：未采纳。");
    expect((await prisma.agendaProposal.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("DECLINED");
  });
});

describe("a meeting's page (/meetings/:id)", () => {
  const post = (who: string, meetingId: string, form: Record<string, string>) => asUser(who, meetingPage.action, `/meetings/${meetingId}`, { params: { meetingId }, form });

  it("the organiser adds, edits and removes items (removing asks first); an invitee reads but may not edit; an outsider may not look", async () => {
    const { organiser, invitee, outsider, next } = await cast();
    const params = { meetingId: next.id };
    const add = { intent: "addItem", segmentId: next.segmentIds[0]!, title: "学习贯彻会议精神", minutes: "30", presenterId: invitee.id, url: "https://www.moe.gov.cn/" };
    expect((await post(invitee.username, next.id, add)).status).toBe(403);
    expect((await post(outsider.username, next.id, add)).status).toBe(403);
    expect(reply(await post(organiser.username, next.id, add))).toMatchObject({ status: "success", notice: "已添加议题“学习贯彻会议精神”。" });

    const tooLong = await post(organiser.username, next.id, { ...add, title: "超长议题", minutes: "130" });
    expect(reply(tooLong).error).toBe("议题“超长议题”安排了 130 分钟，超过了例会的总时长 120 分钟。");
    const badUrl = await post(organiser.username, next.id, { ...add, url: "ftp://example.com" });
    expect(reply(badUrl).form?.error?.url).toEqual(["请填写以 http:// 或 https:// 开头的链接。"]);
    expect(await prisma.agendaItem.count({ where: { meetingId: next.id } })).toBe(1);

    const item = await prisma.agendaItem.findFirstOrThrow({ where: { meetingId: next.id } });
    const edited = await post(organiser.username, next.id, { ...add, intent: "updateItem", itemId: item.id, minutes: "100", segmentId: next.segmentIds[1]! });
    expect(edited.response?.headers.get("Location")).toBe(`/meetings/${next.id}?itemSaved=1`);
    // Two items of 100 minutes: the agenda runs over, and the page says by how much.
    await addAgendaItem(next.id, { segmentId: next.segmentIds[3]!, title: "分组研讨", minutes: 100 }, organiser.id);
    const view = (await asUser(invitee.username, meetingPage.loader, `/meetings/${next.id}`, { params })).data as { meeting: { totals: unknown }; abilities: Record<string, boolean> };
    expect(view.meeting.totals).toEqual({ length: 120, planned: 200, overrun: 80 });
    expect(view.abilities["meeting:edit"]).toBe(false);
    expect((await asUser(outsider.username, meetingPage.loader, `/meetings/${next.id}`, { params })).status).toBe(403);

    expect((await post(invitee.username, next.id, { intent: "removeItem", itemId: item.id })).status).toBe(403);
    const asked = await post(organiser.username, next.id, { intent: "removeItem", itemId: item.id });
    expect(reply(asked).confirm?.message).toBe("确定从议程中移除“学习贯彻会议精神”吗？");
    expect(reply(await post(organiser.username, next.id, { intent: "removeItem", itemId: item.id, confirmed: "yes" })).notice).toBe("已移除“学习贯彻会议精神”。");
    expect(await prisma.agendaItem.count({ where: { id: item.id } })).toBe(0);
  });

  it("publishing, moving and cancelling ask first and are the organiser's only", async () => {
    const { organiser, invitee } = await cast();
    const fresh = (await buildMeetingSeries({ organiser, invitees: [invitee] }, [hoursFromNow(24 * 10)])).meetings[0]!;
    // Publishing invites the audience (here: the named invitee is already invited) and stamps the agenda.
    expect((await post(invitee.username, fresh.id, { intent: "publish" })).status).toBe(403);
    expect(reply(await post(organiser.username, fresh.id, { intent: "publish" })).confirm?.message).toContain("确定发布议程吗");
    expect(reply(await post(organiser.username, fresh.id, { intent: "publish", confirmed: "yes" })).notice).toBe("议程已发布，参会者已收到通知。");
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: fresh.id } })).agendaPublishedAt).not.toBeNull();

    const move = { intent: "move", startsAt: "2031-03-12T15:00", place: "图书馆报告厅" };
    expect((await post(invitee.username, fresh.id, move)).status).toBe(403);
    expect(reply(await post(organiser.username, fresh.id, move)).status).toBe("confirm");
    expect(reply(await post(organiser.username, fresh.id, { ...move, confirmed: "yes" })).status).toBe("success");
    const moved = await prisma.meeting.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(moved).toMatchObject({ startsAt: new Date("2031-03-12T07:00:00Z"), place: "图书馆报告厅" });
    expect(reply(await post(organiser.username, fresh.id, { intent: "move", startsAt: "not a time" })).form?.error?.startsAt).toBeTruthy();

    expect((await post(invitee.username, fresh.id, { intent: "cancel", confirmed: "yes" })).status).toBe(403);
    expect(reply(await post(organiser.username, fresh.id, { intent: "cancel", confirmed: "yes" })).notice).toBe("例会已取消。");
    const again = await post(organiser.username, fresh.id, { intent: "addItem", segmentId: fresh.segmentIds[0]!, title: "取消后", minutes: "10" });
    expect(reply(again).error).toBe("这次例会已取消，不能再修改。");
  });

  it("records outcomes and an action item; its owner updates it, another invitee may not; closed, the meeting refuses changes; the next meeting carries the item over with its history", async () => {
    const { organiser, invitee, other, outsider, past, next } = await cast();
    const item = await addAgendaItem(past.id, { segmentId: past.segmentIds[1]!, title: "阶段工作总结", minutes: 30 }, organiser.id);
    const action = { intent: "outcome", agendaItemId: item.id, kind: "ACTION", text: "完成学风建设调研报告", ownerId: invitee.id, dueOn: dayFromNow(20) };
    expect((await post(invitee.username, past.id, action)).status).toBe(403);

    const notParticipant = await post(organiser.username, past.id, { ...action, ownerId: outsider.id });
    // Said at the owner field of the item's outcome form.
    expect(reply(notParticipant).form?.error?.ownerId).toEqual([`责任人须是这次例会的参会者或受邀者：${outsider.name}不在名单中。`]);
    const inPast = await post(organiser.username, past.id, { ...action, dueOn: dayFromNow(-3) });
    expect(reply(inPast).error).toBe(`期限 ${dayFromNow(-3)} 已经过去，请选择今天或以后的日期。`);
    const noOwner = await post(organiser.username, past.id, { ...action, ownerId: "" });
    expect(reply(noOwner).form?.error?.ownerId).toEqual(["请选择督办事项的责任人。"]);
    expect(await prisma.actionItem.count({ where: { meetingId: past.id } })).toBe(0);
    expect(await prisma.agendaOutcome.count({ where: { meetingId: past.id } })).toBe(0);

    expect(reply(await post(organiser.username, past.id, { intent: "outcome", agendaItemId: item.id, kind: "DECISION", text: "下月起每周报送" })).notice).toBe("已记录决定。");
    expect(reply(await post(organiser.username, past.id, action)).notice).toBe("已记录督办事项。");
    const actionItem = await prisma.actionItem.findFirstOrThrow({ where: { meetingId: past.id } });

    const update = { intent: "updateAction", actionItemId: actionItem.id, status: "IN_PROGRESS", note: "已发放问卷" };
    expect((await post(other.username, past.id, update)).status).toBe(403);
    expect(reply(await post(invitee.username, past.id, update)).notice).toBe("督办事项“完成学风建设调研报告”已更新。");
    expect(reply(await post(invitee.username, past.id, { ...update, status: "LATER" })).form?.error?.status).toEqual(["请从列表中选择。"]);

    // Closing asks first; afterwards the meeting refuses agenda changes and outcomes, with the reason.
    expect((await post(invitee.username, past.id, { intent: "close", confirmed: "yes" })).status).toBe(403);
    expect(reply(await post(organiser.username, past.id, { intent: "close" })).confirm?.message).toContain("确定结束例会吗");
    expect(reply(await post(organiser.username, past.id, { intent: "close", confirmed: "yes" })).notice).toBe("例会已结束。");
    const closedEdit = await post(organiser.username, past.id, { intent: "addItem", segmentId: past.segmentIds[0]!, title: "结束后", minutes: "10" });
    expect(reply(closedEdit).error).toBe("这次例会已结束，不能再修改；更正纪要请在签发后另存新版本。");
    // No minutes were written: confirming says so.
    expect(reply(await post(organiser.username, past.id, { intent: "confirmMinutes", confirmed: "yes" })).error).toBe("这次例会还没有纪要。");
    expect((await post(invitee.username, past.id, { intent: "confirmMinutes", confirmed: "yes" })).status).toBe(403);

    // A month later: the item is under 上次督办事项落实情况 with its history; its owner may update it there, another invitee not.
    const view = (await asUser(other.username, meetingPage.loader, `/meetings/${next.id}`, { params: { meetingId: next.id } })).data as {
      meeting: { carriedOver: Array<{ id: string; status: string; updates: Array<{ toStatus: string | null; note: string }> }> };
      mayUpdateFor: string[];
    };
    expect(view.meeting.carriedOver.map((i) => i.id)).toEqual([actionItem.id]);
    expect(view.meeting.carriedOver[0]!.updates.map((u) => [u.toStatus, u.note])).toEqual([["OPEN", ""], ["IN_PROGRESS", "已发放问卷"]]);
    expect(view.mayUpdateFor).not.toContain(invitee.id);
    const done = await post(invitee.username, next.id, { ...update, status: "DONE", note: "报告已提交" });
    expect(reply(done).status).toBe("success");
    const history = await prisma.actionItemUpdate.findMany({ where: { actionItemId: actionItem.id }, orderBy: { createdAt: "asc" } });
    expect(history.at(-1)).toMatchObject({ toStatus: "DONE", meetingId: next.id });
  });
});
