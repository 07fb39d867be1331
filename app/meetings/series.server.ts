import crypto from "node:crypto";
import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { UserError } from "~/lib/user-error.ts";
import { claimVersion, edited } from "~/lib/versioned.server.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import { occurrencesFrom, ruleDayInMonth, schoolTimeOn } from "./recurrence.ts";
import { segmentTemplateSchema, seriesSchema, seriesUpdateSchema, type MeetingTarget, type SeriesInput, type SeriesUpdateInput } from "./schemas.ts";

/**
 * Meeting series (例会系列) and their occurrences. A series holds a monthly rule, a template of
 * segments and an audience; each month's meeting is created from them and then lives on its own
 * (moved, cancelled, its agenda edited). Generating is idempotent: (seriesId, scheduledOn) is
 * unique, so generating twice, or twice at once, writes each month once.
 */

/** A meeting's check-in secret (rotating codes and signed QR payloads, app/training/check-in-code.ts). */
export const newCheckInSecret = () => crypto.randomBytes(32).toString("base64url");

function organiserColumns(input: ReturnType<typeof seriesSchema.parse>) {
  const { organiserKind, collegeId, jointGroupId, studioId } = input;
  const given = [collegeId, jointGroupId, studioId].filter(Boolean).length;
  const ok =
    (organiserKind === "SCHOOL" && given === 0) ||
    (organiserKind === "COLLEGE" && collegeId && given === 1) ||
    (organiserKind === "JOINT_GROUP" && jointGroupId && given === 1) ||
    (organiserKind === "STUDIO" && studioId && given === 1);
  if (!ok) throw new UserError("meetings.errors.organiserMismatch", {}, { status: 400 });
  return { organiserKind, collegeId: collegeId ?? null, jointGroupId: jointGroupId ?? null, studioId: studioId ?? null };
}

/** What a series' form sets on its row (the organiser aside: it is set once). */
const seriesColumns = (input: ReturnType<typeof seriesUpdateSchema.parse>) => ({
  title: input.title,
  description: input.description,
  weekOfMonth: input.weekOfMonth,
  weekday: input.weekday,
  startTime: input.startTime,
  durationMinutes: input.durationMinutes,
  place: input.place,
  segmentTemplate: input.segments,
});

const targetRow = (target: MeetingTarget): Omit<Prisma.MeetingSeriesTargetCreateManyInput, "seriesId"> => ({
  kind: target.kind,
  stage: target.kind === "STAGE" ? target.stage : null,
  group: target.kind === "GROUP" ? target.group : null,
  collegeId: target.kind === "COLLEGE" ? target.collegeId : null,
  studioId: target.kind === "STUDIO" ? target.studioId : null,
  userId: target.kind === "PERSON" ? target.userId : null,
});

/**
 * Creates a series (authorise "meeting-series:create" on its organiser first). A studio series
 * without an audience invites the studio's members. The creator is its first organiser. With
 * `months`, its first meetings are generated in the same transaction: a failure leaves no series
 * without meetings behind.
 */
export async function createSeries(raw: SeriesInput, actorId: string, { months = 0 }: { months?: number } = {}) {
  const input = seriesSchema.parse(raw);
  const organiser = organiserColumns(input);
  const targets = input.targets.length || !organiser.studioId ? input.targets : [{ kind: "STUDIO" as const, studioId: organiser.studioId }];
  return prisma.$transaction(async (tx) => {
    const series = await tx.meetingSeries.create({
      data: {
        ...seriesColumns(input),
        ...organiser,
        createdById: actorId,
        organisers: { create: [...new Set([actorId, ...input.coOrganiserIds])].map((userId) => ({ userId })) },
        targets: { create: targets.map(targetRow) },
      },
      select: { id: true, title: true },
    });
    await recordAudit(tx, { actorId, action: "meetings.series-create", entityType: "MeetingSeries", entityId: series.id, data: { title: series.title } });
    if (months > 0) await generateMeetings(series.id, months, actorId, { db: tx });
    return series;
  });
}

/**
 * Changes a series (authorise "meeting-series:manage"): title, description, place, rule, length,
 * segment template and audience. Meetings generated later follow it. Of the meetings already
 * generated, those nobody has touched yet (scheduled, in the future, not moved, agenda neither
 * written nor published, no minutes) follow it too: each moves to the new rule's day of its own
 * month (unless that day is already past) and takes the new segments. Every other meeting keeps
 * what it has; the audience reaches a meeting when its agenda is published. Returns how many
 * meetings were re-planned.
 */
