import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import { UserError } from "~/lib/user-error.ts";
import { claimVersion, edited } from "~/lib/versioned.server.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { resolveAudience } from "./invitations.server.ts";
import { lengthOf, lockOpenMeeting } from "./meeting-lock.server.ts";
import { agendaItemSchema, agendaItemUpdateSchema, moveSchema, proposalSchema, takeProposalSchema, type AgendaItemInput, type AgendaItemUpdateInput } from "./schemas.ts";

/**
 * The agenda of one meeting (authorise "meeting:manage"): items under its segments, the backlog
 * (议题池) of its series, publishing to the invitees, moving and cancelling. Every change locks
 * the meeting row first (meeting-lock.server.ts): a closed or cancelled meeting refuses it.
 */

const meetingLink = (meetingId: string) => `/meetings/${meetingId}`;
const when = (date: Date) => formatDateTime(date, "zh-CN");

/** An item longer than the whole meeting cannot be right; a full agenda that runs over is shown, not refused. */
function checkLength(meeting: { startsAt: Date; endsAt: Date }, item: { title: string; minutes: number }) {
  const length = lengthOf(meeting);
  if (item.minutes > length) throw new UserError("meetings.errors.itemLongerThanMeeting", { title: item.title, minutes: item.minutes, length }, { status: 400 });
}

async function segmentOf(tx: Db, meetingId: string, segmentId: string) {
  const segment = await tx.meetingSegment.findFirst({ where: { id: segmentId, meetingId }, select: { id: true } });
  if (!segment) throw new UserError("meetings.errors.segmentNotInMeeting", {}, { status: 400 });
  return segment;
}

async function nextPosition(tx: Db, segmentId: string) {
  const last = await tx.agendaItem.findFirst({ where: { segmentId }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? -1) + 1;
}

/** The presenter the form names: an id from its list, or the 工号 typed into the person picker of a large meeting. */
async function presenterOf(tx: Db, who: string | undefined): Promise<string | null> {
  if (!who) return null;
  const person = await tx.user.findFirst({ where: { OR: [{ id: who }, { username: who }] }, select: { id: true } });
  if (!person) throw new UserError("meetings.errors.presenterUnknown", { who }, { status: 400, field: "presenterId" });
  return person.id;
}

export async function addAgendaItem(meetingId: string, raw: AgendaItemInput, actorId: string) {
  const input = agendaItemSchema.parse(raw);
  return prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    checkLength(meeting, input);
    await segmentOf(tx, meetingId, input.segmentId);
    const item = await tx.agendaItem.create({
      data: {
        meetingId,
        segmentId: input.segmentId,
        title: input.title,
        presenterId: await presenterOf(tx, input.presenterId),
        minutes: input.minutes,
        notes: input.notes,
        documentId: input.documentId ?? null,
        outputId: input.outputId ?? null,
        url: input.url ?? null,
        position: await nextPosition(tx, input.segmentId),
      },
      select: { id: true },
    });
    await recordAudit(tx, { actorId, action: "meetings.agenda-add", entityType: "AgendaItem", entityId: item.id, data: { meetingId, title: input.title } });
    return item;
  });
}

export async function updateAgendaItem(itemId: string, raw: AgendaItemUpdateInput, actorId: string) {
  const input = agendaItemUpdateSchema.parse(raw);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.agendaItem.findUnique({ where: { id: itemId }, select: { meetingId: true, segmentId: true } });
    if (!existing) throw new Response("Not Found", { status: 404 });
    const meeting = await lockOpenMeeting(tx, existing.meetingId);
    const presenterId = await presenterOf(tx, input.presenterId);
    // Changed by another organiser since the form was opened: both are shown, nothing is written.
    await claimVersion(input.version, {
      claim: (at) => tx.agendaItem.updateMany({ where: { id: itemId, updatedAt: at }, data: { updatedAt: new Date() } }),
      current: async () => {
        const row = await tx.agendaItem.findUnique({ where: { id: itemId }, select: { updatedAt: true, title: true, minutes: true, notes: true, url: true, presenter: { select: { name: true } } } });
        return row && { ...row, presenter: row.presenter?.name ?? null };
      },
      fields: {
        title: edited("meetings.pages.agenda.title", input.title),
        minutes: edited("meetings.pages.agenda.minutes", input.minutes),
        notes: edited("meetings.pages.agenda.notes", input.notes),
        url: edited("meetings.pages.agenda.url", input.url ?? null),
        presenter: edited("meetings.pages.agenda.presenterField", presenterId ? ((await tx.user.findUnique({ where: { id: presenterId }, select: { name: true } }))?.name ?? null) : null),
      },
    });
    checkLength(meeting, input);
    await segmentOf(tx, existing.meetingId, input.segmentId);
    await tx.agendaItem.update({
      where: { id: itemId },
      data: {
        segmentId: input.segmentId,
        title: input.title,
        presenterId,
        minutes: input.minutes,
        notes: input.notes,
        documentId: input.documentId ?? null,
        outputId: input.outputId ?? null,
        url: input.url ?? null,
        ...(input.segmentId !== existing.segmentId ? { position: await nextPosition(tx, input.segmentId) } : {}),
      },
    });
    await recordAudit(tx, { actorId, action: "meetings.agenda-update", entityType: "AgendaItem", entityId: itemId, data: { title: input.title } });
  });
}

