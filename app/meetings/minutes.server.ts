import type { JSONContent } from "@tiptap/core";
import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { bodyNode, jsonStats, jsonToState, replaceBody } from "~/documents/content.server.ts";
import { changeDocumentBody, currentState, refreshDocumentAccess } from "~/documents/live-body.server.ts";
import { doc, h, p } from "~/documents/template-content.ts";
import { createVersion } from "~/documents/versions.server.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { formatDateTime } from "~/lib/format.ts";
import { UserError } from "~/lib/user-error.ts";
import { carriedOverItems } from "./action-items.server.ts";
import { lengthOf, lockOpenMeeting } from "./meeting-lock.server.ts";
import { meetingsMessages } from "./messages.ts";
import { GROUP_DISCUSSION_SEGMENT } from "./schemas.ts";

/**
 * Minutes (会议纪要) are a document in the existing co-authoring editor, owned by the meeting rather
 * than a studio (Document.studioId null, Meeting.minutesDocumentId; decision 059): organisers and
 * note-takers write, invitees read (app/policy/meetings.ts through app/policy/documents.ts). The
 * template comes from the agenda. Closing the meeting and confirming (签发) the minutes make them
 * read-only; the confirmed version holds every change the server acknowledged before.
 */

/** The minutes' text is Chinese (the school's record), whatever the organiser's interface language (keys: app/i18n/keys.test.ts). */
const zh = <K extends keyof typeof meetingsMessages.minutes>(key: K, params: Record<string, string> = {}) =>
  meetingsMessages.minutes[key][0].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? "");

/** The minutes template: segments as headings, items beneath, one section per discussion group, the follow-up of earlier action items. */
export async function minutesTemplate(meetingId: string): Promise<{ title: string; content: JSONContent }> {
  const meeting = await prisma.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: {
      id: true,
      seriesId: true,
      startsAt: true,
      series: { select: { title: true } },
      segments: {
        orderBy: { position: "asc" },
        select: { name: true, items: { orderBy: { position: "asc" }, select: { title: true, presenter: { select: { name: true } } } } },
      },
      groups: { orderBy: { position: "asc" }, select: { name: true, reporter: { select: { name: true } } } },
    },
  });
  const date = formatDateTime(meeting.startsAt, "zh-CN");
  const title = zh("title", { series: meeting.series.title, date });
  const carried = await carriedOverItems(meeting);
  const content: JSONContent[] = [h(1, title)];
  if (carried.length) content.push(h(2, zh("carriedOver")), ...carried.map((item) => p(`${item.title}（${item.owner.name}）`)));
  for (const segment of meeting.segments) {
    content.push(h(2, segment.name));
    for (const item of segment.items) {
      content.push(h(3, item.title));
      content.push(p(item.presenter ? zh("presenter", { name: item.presenter.name }) : ""));
    }
    if (segment.name === GROUP_DISCUSSION_SEGMENT) {
      for (const group of meeting.groups) content.push(h(3, zh("group", { name: group.name, reporter: group.reporter?.name ?? "" })), p(""));
    }
  }
  content.push(h(2, zh("outcomes")), p(""));
  return { title, content: doc(...content) };
}

const headingText = (node: JSONContent, level: number) =>
  node.type === "heading" && node.attrs?.level === level ? (node.content ?? []).map((part) => part.text ?? "").join("") : null;

/**
 * Groups split after the minutes were created get their sections too: each group whose heading is
 * not in the minutes yet gets one (heading with its reporter, an empty paragraph) at the end of the
 * 分组研讨 part, or in a new 分组研讨 part before 议定事项. Applied to the live document as a
 * minimal change, so note-takers typing meanwhile keep what they typed; nothing written is removed
 * (a group of an earlier split keeps its section). Nothing happens once the minutes are confirmed.
 */
export async function addGroupSections(meetingId: string): Promise<void> {
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: { minutesDocumentId: true, minutesConfirmedAt: true, groups: { orderBy: { position: "asc" }, select: { name: true, reporter: { select: { name: true } } } } },
  });
  if (!meeting?.minutesDocumentId || meeting.minutesConfirmedAt || meeting.groups.length === 0) return;
  await changeDocumentBody(meeting.minutesDocumentId, null, (ydoc) => {
    const body = bodyNode(ydoc).toJSON() as JSONContent;
    const content = body.content ?? [];
    const written = new Set(content.map((node) => headingText(node, 3)).filter((text): text is string => text !== null));
    // A group's heading starts with its name ("第1组（汇报人：…）"): a changed reporter is not a new group.
    const missing = meeting.groups.filter((group) => ![...written].some((text) => text === group.name || text.startsWith(`${group.name}（`)));
    if (!missing.length) return;
    const sections = missing.flatMap((group) => [h(3, zh("group", { name: group.name, reporter: group.reporter?.name ?? "" })), p("")]);
    const part = content.findIndex((node) => headingText(node, 2) === GROUP_DISCUSSION_SEGMENT);
    let at: number;
    if (part >= 0) {
      const next = content.findIndex((node, index) => index > part && headingText(node, 2) !== null);
      at = next < 0 ? content.length : next;
    } else {
      const outcomes = content.findIndex((node) => headingText(node, 2) === zh("outcomes"));
      at = outcomes < 0 ? content.length : outcomes;
      sections.unshift(h(2, GROUP_DISCUSSION_SEGMENT));
    }
    replaceBody(ydoc, { ...body, content: [...content.slice(0, at), ...sections, ...content.slice(at)] });
  });
}

/**
 * Creates the meeting's minutes from its agenda (authorise "meeting:manage"); returns the existing
 * ones when they were already created (two organisers pressing at once get one document).
 */