export async function updateSeries(seriesId: string, raw: SeriesUpdateInput, actorId: string, now = new Date()) {
  const input = seriesUpdateSchema.parse(raw);
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "MeetingSeries" WHERE id = ${seriesId} FOR UPDATE`;
    const before = await tx.meetingSeries.findUnique({ where: { id: seriesId }, select: { studioId: true } });
    if (!before) throw new Response("Not Found", { status: 404 });
    // A change made against an older version of the series is refused with the fields that differ (decision 095).
    const columns = seriesColumns(input);
    const segmentsText = (segments: unknown) => (Array.isArray(segments) ? segments.map((s: { name: string; minutes: number }) => `${s.name} ${s.minutes}′`) : []);
    await claimVersion(input.version, {
      claim: (updatedAt) => tx.meetingSeries.updateMany({ where: { id: seriesId, updatedAt }, data: { updatedAt: new Date() } }),
      current: async () => {
        const row = await tx.meetingSeries.findUnique({ where: { id: seriesId } });
        return row && { ...row, segments: segmentsText(row.segmentTemplate) };
      },
      fields: {
        title: edited("meetings.pages.newSeries.seriesTitle", columns.title),
        place: edited("meetings.pages.newSeries.place", columns.place),
        description: edited("meetings.pages.newSeries.description", columns.description),
        weekOfMonth: edited("meetings.pages.newSeries.weekOfMonth", columns.weekOfMonth),
        weekday: edited("meetings.pages.newSeries.weekday", columns.weekday),
        startTime: edited("meetings.pages.newSeries.startTime", columns.startTime),
        durationMinutes: edited("meetings.pages.newSeries.duration", columns.durationMinutes),
        segments: edited("meetings.pages.newSeries.segments", segmentsText(columns.segmentTemplate)),
      },
    });
    // A studio series without an audience invites the studio's members, as when it was created.
    const targets = input.targets.length || !before.studioId ? input.targets : [{ kind: "STUDIO" as const, studioId: before.studioId }];
    await tx.meetingSeries.update({ where: { id: seriesId }, data: columns });
    await tx.meetingSeriesTarget.deleteMany({ where: { seriesId } });
    await tx.meetingSeriesTarget.createMany({ data: targets.map((target) => ({ seriesId, ...targetRow(target) })) });

    // Locked first: an item added to one of them meanwhile (addAgendaItem locks its meeting) either
    // came before, and the meeting is not untouched, or waits until this is done.
    await tx.$queryRaw`SELECT id FROM "Meeting" WHERE "seriesId" = ${seriesId} AND status = 'SCHEDULED' AND "startsAt" > ${now} ORDER BY id FOR UPDATE`;
    const untouched = await tx.meeting.findMany({
      where: { seriesId, status: "SCHEDULED", startsAt: { gt: now }, movedFromStartsAt: null, agendaPublishedAt: null, minutesDocumentId: null, agendaItems: { none: {} } },
      select: { id: true, scheduledOn: true },
    });
    const today = schoolToday(now);
    let replanned = 0;
    for (const meeting of untouched) {
      const day = ruleDayInMonth(input, meeting.scheduledOn.getUTCFullYear(), meeting.scheduledOn.getUTCMonth());
      const startsAt = day ? schoolTimeOn(day, input.startTime) : null;
      if (!day || !startsAt || day < today || startsAt <= now) continue;
      await tx.meeting.update({
        where: { id: meeting.id },
        data: { scheduledOn: day, startsAt, endsAt: new Date(startsAt.getTime() + input.durationMinutes * 60_000), place: input.place },
      });
      await tx.meetingSegment.deleteMany({ where: { meetingId: meeting.id } });
      await tx.meetingSegment.createMany({ data: input.segments.map((segment, position) => ({ meetingId: meeting.id, name: segment.name, plannedMinutes: segment.minutes, position })) });
      replanned += 1;
    }
    await recordAudit(tx, { actorId, action: "meetings.series-update", entityType: "MeetingSeries", entityId: seriesId, data: { title: input.title, replanned } });
    return replanned;
  });
}

/**
 * Creates the next `count` meetings of the rule from `from` (default: today at the school) with
 * the series' segments, skipping months that already have theirs. Returns how many were new.
 */
export async function generateMeetings(seriesId: string, count: number, actorId: string | null, { from, db }: { from?: Date; db?: Db } = {}) {
  const work = async (tx: Db) => {
    const series = await tx.meetingSeries.findUniqueOrThrow({
      where: { id: seriesId },
      select: { weekOfMonth: true, weekday: true, startTime: true, durationMinutes: true, place: true, segmentTemplate: true },
    });
    const segments = segmentTemplateSchema.parse(series.segmentTemplate);
    const occurrences = occurrencesFrom(series, schoolToday(from ?? new Date()), count);
    const { count: created } = await tx.meeting.createMany({
      data: occurrences.map((o) => ({ seriesId, ...o, place: series.place, checkInSecret: newCheckInSecret() })),
      skipDuplicates: true,
    });
    // Segments go to the meetings that have none yet: those just created.
    const fresh = await tx.meeting.findMany({
      where: { seriesId, scheduledOn: { in: occurrences.map((o) => o.scheduledOn) }, segments: { none: {} } },
      select: { id: true },
    });
    await tx.meetingSegment.createMany({
      data: fresh.flatMap((meeting) => segments.map((segment, position) => ({ meetingId: meeting.id, name: segment.name, plannedMinutes: segment.minutes, position }))),
    });
    if (created) await recordAudit(tx, { actorId, action: "meetings.generate", entityType: "MeetingSeries", entityId: seriesId, data: { created } });
    return created;
  };
  return db ? work(db) : prisma.$transaction(work);
}

/** The series a person sees ("meeting-series:view"), with their next meeting. */
export async function seriesList(actor: Actor, now = new Date()) {
  const series = await prisma.meetingSeries.findMany({
    where: whereCan(actor, "meeting-series:view"),
    orderBy: [{ active: "desc" }, { title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      organiserKind: true,
      active: true,
      weekOfMonth: true,
      weekday: true,
      startTime: true,
      durationMinutes: true,
      place: true,
      college: { select: { id: true, name: true } },
      jointGroup: { select: { id: true, name: true } },
      studio: { select: { id: true, name: true } },
      meetings: {
        where: { AND: [whereCan(actor, "meeting:view"), { startsAt: { gte: now }, status: { in: ["SCHEDULED", "IN_PROGRESS"] } }] },
        orderBy: { startsAt: "asc" },
        take: 1,
        select: { id: true, startsAt: true, place: true },
      },
    },
  });
  return series.map(({ meetings, ...rest }) => ({ ...rest, nextMeeting: meetings[0] ?? null }));
}

/** One series (authorise "meeting-series:view"): its rule, template, audience, the meetings the viewer sees and the open backlog. */
export async function seriesDetail(seriesId: string, actor: Actor) {
  const series = await prisma.meetingSeries.findUnique({
    where: { id: seriesId },
    select: {
      id: true,
      title: true,
      description: true,
      organiserKind: true,
      active: true,
      updatedAt: true,
      weekOfMonth: true,
      weekday: true,
      startTime: true,
      durationMinutes: true,
      place: true,
      segmentTemplate: true,
      college: { select: { id: true, name: true } },
      jointGroup: { select: { id: true, name: true } },
      studio: { select: { id: true, name: true } },
      organisers: { select: { user: { select: { id: true, name: true } } }, orderBy: { userId: "asc" } },
      targets: { select: { kind: true, stage: true, group: true, collegeId: true, studioId: true, userId: true }, orderBy: { id: "asc" } },
      meetings: {
        where: whereCan(actor, "meeting:view"),
        orderBy: { startsAt: "asc" },
        select: { id: true, scheduledOn: true, startsAt: true, endsAt: true, place: true, status: true, agendaPublishedAt: true, minutesConfirmedAt: true },
      },
      proposals: {
        where: { status: "OPEN" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, title: true, notes: true, createdAt: true, proposedBy: { select: { id: true, name: true } } },
      },
    },
  });
  if (!series) throw new Response("Not Found", { status: 404 });
  return { ...series, segmentTemplate: segmentTemplateSchema.parse(series.segmentTemplate) };
}
