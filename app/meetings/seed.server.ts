import type { JSONContent } from "@tiptap/core";
import { addDays, subDays } from "date-fns";
import { jsonStats, jsonToState } from "~/documents/content.server.ts";
import { doc, h, p } from "~/documents/template-content.ts";
import { createVersion } from "~/documents/versions.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { ActionItemStatus, CheckInMethod } from "~/generated/prisma/enums.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import type { SeedContext } from "~/seed/steps.server.ts";
import { hoursEntryData, trainingYear } from "~/training/ledger.server.ts";
import { MEETING_PLATFORM_CODE } from "./attendance.server.ts";
import { resolveAudience } from "./invitations.server.ts";
import { meetingsMessages } from "./messages.ts";
import { occurrencesFrom } from "./recurrence.ts";
import { DEFAULT_SEGMENTS, GROUP_DISCUSSION_SEGMENT } from "./schemas.ts";
import { newCheckInSecret } from "./series.server.ts";

/**
 * Demo monthly exchange meetings (issue 19): twelve months of the school-wide series (学工部) and
 * of the demo leader's studio series, each month with the four segments, agenda items with
 * presenters and a linked case study, invitations, attendance counted in the hours ledger,
 * discussion groups, outcomes, a confirmed minutes document per closed meeting, and action items
 * in every state — open, overdue, done, dropped, and one carried over twice (reviewed at the
 * two meetings after the one that opened it, still in progress). The next month's meeting is
 * scheduled with its agenda published. Rows are written in bulk with ids derived from the
 * meeting, so the step stays fast and the same for the same day.
 */

const zh = (key: "confirmedVersion") => meetingsMessages.minutes[key][0];

interface SeriesPlan {
  key: string;
  title: string;
  description: string;
  organiserKind: "SCHOOL" | "STUDIO";
  studioId: string | null;
  organiserId: string;
  weekOfMonth: number;
  weekday: number;
  place: string;
  groups: number;
  topics: { theory: string[]; summary: string[]; cases: string[]; discussion: string[] };
  actions: string[];
}

const SCHOOL_TOPICS = {
  theory: ["学习习近平总书记关于教育的重要论述", "学习《普通高等学校辅导员队伍建设规定》", "学习全国高校思想政治工作会议精神", "学习《高校思想政治工作质量提升工程实施纲要》"],
  summary: ["各学院学生工作月度总结", "新生入学教育阶段总结", "学风建设专项工作进展", "心理健康普查与约谈情况通报", "毕业生就业工作推进情况", "资助育人工作阶段总结"],
  cases: ["一名学生心理危机的识别与干预", "宿舍矛盾调解的三次谈话", "学业预警学生的帮扶过程", "网络舆情事件的引导处置"],
  discussion: ["如何提升谈心谈话的实效", "辅导员如何做好学业预警后的跟进", "朋辈互助在班级建设中的作用", "突发事件中家校沟通的要点"],
};

const STUDIO_TOPICS = {
  theory: ["研读工作室研究方向的最新文献", "学习心理健康教育相关政策文件", "研究方法专题：个案研究的写法"],
  summary: ["工作室本月研究进展", "课题申报与成果整理进度", "工作室成员月度工作交流"],
  cases: ["工作室成员案例分享：朋辈心理互助", "案例复盘：新生适应困难的跟踪辅导"],
  discussion: ["本学期研究重点的分工", "案例集编写的体例与分工", "下一阶段专题培训的安排"],
};

const SCHOOL_ACTIONS = ["完成本学院心理普查复核名单", "提交学业预警学生帮扶台账", "整理本月典型案例并上传案例库", "落实宿舍安全检查整改", "报送毕业生就业困难群体帮扶情况", "组织一次主题班会并提交记录"];
const STUDIO_ACTIONS = ["完成案例初稿并提交工作室评议", "整理文献综述", "联系校外导师确定指导时间", "准备下次专题交流的材料"];

const PLACES = ["学生工作部第一会议室", "行政楼第三会议室", "学生活动中心报告厅"];

const dayOf = (instant: Date) => new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));