export async function createMinutes(meetingId: string, actorId: string): Promise<string> {
  const { title, content } = await minutesTemplate(meetingId);
  const state = jsonToState(content);
  const stats = jsonStats(content);
  return prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    if (meeting.minutesDocumentId) return meeting.minutesDocumentId;
    const document = await tx.document.create({
      data: { studioId: null, type: "MEETING_MINUTES", title, yState: state, plainText: stats.plainText, wordCount: stats.wordCount, createdById: actorId, authors: { create: { userId: actorId } } },
      select: { id: true },
    });
    await tx.meeting.update({ where: { id: meetingId }, data: { minutesDocumentId: document.id } });
    await recordAudit(tx, { actorId, action: "meetings.minutes-create", entityType: "Meeting", entityId: meetingId, data: { documentId: document.id } });
    return document.id;
  });
}

/** Makes an invitee a note-taker (authorise "meeting:manage"): they may write the minutes until they are confirmed. */
export async function setNoteTaker(meetingId: string, userId: string, noteTaker: boolean, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    const { count } = await tx.meetingInvitation.updateMany({ where: { meetingId, userId }, data: { noteTaker } });
    if (!count) {
      const person = await tx.user.findUnique({ where: { id: userId }, select: { name: true } });
      throw new UserError("meetings.errors.notInvited", { name: person?.name ?? "" }, { status: 400 });
    }
    await recordAudit(tx, { actorId, action: "meetings.note-taker", entityType: "Meeting", entityId: meeting.id, data: { userId, noteTaker } });
  });
  const meeting = await prisma.meeting.findUnique({ where: { id: meetingId }, select: { minutesDocumentId: true } });
  if (meeting?.minutesDocumentId) await refreshDocumentAccess(meeting.minutesDocumentId);
}

/**
 * The organiser closes the meeting (authorise "meeting:manage"): no more agenda changes,
 * attendance or outcomes. A studio's meeting is written into its activity record (kind MEETING),
 * so its yearly report counts it as before.
 */
export async function closeMeeting(meetingId: string, actor: Pick<SessionUser, "id">, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    if (meeting.startsAt > now) throw new UserError("meetings.errors.notStarted");
    let studioActivityId: string | null = null;
    if (meeting.series.studioId) {
      const items = await tx.agendaItem.count({ where: { meetingId } });
      const present = await tx.meetingAttendance.count({ where: { meetingId } });
      const actions = await tx.actionItem.count({ where: { meetingId } });
      const activity = await tx.studioActivity.create({
        data: {
          studioId: meeting.series.studioId,
          kind: "MEETING",
          title: meeting.series.title,
          date: schoolToday(meeting.startsAt),
          location: meeting.place,
          participants: present,
          summary: zh("activitySummary", { items: String(items), present: String(present), actions: String(actions) }),
          createdById: actor.id,
        },
        select: { id: true },
      });
      studioActivityId = activity.id;
    }
    // Fixed at closing (attendance and invitations no longer change): the overview sums these.
    const invitedCount = await tx.meetingInvitation.count({ where: { meetingId } });
    const presentCount = await tx.meetingAttendance.count({ where: { meetingId } });
    await tx.meeting.update({ where: { id: meetingId }, data: { status: "CLOSED", closedAt: now, closedById: actor.id, checkInClosedAt: now, studioActivityId, invitedCount, presentCount } });
    await recordAudit(tx, { actorId: actor.id, action: "meetings.close", entityType: "Meeting", entityId: meetingId, data: { minutes: lengthOf(meeting) } });
  });
}

/**
 * The organiser confirms (签发) the minutes of a closed meeting (authorise "meeting:manage").
 * 1. The confirmation is committed: from then on the policy lets nobody write the minutes.
 * 2. Everyone connected to the document becomes a reader at once (the collaboration worker refuses
 *    their further changes).
 * 3. The version is taken from the live body (or the stored one): it contains every change the
 *    server applied before step 2, so every change it acknowledged (an acknowledgement is sent
 *    only after the change was applied and stored).
 * Confirming again after a failure in 3 only takes the missing version.
 */
export async function confirmMinutes(meetingId: string, actor: Pick<SessionUser, "id">) {
  const documentId = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${meetingId} FOR UPDATE`;
    const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true, minutesDocumentId: true, minutesConfirmedAt: true, minutesVersionId: true } });
    if (!meeting) throw new Response("Not Found", { status: 404 });
    if (meeting.status !== "CLOSED") throw new UserError("meetings.errors.notClosedYet");
    if (!meeting.minutesDocumentId) throw new UserError("meetings.errors.noMinutes");
    if (meeting.minutesVersionId) throw new UserError("meetings.errors.minutesConfirmed");
    if (!meeting.minutesConfirmedAt) {
      await tx.meeting.update({ where: { id: meetingId }, data: { minutesConfirmedAt: new Date(), minutesConfirmedById: actor.id } });
      await recordAudit(tx, { actorId: actor.id, action: "meetings.minutes-confirm", entityType: "Meeting", entityId: meetingId });
    }
    return meeting.minutesDocumentId;
  });
  await refreshDocumentAccess(documentId);
  const state = await currentState(documentId);
  if (!state) throw new Response("Not Found", { status: 404 });
  await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${meetingId} FOR UPDATE`;
    // Two confirmations at once: the second finds the version taken.
    const taken = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { minutesVersionId: true } });
    if (taken.minutesVersionId) return;
    const version = await createVersion(tx, { documentId, state, reason: "NAMED", status: "DRAFT", name: zh("confirmedVersion"), createdById: actor.id });
    await tx.meeting.update({ where: { id: meetingId }, data: { minutesVersionId: version.id } });
  });
}