export async function removeAgendaItem(itemId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const existing = await tx.agendaItem.findUnique({ where: { id: itemId }, select: { meetingId: true, title: true, fromProposalId: true } });
    if (!existing) throw new Response("Not Found", { status: 404 });
    await lockOpenMeeting(tx, existing.meetingId);
    await tx.agendaItem.delete({ where: { id: itemId } });
    // A proposal taken into the agenda goes back to the backlog.
    if (existing.fromProposalId) await tx.agendaProposal.update({ where: { id: existing.fromProposalId }, data: { status: "OPEN", decidedAt: null } });
    await recordAudit(tx, { actorId, action: "meetings.agenda-remove", entityType: "AgendaItem", entityId: itemId, data: { title: existing.title } });
  });
}

/** An invitee (or organiser) proposes an item for the series' backlog (authorise "meeting-series:propose"). */
export async function proposeAgendaItem(seriesId: string, raw: { title: string; notes?: string }, actorId: string) {
  const input = proposalSchema.parse(raw);
  return prisma.$transaction(async (tx) => {
    const proposal = await tx.agendaProposal.create({ data: { seriesId, title: input.title, notes: input.notes, proposedById: actorId }, select: { id: true } });
    await recordAudit(tx, { actorId, action: "meetings.propose", entityType: "AgendaProposal", entityId: proposal.id, data: { seriesId, title: input.title } });
    return proposal;
  });
}

/** The organiser takes a proposal into a meeting of its series: it becomes an agenda item presented by its proposer. */
export async function takeProposal(meetingId: string, raw: { proposalId: string; segmentId: string; minutes: number | string }, actorId: string) {
  const input = takeProposalSchema.parse(raw);
  return prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    const proposal = await tx.agendaProposal.findFirst({ where: { id: input.proposalId, seriesId: meeting.seriesId }, select: { id: true, title: true, notes: true, status: true, proposedById: true } });
    if (!proposal) throw new Response("Not Found", { status: 404 });
    if (proposal.status !== "OPEN") throw new UserError("meetings.errors.proposalNotOpen");
    checkLength(meeting, { title: proposal.title, minutes: input.minutes });
    await segmentOf(tx, meetingId, input.segmentId);
    const item = await tx.agendaItem.create({
      data: {
        meetingId,
        segmentId: input.segmentId,
        title: proposal.title,
        notes: proposal.notes,
        presenterId: proposal.proposedById,
        minutes: input.minutes,
        position: await nextPosition(tx, input.segmentId),
        fromProposalId: proposal.id,
      },
      select: { id: true },
    });
    await tx.agendaProposal.update({ where: { id: proposal.id }, data: { status: "TAKEN", decidedAt: new Date() } });
    await recordAudit(tx, { actorId, action: "meetings.proposal-take", entityType: "AgendaProposal", entityId: proposal.id, data: { meetingId, agendaItemId: item.id } });
    return item;
  });
}

export async function declineProposal(proposalId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.agendaProposal.updateMany({ where: { id: proposalId, status: "OPEN" }, data: { status: "DECLINED", decidedAt: new Date() } });
    if (!count) throw new UserError("meetings.errors.proposalNotOpen");
    await recordAudit(tx, { actorId, action: "meetings.proposal-decline", entityType: "AgendaProposal", entityId: proposalId });
  });
}

/**
 * Publishes the agenda: the series' audience is resolved now into invitations (one row per person,
 * so "am I invited" is an index lookup from then on), and every invitee is told in-app. Publishing
 * again after the audience changed invites the newcomers and uninvites who left it (see below);
 * returns how many of each.
 */