export async function seedMeetings({ db, now, faker }: SeedContext): Promise<void> {
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
  const leader = await db.user.findUnique({ where: { username: "leader" }, select: { id: true, memberships: { where: { role: "LEADER" }, select: { studioId: true, studio: { select: { name: true } } } } } });
  const studio = leader?.memberships[0];
  const platform = await db.trainingPlatform.findUnique({ where: { code: MEETING_PLATFORM_CODE }, select: { id: true, induction: true, nationalOrProvincial: true } });
  const demo = new Map((await db.user.findMany({ where: { username: { in: ["counselor", "backbone", "leader"] } }, select: { id: true, username: true } })).map((u) => [u.username, u.id]));

  const plans: SeriesPlan[] = [
    {
      key: "school",
      title: "学工部月度交流例会",
      description: "每月第二个周三下午召开：理论学习、阶段工作总结、工作案例交流分享、分组研讨，及时查找短板不足，推动督导重点工作有效落实。",
      organiserKind: "SCHOOL",
      studioId: null,
      organiserId: admin.id,
      weekOfMonth: 2,
      weekday: 3,
      place: PLACES[0]!,
      groups: 4,
      topics: SCHOOL_TOPICS,
      actions: SCHOOL_ACTIONS,
    },
  ];
  if (leader && studio) {
    plans.push({
      key: "studio",
      title: `${studio.studio.name}月度例会`,
      description: "结合月工作例会围绕工作室研究方向开展专题交流培训。",
      organiserKind: "STUDIO",
      studioId: studio.studioId,
      organiserId: leader.id,
      weekOfMonth: -1,
      weekday: 4,
      place: "工作室活动室",
      groups: 2,
      topics: STUDIO_TOPICS,
      actions: STUDIO_ACTIONS,
    });
  }

  for (const plan of plans) {
    const cases = await db.document.findMany({
      where: { type: "CASE_STUDY", ...(plan.studioId ? { studioId: plan.studioId } : { studioId: { not: null } }) },
      orderBy: [{ createdAt: "asc" }, { title: "asc" }],
      take: 6,
      select: { id: true, title: true },
    });
    const seriesId = `seed-meeting-series-${plan.key}`;
    await db.meetingSeries.create({
      data: {
        id: seriesId,
        title: plan.title,
        description: plan.description,
        organiserKind: plan.organiserKind,
        studioId: plan.studioId,
        weekOfMonth: plan.weekOfMonth,
        weekday: plan.weekday,
        startTime: "14:30",
        durationMinutes: 120,
        place: plan.place,
        segmentTemplate: DEFAULT_SEGMENTS.map((s) => ({ ...s })),
        createdById: plan.organiserId,
        createdAt: subDays(now, 400),
        organisers: { create: { userId: plan.organiserId } },
        targets: { create: plan.studioId ? [{ kind: "STUDIO", studioId: plan.studioId }] : [{ kind: "GROUP", group: "ALL_COUNSELORS" }] },
      },
    });
    const audience = new Set(await resolveAudience(db, seriesId));
    // The demo counselor is among the school's counselors (she is invited like them all).
    if (!plan.studioId && demo.get("counselor")) audience.add(demo.get("counselor")!);
    // In the order of their staff numbers: ids are random, the demo must come out the same every time.
    const invitees = (await db.user.findMany({ where: { id: { in: [...audience] } }, orderBy: { username: "asc" }, select: { id: true } })).map((u) => u.id);

    // Twelve past months and the next one.
    const rule = { weekOfMonth: plan.weekOfMonth, weekday: plan.weekday, startTime: "14:30", durationMinutes: 120 };
    const all = occurrencesFrom(rule, schoolToday(subDays(now, 400)), 16);
    const past = all.filter((o) => o.startsAt < now).slice(-12);
    const next = all.find((o) => o.startsAt >= now);
    const occurrences = next ? [...past, next] : past;
    const meetingIds = occurrences.map((_, i) => `${seriesId}-m${String(i).padStart(2, "0")}`);

    // Action items opened so far and still open: reviewed at each later meeting until closed.
    const openItems: Array<{ id: string; ownerId: string; openedAt: number; fate: "done" | "dropped" | "carried" | "overdue" | "open"; reviews: number }> = [];
    const actionItems: Prisma.ActionItemCreateManyInput[] = [];
    const updates: Prisma.ActionItemUpdateCreateManyInput[] = [];

    for (const [index, occurrence] of occurrences.entries()) {
      const meetingId = meetingIds[index]!;
      const closed = occurrence.startsAt < now;
      const monthsAgo = past.length - index; // 1 for the last closed meeting
      const segmentIds = DEFAULT_SEGMENTS.map((_, i) => `${meetingId}-s${i}`);
      await db.meeting.create({
        data: {
          id: meetingId,
          seriesId,
          ...occurrence,
          place: plan.place,
          status: closed ? "CLOSED" : "SCHEDULED",
          agendaPublishedAt: subDays(occurrence.startsAt, 7),
          checkInSecret: newCheckInSecret(),
          ...(closed ? { checkInOpenedAt: occurrence.startsAt, checkInClosedAt: occurrence.endsAt, closedAt: occurrence.endsAt, closedById: plan.organiserId } : {}),
          createdAt: subDays(occurrence.startsAt, 30),
        },
      });
      await db.meetingSegment.createMany({ data: DEFAULT_SEGMENTS.map((s, i) => ({ id: segmentIds[i]!, meetingId, name: s.name, plannedMinutes: s.minutes, position: i })) });

      // ── Agenda: one item per segment (two under 工作案例交流分享), presenters from the invitees. ──
      const pick = <T>(list: readonly T[]) => list[index % list.length]!;
      const presenters = faker.helpers.arrayElements(invitees, 5);
      const caseDoc = cases.length ? cases[index % cases.length]! : null;
      const items = [
        { segment: 0, title: pick(plan.topics.theory), presenterId: plan.organiserId, minutes: 25, notes: "领学并交流学习体会。", documentId: null },
        { segment: 1, title: pick(plan.topics.summary), presenterId: presenters[0]!, minutes: 30, notes: "通报本月工作进展，查找短板不足。", documentId: null },
        { segment: 2, title: caseDoc ? `案例分享：${caseDoc.title}` : pick(plan.topics.cases), presenterId: presenters[1]!, minutes: 20, notes: "以案促建：案例背景、处理过程与反思。", documentId: caseDoc?.id ?? null },
        { segment: 2, title: pick(plan.topics.cases.slice().reverse()), presenterId: presenters[2]!, minutes: 15, notes: "", documentId: null },
        { segment: 3, title: pick(plan.topics.discussion), presenterId: presenters[3]!, minutes: 30, notes: "分组讨论后由各组汇报人发言。", documentId: null },
      ].map((item, i) => ({ ...item, id: `${meetingId}-i${i}` }));
      await db.agendaItem.createMany({
        data: items.map((item, i) => ({ id: item.id, meetingId, segmentId: segmentIds[item.segment]!, title: item.title, presenterId: item.presenterId, minutes: item.minutes, notes: item.notes, position: i, documentId: item.documentId, createdAt: subDays(occurrence.startsAt, 10) })),
      });

      const noteTakers = new Set(presenters.slice(3, 5));
      await db.meetingInvitation.createMany({ data: invitees.map((userId) => ({ meetingId, userId, noteTaker: noteTakers.has(userId), createdAt: subDays(occurrence.startsAt, 7) })) });
      if (!closed) continue;

      // ── Attendance (most invitees), each with its hours in the ledger. ──
      // The demo counselor and backbone came to the last four (they own action items from them).
      const regulars = new Set([plan.organiserId, ...noteTakers, ...presenters, ...(monthsAgo <= 4 ? [demo.get("counselor"), demo.get("backbone")] : [])]);
      const present = invitees.filter((userId) => faker.number.int({ min: 0, max: 9 }) >= 2 || regulars.has(userId));
      const methods: CheckInMethod[] = ["CODE", "QR", "QR", "MANUAL"];
      const attendances = present.map((userId, i) => {
        const method = methods[i % methods.length]!;
        return { id: `${meetingId}-a${i}`, meetingId, userId, method, recordedById: method === "MANUAL" ? plan.organiserId : null, createdAt: occurrence.startsAt };
      });
      await db.meetingAttendance.createMany({ data: attendances });
      await db.trainingHoursEntry.createMany({
        data: attendances.map((a) =>
          hoursEntryData({ userId: a.userId, year: trainingYear(occurrence.startsAt), hours: 2, source: "MEETING", sourceId: a.id, title: plan.title, platform, level: null, createdById: a.recordedById ?? a.userId }),
        ),
      });

      // ── Discussion groups: the attendees in turn, the first of each group reports. ──
      const groups = Array.from({ length: plan.groups }, (_, g) => present.filter((_, i) => i % plan.groups === g)).filter((members) => members.length);
      await db.discussionGroup.createMany({ data: groups.map((members, g) => ({ id: `${meetingId}-g${g}`, meetingId, name: `第${"一二三四五六"[g]}组`, reporterId: members[0]!, position: g })) });
      await db.discussionGroupMember.createMany({ data: groups.flatMap((members, g) => members.map((userId) => ({ groupId: `${meetingId}-g${g}`, meetingId, userId }))) });

      // ── Earlier action items reviewed at this meeting (上次督办事项落实情况). ──
      const reviewed: string[] = [];
      for (const item of openItems) {
        if (item.openedAt >= index) continue;
        item.reviews += 1;
        const closeNow = (item.fate === "done" || item.fate === "dropped") && item.reviews === 1;
        const status: ActionItemStatus = closeNow ? (item.fate === "done" ? "DONE" : "DROPPED") : "IN_PROGRESS";
        updates.push({
          id: `${item.id}-u${item.reviews}`,
          actionItemId: item.id,
          fromStatus: item.reviews === 1 ? "OPEN" : "IN_PROGRESS",
          toStatus: item.reviews === 1 || closeNow ? status : null,
          note: closeNow ? (item.fate === "done" ? "已按期落实。" : "情况变化，经研究不再督办。") : "正在推进，下次例会继续督查。",
          meetingId,
          authorId: item.fate === "dropped" ? plan.organiserId : item.ownerId,
          createdAt: occurrence.endsAt,
        });
        if (closeNow) reviewed.push(item.id);
      }
      for (const id of reviewed) openItems.splice(openItems.findIndex((i) => i.id === id), 1);

      // ── Outcomes: information, a decision, and action items with owners among the attendees. ──
      const owners = faker.helpers.arrayElements(present.filter((id) => id !== plan.organiserId), 2);
      const ownerOf = (i: number) => {
        // The demo people own some: the counselor's list and the leader's are never empty.
        if (plan.studioId && i === 0 && monthsAgo <= 3) return demo.get("backbone") && present.includes(demo.get("backbone")!) ? demo.get("backbone")! : owners[0]!;
        if (!plan.studioId && i === 0 && monthsAgo <= 4 && present.includes(demo.get("counselor") ?? "")) return demo.get("counselor")!;
        return owners[i % owners.length]!;
      };
      const fateOf = (i: number): (typeof openItems)[number]["fate"] => {
        if (monthsAgo === 3 && i === 0) return "carried"; // reviewed at the next two meetings, still in progress
        if (monthsAgo === 2 && i === 0) return "overdue";
        if (monthsAgo === 1) return "open";
        if (monthsAgo === 2) return "open";
        return (index + i) % 5 === 4 ? "dropped" : "done";
      };
      const outcomes = [
        { id: `${meetingId}-o0`, agendaItemId: items[1]!.id, kind: "INFORMATION" as const, text: "通报本月各单位工作完成情况。" },
        { id: `${meetingId}-o1`, agendaItemId: items[2]!.id, kind: "DECISION" as const, text: "将本案例收入案例库，供新任辅导员学习。" },
        ...[0, 1].map((i) => ({ id: `${meetingId}-o${i + 2}`, agendaItemId: items[i === 0 ? 1 : 4]!.id, kind: "ACTION" as const, text: plan.actions[(index * 2 + i) % plan.actions.length]! })),
      ];
      await db.agendaOutcome.createMany({ data: outcomes.map((o) => ({ ...o, meetingId, createdById: plan.organiserId, createdAt: occurrence.endsAt })) });
      for (const [i, outcome] of outcomes.filter((o) => o.kind === "ACTION").entries()) {
        const fate = fateOf(i);
        const id = `${meetingId}-x${i}`;
        const ownerId = ownerOf(i);
        const dueOn = fate === "overdue" ? dayOf(subDays(now, 6)) : fate === "open" || fate === "carried" ? dayOf(addDays(now, 14 + i * 7)) : dayOf(addDays(occurrence.startsAt, 21));
        actionItems.push({ id, seriesId, meetingId, outcomeId: outcome.id, title: outcome.text, ownerId, dueOn, status: "OPEN", createdById: plan.organiserId, createdAt: occurrence.endsAt });
        openItems.push({ id, ownerId, openedAt: index, fate, reviews: 0 });
      }

      // ── Minutes: written by the note-takers from the agenda, confirmed (签发) by the organiser. ──
      const content: JSONContent[] = [h(1, `${plan.title}纪要`), p(`时间：${occurrence.startsAt.toISOString().slice(0, 10)} 14:30　地点：${plan.place}　应到 ${invitees.length} 人，实到 ${present.length} 人。`)];
      for (const [s, segment] of DEFAULT_SEGMENTS.entries()) {
        content.push(h(2, segment.name));
        for (const item of items.filter((it) => it.segment === s)) content.push(h(3, item.title), p(`${item.notes || "与会人员进行了交流。"}会议认为，要结合本单位实际抓好落实。`));
        if (segment.name === GROUP_DISCUSSION_SEGMENT) for (const [g] of groups.entries()) content.push(h(3, `第${"一二三四五六"[g]}组`), p("小组围绕议题展开讨论，汇报人代表小组发言，提出改进建议。"));
      }
      content.push(h(2, "会议决定与督办事项"), ...outcomes.map((o) => p(o.text)));
      const body = doc(...content);
      const stats = jsonStats(body);
      const state = jsonToState(body);
      const documentId = `${meetingId}-minutes`;
      await db.document.create({
        data: {
          id: documentId,
          studioId: null,
          type: "MEETING_MINUTES",
          title: `${plan.title}纪要（${occurrence.startsAt.toISOString().slice(0, 7)}）`,
          yState: state,
          plainText: stats.plainText,
          wordCount: stats.wordCount,
          createdById: plan.organiserId,
          createdAt: occurrence.startsAt,
          updatedAt: occurrence.endsAt,
          authors: { create: [...noteTakers].map((userId) => ({ userId })) },
        },
      });
      const version = await createVersion(db, { documentId, state, reason: "NAMED", status: "DRAFT", name: zh("confirmedVersion"), createdById: plan.organiserId });
      const activity = plan.studioId
        ? await db.studioActivity.create({
            data: { studioId: plan.studioId, kind: "MEETING", title: plan.title, date: occurrence.scheduledOn, location: plan.place, participants: present.length, summary: `议程 ${items.length} 项，出席 ${present.length} 人，督办事项 2 项。`, createdById: plan.organiserId, createdAt: occurrence.endsAt },
            select: { id: true },
          })
        : null;
      await db.meeting.update({
        where: { id: meetingId },
        data: { invitedCount: invitees.length, presentCount: present.length, minutesDocumentId: documentId, minutesVersionId: version.id, minutesConfirmedAt: addDays(occurrence.endsAt, 1), minutesConfirmedById: plan.organiserId, studioActivityId: activity?.id ?? null },
      });
    }

    // Statuses as the reviews left them: done or dropped at their first review, in progress after one.
    const lastUpdate = new Map<string, (typeof updates)[number]>();
    for (const update of updates) lastUpdate.set(update.actionItemId, update);
    for (const item of actionItems) {
      const update = lastUpdate.get(item.id!);
      if (!update) continue;
      const closedAs = update.toStatus === "DONE" || update.toStatus === "DROPPED" ? update.toStatus : null;
      item.status = closedAs ?? "IN_PROGRESS";
      if (closedAs) item.closedAt = update.createdAt;
    }
    await db.actionItem.createMany({ data: actionItems });
    await db.actionItemUpdate.createMany({ data: updates });
  }
}
