import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { ActionItemStatus } from "~/generated/prisma/enums.ts";
import { isoDay, schoolToday } from "~/lib/calendar-date.ts";
import { UserError } from "~/lib/user-error.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import { lockOpenMeeting } from "./meeting-lock.server.ts";
import { actionUpdateSchema, myActionItemsSchema, outcomeSchema, type ActionUpdateInput, type OutcomeInput } from "./schemas.ts";

/**
 * Outcomes of agenda items (通报, 决定, 督办事项) and the follow-up of action items. An action
 * item belongs to its series: it appears under "上次督办事项落实情况" in every later meeting of the
 * series until it is done or dropped (a query, nothing is copied), with its history of updates
 * across meetings. Its owner and the series' organisers change its status, nobody else (the policy).
 */

export const CLOSED_STATUSES: readonly ActionItemStatus[] = ["DONE", "DROPPED"];
const OPEN_STATUSES: ActionItemStatus[] = ["OPEN", "IN_PROGRESS"];
export const ACTION_ITEMS_PER_PAGE = 20;

/**
 * Records an outcome of an agenda item (authorise "meeting:manage"). An action item needs an owner
 * among the meeting's invitees or participants and a due date not in the past (school calendar).
 */
export async function recordOutcome(agendaItemId: string, raw: OutcomeInput, actor: Pick<SessionUser, "id">, now = new Date()) {
  const input = outcomeSchema.parse(raw);
  const deliver = await prisma.$transaction(async (tx) => {
    const item = await tx.agendaItem.findUnique({ where: { id: agendaItemId }, select: { id: true, meetingId: true } });
    if (!item) throw new Response("Not Found", { status: 404 });
    const meeting = await lockOpenMeeting(tx, item.meetingId);
    const outcome = await tx.agendaOutcome.create({ data: { meetingId: meeting.id, agendaItemId, kind: input.kind, text: input.text, createdById: actor.id }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "meetings.outcome", entityType: "AgendaOutcome", entityId: outcome.id, data: { kind: input.kind } });
    if (input.kind !== "ACTION") return () => {};
    const ownerId = await requireParticipant(tx, meeting.id, input.ownerId);
    if (input.dueOn < schoolToday(now)) throw new UserError("meetings.errors.dueInPast", { date: isoDay(input.dueOn) }, { status: 400 });
    const action = await tx.actionItem.create({
      data: { seriesId: meeting.seriesId, meetingId: meeting.id, outcomeId: outcome.id, title: input.text, ownerId, dueOn: input.dueOn, createdById: actor.id, createdAt: now },
      select: { id: true },
    });
    await tx.actionItemUpdate.create({ data: { actionItemId: action.id, toStatus: "OPEN", meetingId: meeting.id, authorId: actor.id, createdAt: now } });
    return createNotifications(tx, [
      { userId: ownerId, type: "meetings.notices.actionAssigned", data: { series: meeting.series.title, title: input.text, date: isoDay(input.dueOn) }, link: "/meetings/actions" },
    ]);
  });
  deliver();
}

/**
 * The owner the form names — an id from its list, or the 工号 typed into the person picker of a
 * meeting too large for a list — when they are invited to or attended the meeting; their id.
 */
async function requireParticipant(tx: Db, meetingId: string, who: string): Promise<string> {
  const person = await tx.user.findFirst({ where: { OR: [{ id: who }, { username: who }] }, select: { id: true, name: true } });
  if (!person) throw new UserError("meetings.errors.ownerUnknown", { who }, { status: 400, field: "ownerId" });
  const invited = await tx.meetingInvitation.findUnique({ where: { meetingId_userId: { meetingId, userId: person.id } }, select: { userId: true } });
  const present = await tx.meetingAttendance.findUnique({ where: { meetingId_userId: { meetingId, userId: person.id } }, select: { id: true } });
  if (!invited && !present) throw new UserError("meetings.errors.ownerNotParticipant", { name: person.name }, { status: 400, field: "ownerId" });
  return person.id;
}

/**
 * The owner or an organiser updates an action item (authorise "action-item:update"): a new status
 * and a note, recorded as history; reviewed at `meetingId` when given (the meeting where it was
 * followed up). A done or dropped item stays closed.
 */
