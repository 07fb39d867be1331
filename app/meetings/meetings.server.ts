import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import type { SchoolScope } from "~/policy/index.ts";
import { carriedOverItems } from "./action-items.server.ts";
import { lengthOf, lockOpenMeeting } from "./meeting-lock.server.ts";
import { addGroupSections } from "./minutes.server.ts";
import { groupsSchema } from "./schemas.ts";

/**
 * What the meeting page shows (authorise "meeting:view"), discussion groups, and the 督导落实
 * overview. The overview is a handful of aggregate queries over the year, never a loop per row.
 */

export async function meetingDetail(meetingId: string) {
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      seriesId: true,
      scheduledOn: true,
      startsAt: true,
      endsAt: true,
      place: true,
      status: true,
      movedFromStartsAt: true,
      agendaPublishedAt: true,
      closedAt: true,
      minutesConfirmedAt: true,
      minutesDocumentId: true,
      minutesVersion: { select: { id: true, number: true } },
      checkInOpenedAt: true,
      checkInClosedAt: true,
      series: { select: { id: true, title: true, organiserKind: true, studio: { select: { id: true, name: true } } } },
      segments: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          plannedMinutes: true,
          items: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              title: true,
              minutes: true,
              notes: true,
              url: true,
              updatedAt: true,
              presenter: { select: { id: true, name: true, username: true } },
              document: { select: { id: true, title: true, type: true } },
              output: { select: { id: true, title: true } },
              outcomes: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, text: true, actionItem: { select: { id: true, status: true, dueOn: true, owner: { select: { id: true, name: true } } } } } },
            },
          },
        },
      },
      _count: { select: { invitations: true, attendances: true } },
    },
  });
  if (!meeting) throw new Response("Not Found", { status: 404 });
  const length = lengthOf(meeting);
  const planned = meeting.segments.reduce((sum, segment) => sum + segment.items.reduce((s, item) => s + item.minutes, 0), 0);
  return {
    ...meeting,
    /** Planned minutes of the agenda against the meeting's length; over-run when positive. */
    totals: { length, planned, overrun: Math.max(0, planned - length) },
    carriedOver: await carriedOverItems(meeting),
  };
}

/**
 * Every invitee in name order with whether and how they checked in: the archive's attendance list.
 * Not part of `meetingDetail` — the page shows counts, and a school-wide meeting invites thousands.
 */
export async function attendanceList(meetingId: string) {
  const invitations = await prisma.meetingInvitation.findMany({
    where: { meetingId },
    orderBy: [{ user: { nameSortKey: "asc" } }, { userId: "asc" }],
    select: { noteTaker: true, user: { select: { id: true, name: true, meetingAttendances: { where: { meetingId }, select: { method: true, createdAt: true } } } } },
  });
  return invitations.map(({ noteTaker, user: { meetingAttendances, ...user } }) => ({ ...user, noteTaker, present: meetingAttendances[0] ?? null }));
}

/**
 * Splits the meeting's participants (those present, else the invitees) into `count` groups,
 * round-robin in name order or by college (colleges kept together, largest first), each with its
 * first member as reporter. Replaces earlier groups (authorise "meeting:manage"). Minutes that
 * already exist get a section for each new group (addGroupSections).
 */
export async function splitIntoGroups(meetingId: string, raw: { count: number | string; by?: "round-robin" | "college" }, actorId: string) {
  const input = groupsSchema.parse(raw);
  await prisma.$transaction(async (tx) => {
    await lockOpenMeeting(tx, meetingId);
    const present = await tx.meetingAttendance.findMany({ where: { meetingId }, select: { user: { select: { id: true, collegeId: true, nameSortKey: true } } } });
    const people = present.length
      ? present.map((a) => a.user)
      : (await tx.meetingInvitation.findMany({ where: { meetingId }, select: { user: { select: { id: true, collegeId: true, nameSortKey: true } } } })).map((i) => i.user);
    people.sort((a, b) => (a.nameSortKey ?? "").localeCompare(b.nameSortKey ?? "") || a.id.localeCompare(b.id));
    const count = Math.min(input.count, Math.max(1, people.length));
    const buckets: string[][] = Array.from({ length: count }, () => []);
    if (input.by === "college") {
      const byCollege = new Map<string, string[]>();
      for (const person of people) byCollege.set(person.collegeId ?? "", [...(byCollege.get(person.collegeId ?? "") ?? []), person.id]);
      for (const members of [...byCollege.values()].sort((a, b) => b.length - a.length)) {
        const smallest = buckets.reduce((min, bucket, index) => (bucket.length < buckets[min]!.length ? index : min), 0);
        buckets[smallest]!.push(...members);
      }
    } else {
      people.forEach((person, index) => buckets[index % count]!.push(person.id));
    }
    await tx.discussionGroup.deleteMany({ where: { meetingId } });
    for (const [position, members] of buckets.entries()) {
      await tx.discussionGroup.create({
        data: {
          meetingId,
          name: `第${position + 1}组`,
          position,
          reporterId: members[0] ?? null,
          members: { create: members.map((userId) => ({ userId, meetingId })) },
        },
      });
    }
    await recordAudit(tx, { actorId, action: "meetings.groups", entityType: "Meeting", entityId: meetingId, data: { count, by: input.by } });
  });
  await addGroupSections(meetingId);
}

interface OverviewRow {
  seriesId: string;
  title: string;
  month: number;
  held: number;
  invited: number;
  present: number;
}