export async function publishAgenda(meetingId: string, actor: Pick<SessionUser, "id" | "name">) {
  const published = await prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    const people = await resolveAudience(tx, meeting.seriesId);
    if (!people.length) throw new UserError("meetings.errors.noInvitees");
    const known = new Set((await tx.meetingInvitation.findMany({ where: { meetingId }, select: { userId: true } })).map((i) => i.userId));
    const audience = new Set(people);
    const fresh = people.filter((userId) => !known.has(userId));
    await tx.meetingInvitation.createMany({ data: fresh.map((userId) => ({ meetingId, userId })), skipDuplicates: true });
    // Published again after the audience changed (a series edited, someone left the studio or the
    // college): who is no longer in it is no longer invited — unless they already take part
    // (checked in, take notes, in a discussion group, present an item, own an action item).
    const gone = await tx.meetingInvitation.findMany({
      where: {
        meetingId,
        userId: { notIn: [...audience] },
        noteTaker: false,
        user: {
          meetingAttendances: { none: { meetingId } },
          discussionGroupMembers: { none: { meetingId } },
          agendaItemsPresented: { none: { meetingId } },
          actionItemsOwned: { none: { meetingId } },
        },
      },
      select: { userId: true },
    });
    const removed = gone.map((i) => i.userId);
    await tx.meetingInvitation.deleteMany({ where: { meetingId, userId: { in: removed } } });
    await tx.meeting.update({ where: { id: meetingId }, data: { agendaPublishedAt: meeting.agendaPublishedAt ?? new Date() } });
    await recordAudit(tx, { actorId: actor.id, action: "meetings.publish", entityType: "Meeting", entityId: meetingId, data: { invited: fresh.length, uninvited: removed.length } });
    const data = { series: meeting.series.title, date: when(meeting.startsAt) };
    const notify = await createNotifications(tx, [
      ...fresh.map((userId) => ({ userId, type: "meetings.notices.agendaPublished" as const, data, link: meetingLink(meetingId) })),
      ...removed.map((userId) => ({ userId, type: "meetings.notices.uninvited" as const, data, link: "/meetings" })),
    ]);
    return { notify, invited: fresh.length, uninvited: removed.length };
  });
  published.notify();
  return { invited: published.invited, uninvited: published.uninvited };
}

/** Moves one meeting (not its series): its items, invitations and groups stay; the first original time is kept. */
export async function moveMeeting(meetingId: string, raw: { startsAt: Date | string; place?: string; version?: string }, actor: Pick<SessionUser, "id">) {
  const input = moveSchema.parse(raw);
  const deliver = await prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    // Moved by someone else since the form was opened (its version is the time it showed): both are shown, nothing moves.
    await claimVersion(input.version, {
      claim: async (seen) => ({ count: meeting.startsAt.getTime() === seen.getTime() ? 1 : 0 }),
      // The version handed back is the time it has now.
      current: async () => ({ ...meeting, updatedAt: meeting.startsAt }),
      fields: {
        startsAt: edited("meetings.pages.meeting.newTime", input.startsAt),
        place: edited("meetings.pages.meeting.newPlace", input.place ?? meeting.place),
      },
    });
    const endsAt = new Date(input.startsAt.getTime() + lengthOf(meeting) * 60_000);
    const original = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { movedFromStartsAt: true } });
    await tx.meeting.update({
      where: { id: meetingId },
      data: { startsAt: input.startsAt, endsAt, place: input.place ?? meeting.place, movedFromStartsAt: original.movedFromStartsAt ?? meeting.startsAt },
    });
    await recordAudit(tx, { actorId: actor.id, action: "meetings.move", entityType: "Meeting", entityId: meetingId, data: { from: meeting.startsAt.toISOString(), to: input.startsAt.toISOString() } });
    const invitees = await tx.meetingInvitation.findMany({ where: { meetingId }, select: { userId: true } });
    return createNotifications(tx, invitees.map(({ userId }) => ({ userId, type: "meetings.notices.meetingMoved", data: { series: meeting.series.title, date: when(input.startsAt) }, link: meetingLink(meetingId) })));
  });
  deliver();
}

/** Cancels one meeting that has not started; invitees are told. A cancelled meeting can no longer be changed. */
export async function cancelMeeting(meetingId: string, actor: Pick<SessionUser, "id">) {
  const deliver = await prisma.$transaction(async (tx) => {
    const meeting = await lockOpenMeeting(tx, meetingId);
    if (meeting.status !== "SCHEDULED") throw new UserError("meetings.errors.notCancellable");
    await tx.meeting.update({ where: { id: meetingId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    await recordAudit(tx, { actorId: actor.id, action: "meetings.cancel", entityType: "Meeting", entityId: meetingId });
    const invitees = await tx.meetingInvitation.findMany({ where: { meetingId }, select: { userId: true } });
    return createNotifications(tx, invitees.map(({ userId }) => ({ userId, type: "meetings.notices.meetingCancelled", data: { series: meeting.series.title, date: when(meeting.startsAt) }, link: meetingLink(meetingId) })));
  });
  deliver();
}