export async function updateActionItem(actionItemId: string, raw: ActionUpdateInput, actorId: string, { meetingId, now = new Date() }: { meetingId?: string; now?: Date } = {}) {
  const input = actionUpdateSchema.parse(raw);
  await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "ActionItem" WHERE id = ${actionItemId} FOR UPDATE`;
    const item = await tx.actionItem.findUnique({ where: { id: actionItemId }, select: { status: true } });
    if (!item) throw new Response("Not Found", { status: 404 });
    if (CLOSED_STATUSES.includes(item.status)) throw new UserError("meetings.errors.actionClosed", { status: item.status === "DONE" ? "完成" : "撤销" });
    const closing = CLOSED_STATUSES.includes(input.status);
    await tx.actionItem.update({ where: { id: actionItemId }, data: { status: input.status, closedAt: closing ? now : null } });
    await tx.actionItemUpdate.create({
      data: { actionItemId, fromStatus: item.status, toStatus: input.status === item.status ? null : input.status, note: input.note, meetingId: meetingId ?? null, authorId: actorId, createdAt: now },
    });
    await recordAudit(tx, { actorId, action: "meetings.action-update", entityType: "ActionItem", entityId: actionItemId, data: { from: item.status, to: input.status } });
  });
}

const historySelect = {
  orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  select: { id: true, fromStatus: true, toStatus: true, note: true, createdAt: true, author: { select: { id: true, name: true } }, meeting: { select: { id: true, startsAt: true } } },
} satisfies Prisma.ActionItem$updatesArgs;

/**
 * "上次督办事项落实情况": the action items of the series opened at earlier meetings that were still
 * open when this meeting began (or are still open now), each with its history. Derived, never copied.
 */
export function carriedOverItems(meeting: { id: string; seriesId: string; startsAt: Date }, db: Db = prisma) {
  return db.actionItem.findMany({
    where: {
      seriesId: meeting.seriesId,
      meeting: { startsAt: { lt: meeting.startsAt } },
      OR: [{ status: { in: OPEN_STATUSES } }, { closedAt: { gte: meeting.startsAt } }],
    },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      status: true,
      dueOn: true,
      closedAt: true,
      owner: { select: { id: true, name: true } },
      meeting: { select: { id: true, startsAt: true } },
      updates: historySelect,
    },
  });
}

/**
 * Every action item a person owns, across all series (authorise nothing more: it is their own),
 * overdue ones flagged; filters open / overdue / closed; paginated.
 */
export async function myActionItems(actor: Actor, raw: { status?: string; page?: number | string } = {}, now = new Date()) {
  const filters = myActionItemsSchema.parse(raw);
  const today = schoolToday(now);
  const byStatus: Prisma.ActionItemWhereInput =
    filters.status === "open"
      ? { status: { in: OPEN_STATUSES } }
      : filters.status === "overdue"
        ? { status: { in: OPEN_STATUSES }, dueOn: { lt: today } }
        : filters.status === "closed"
          ? { status: { in: [...CLOSED_STATUSES] } }
          : {};
  const where: Prisma.ActionItemWhereInput = { AND: [{ ownerId: actor.id }, whereCan(actor, "action-item:view"), byStatus] };
  const [total, overdue, items] = await Promise.all([
    prisma.actionItem.count({ where }),
    prisma.actionItem.count({ where: { ownerId: actor.id, status: { in: OPEN_STATUSES }, dueOn: { lt: today } } }),
    prisma.actionItem.findMany({
      where,
      // Open first, then by due date.
      orderBy: [{ closedAt: { sort: "desc", nulls: "first" } }, { dueOn: "asc" }, { id: "asc" }],
      skip: (filters.page - 1) * ACTION_ITEMS_PER_PAGE,
      take: ACTION_ITEMS_PER_PAGE,
      select: {
        id: true,
        title: true,
        status: true,
        dueOn: true,
        closedAt: true,
        series: { select: { id: true, title: true } },
        meeting: { select: { id: true, startsAt: true } },
      },
    }),
  ]);
  return {
    items: items.map((item) => ({ ...item, overdue: OPEN_STATUSES.includes(item.status) && item.dueOn < today })),
    total,
    overdue,
    page: filters.page,
    pages: Math.max(1, Math.ceil(total / ACTION_ITEMS_PER_PAGE)),
  };
}

/**
 * The background reminder: one in-app notice per action item once it is overdue (due before today
 * at the school and still open). Idempotent: the item is marked in the same transaction.
 */
export async function sendOverdueReminders(now = new Date()): Promise<number> {
  const today = schoolToday(now);
  const deliver = await prisma.$transaction(async (tx) => {
    // Claimed with the mark in one statement: two runs at once never remind twice.
    const due = await tx.$queryRaw<Array<{ id: string; title: string; ownerId: string; dueOn: Date }>>`
      UPDATE "ActionItem" SET "overdueNotifiedAt" = ${now}
      WHERE id IN (SELECT id FROM "ActionItem"
                   WHERE status IN ('OPEN', 'IN_PROGRESS') AND "dueOn" < ${today}::date AND "overdueNotifiedAt" IS NULL
                   ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED)
      RETURNING id, title, "ownerId", "dueOn"`;
    const deliver = await createNotifications(
      tx,
      due.map((item) => ({ userId: item.ownerId, type: "meetings.notices.actionOverdue", data: { title: item.title, date: isoDay(item.dueOn) }, link: "/meetings/actions" })),
    );
    return { count: due.length, deliver };
  });
  deliver.deliver();
  return deliver.count;
}