/**
 * The 督导落实 overview of one year for a slice of the school (authorise "meetings:view-overview"):
 * meetings held per month per series with attendance, action items opened / closed / overdue, and
 * the cases shared (agenda items linking a case study). 学工部 sees every series; a college admin
 * their college's and their joint groups' series, and the school's that invite their people are
 * left out on purpose: what they oversee is what they organise.
 */
export async function overview(scope: SchoolScope, year: number, now = new Date()) {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const today = schoolToday(now);
  // The series in the slice, as a filter on a table's "seriesId".
  const inSlice =
    scope.kind === "school"
      ? Prisma.sql`TRUE`
      : Prisma.sql`"seriesId" IN (SELECT s.id FROM "MeetingSeries" s
          WHERE (s."organiserKind" = 'COLLEGE' AND s."collegeId" = ${scope.collegeId})
             OR (s."organiserKind" = 'JOINT_GROUP' AND s."jointGroupId" IN (SELECT "groupId" FROM "JointTrainingGroupMember" WHERE "collegeId" = ${scope.collegeId})))`;
  // Each count is aggregated before anything is joined to it; the action items' three counts come
  // from their own indexes (schema: ActionItem), so a school with years of items reads only the
  // year's entries and the open ones.
  const [months, actions, cases] = await Promise.all([
    prisma.$queryRaw<OverviewRow[]>`
      SELECT s.id AS "seriesId", s.title, held.month, held.held, held.invited, held.present
      FROM (
        SELECT m."seriesId", EXTRACT(MONTH FROM m."scheduledOn")::int AS month, COUNT(*)::int AS held,
               -- The counts fixed at closing; counted only for a meeting closed without them.
               COALESCE(SUM(COALESCE(m."invitedCount", (SELECT COUNT(*) FROM "MeetingInvitation" i WHERE i."meetingId" = m.id))), 0)::int AS invited,
               COALESCE(SUM(COALESCE(m."presentCount", (SELECT COUNT(*) FROM "MeetingAttendance" a WHERE a."meetingId" = m.id))), 0)::int AS present
        FROM "Meeting" m
        WHERE m.status = 'CLOSED' AND m."scheduledOn" >= ${from}::date AND m."scheduledOn" < ${to}::date AND (${inSlice})
        GROUP BY m."seriesId", month
      ) held JOIN "MeetingSeries" s ON s.id = held."seriesId"
      ORDER BY s.title, s.id, held.month`,
    prisma.$queryRaw<Array<{ seriesId: string; opened: number; closed: number; overdue: number }>>`
      SELECT "seriesId", SUM(opened)::int AS opened, SUM(closed)::int AS closed, SUM(overdue)::int AS overdue
      FROM (
        SELECT "seriesId", COUNT(*) AS opened, 0 AS closed, 0 AS overdue FROM "ActionItem"
        WHERE "createdAt" >= ${from} AND "createdAt" < ${to} AND (${inSlice}) GROUP BY "seriesId"
        UNION ALL
        SELECT "seriesId", 0, COUNT(*), 0 FROM "ActionItem"
        WHERE "closedAt" >= ${from} AND "closedAt" < ${to} AND status = 'DONE' AND (${inSlice}) GROUP BY "seriesId"
        UNION ALL
        SELECT "seriesId", 0, 0, COUNT(*) FROM "ActionItem"
        WHERE status IN ('OPEN', 'IN_PROGRESS') AND "dueOn" < ${today}::date AND (${inSlice}) GROUP BY "seriesId"
      ) counts
      GROUP BY "seriesId"`,
    prisma.$queryRaw<Array<{ seriesId: string; meetingId: string; documentId: string; title: string; startsAt: Date }>>`
      SELECT m."seriesId", m.id AS "meetingId", d.id AS "documentId", d.title, m."startsAt"
      FROM "AgendaItem" ai JOIN "Meeting" m ON m.id = ai."meetingId" JOIN "Document" d ON d.id = ai."documentId"
      WHERE d.type = 'CASE_STUDY' AND m.status = 'CLOSED' AND m."scheduledOn" >= ${from}::date AND m."scheduledOn" < ${to}::date AND (${inSlice})
      ORDER BY m."startsAt", d.id
      LIMIT 200`,
  ]);
  const bySeries = new Map<string, { seriesId: string; title: string; months: Array<{ month: number; held: number; attendanceRate: number | null }>; held: number; invited: number; present: number }>();
  for (const row of months) {
    const entry = bySeries.get(row.seriesId) ?? { seriesId: row.seriesId, title: row.title, months: [], held: 0, invited: 0, present: 0 };
    entry.months.push({ month: row.month, held: row.held, attendanceRate: row.invited ? row.present / row.invited : null });
    entry.held += row.held;
    entry.invited += row.invited;
    entry.present += row.present;
    bySeries.set(row.seriesId, entry);
  }
  const actionBySeries = new Map(actions.map((a) => [a.seriesId, a]));
  return {
    year,
    series: [...bySeries.values()].map((s) => ({
      ...s,
      attendanceRate: s.invited ? s.present / s.invited : null,
      actions: actionBySeries.get(s.seriesId) ?? { seriesId: s.seriesId, opened: 0, closed: 0, overdue: 0 },
    })),
    actions: actions.reduce((sum, a) => ({ opened: sum.opened + a.opened, closed: sum.closed + a.closed, overdue: sum.overdue + a.overdue }), { opened: 0, closed: 0, overdue: 0 }),
    cases,
  };
}
