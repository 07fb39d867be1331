import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { personQueryWhere } from "~/people/directory.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { can, whereCan, type Actor } from "~/policy/index.ts";
import { meetingOrganiserResource } from "./access.server.ts";
import { resolveAudience } from "./invitations.server.ts";

/** What the meeting pages need beside the services: the person's upcoming meetings and the choices their forms offer. */

/** The meetings ahead that the person is invited to or organises by name, soonest first. */
export function myUpcomingMeetings(actor: Actor, now = new Date()) {
  return prisma.meeting.findMany({
    where: {
      AND: [
        whereCan(actor, "meeting:view"),
        { OR: [{ invitations: { some: { userId: actor.id } } }, { series: { organisers: { some: { userId: actor.id } } } }] },
        { endsAt: { gte: now }, status: { in: ["SCHEDULED", "IN_PROGRESS"] } },
      ],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, startsAt: true, place: true, status: true, agendaPublishedAt: true, series: { select: { id: true, title: true } } },
  });
}

export interface OrganiserChoice {
  /** The form's value: "SCHOOL", "COLLEGE:<id>", "JOINT_GROUP:<id>" or "STUDIO:<id>". */
  value: string;
  kind: "SCHOOL" | "COLLEGE" | "JOINT_GROUP" | "STUDIO";
  name: string | null;
}

/**
 * The organisers the person may create a series for, as the policy decides ("meeting-series:create"):
 * the school, colleges, joint groups, and the studios they lead. Empty for someone who may create none.
 */
export async function organiserChoices(actor: Actor): Promise<OrganiserChoice[]> {
  const [colleges, groups, studios] = await Promise.all([
    prisma.college.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true } }),
    prisma.jointTrainingGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.studio.findMany({ where: { archivedAt: null, memberships: { some: { userId: actor.id, role: "LEADER" } } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const candidates = [
    { choice: { value: "SCHOOL", kind: "SCHOOL" as const, name: null }, organiser: { organiserKind: "SCHOOL" as const } },
    ...colleges.map((c) => ({ choice: { value: `COLLEGE:${c.id}`, kind: "COLLEGE" as const, name: c.name }, organiser: { organiserKind: "COLLEGE" as const, collegeId: c.id } })),
    ...groups.map((g) => ({ choice: { value: `JOINT_GROUP:${g.id}`, kind: "JOINT_GROUP" as const, name: g.name }, organiser: { organiserKind: "JOINT_GROUP" as const, jointGroupId: g.id } })),
    ...studios.map((s) => ({ choice: { value: `STUDIO:${s.id}`, kind: "STUDIO" as const, name: s.name }, organiser: { organiserKind: "STUDIO" as const, studioId: s.id } })),
  ];
  const allowed = await Promise.all(candidates.map(async ({ organiser }) => can(actor, "meeting-series:create", await meetingOrganiserResource(actor, organiser))));
  return candidates.filter((_, index) => allowed[index]).map(({ choice }) => choice);
}

/** The audiences a series may invite: colleges and active studios (stages and groups are enums). */
export async function audienceOptions() {
  const [colleges, studios] = await Promise.all([
    prisma.college.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true } }),
    prisma.studio.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { colleges, studios };
}

/** Up to this many participants the forms offer a list; a larger meeting (school-wide) a person picker. */
export const PARTICIPANT_LIST_MAX = 300;

/**
 * Whom the meeting's forms may name, as a filter on User with its count: the invitees once
 * published (a join, not thousands of ids sent back and forth on every keystroke of the picker),
 * before that the series' audience.
 */
async function participants(meeting: { id: string; seriesId: string }): Promise<{ where: Prisma.UserWhereInput; total: number }> {
  const invited = await prisma.meetingInvitation.count({ where: { meetingId: meeting.id } });
  if (invited) return { where: { meetingInvitations: { some: { meetingId: meeting.id } } }, total: invited };
  const audience = await resolveAudience(prisma, meeting.seriesId);
  return { where: { id: { in: audience } }, total: audience.length };
}

/**
 * People a form may name (presenter, action-item owner): all of them, in name order, when there are
 * at most PARTICIPANT_LIST_MAX; else none and `total`, and the page offers the person picker
 * (lookupParticipants), which finds anyone of them.
 */
export async function participantOptions(meeting: { id: string; seriesId: string }) {
  const { where, total } = await participants(meeting);
  if (total > PARTICIPANT_LIST_MAX) return { people: [], total };
  const people = await prisma.user.findMany({ where, orderBy: [{ nameSortKey: "asc" }, { id: "asc" }], select: { id: true, name: true } });
  return { people, total };
}

/** The meeting's participants by name, pinyin, initials or 工号, for the person picker (authorise "meeting:manage"). */
export async function lookupParticipants(meeting: { id: string; seriesId: string }, query: string, limit = 8) {
  if (!query.trim()) return [];
  const people = await prisma.user.findMany({
    where: { AND: [(await participants(meeting)).where, personQueryWhere(query)] },
    orderBy: [{ nameSortKey: "asc" }, { username: "asc" }],
    take: limit,
    select: { username: true, name: true, college: { select: { name: true } } },
  });
  return people.map((p) => ({ username: p.username, name: p.name, college: p.college?.name ?? null }));
}

/** Case studies and research notes the organiser may link to an item (those they may read), newest first. */
export function linkableDocuments(actor: Actor) {
  return prisma.document.findMany({
    where: { AND: [whereCan(actor, "document:read"), { type: { in: ["CASE_STUDY", "RESEARCH_NOTE"] } }] },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 100,
    select: { id: true, title: true, type: true },
  });
}

/** Outputs (成果) that may be linked to an item: the newest of the school (everyone may see an output). */
export function linkableOutputs() {
  return prisma.output.findMany({ orderBy: [{ date: "desc" }, { id: "asc" }], take: 100, select: { id: true, title: true } });
}

/** The accounts of the 工号 typed into the "named people" field; any unknown one is refused there, by name. */
export async function accountsByUsername(usernames: readonly string[]) {
  if (!usernames.length) return [];
  const found = await prisma.user.findMany({ where: { username: { in: [...usernames] } }, select: { id: true, username: true } });
  const known = new Set(found.map((u) => u.username));
  const unknown = usernames.filter((u) => !known.has(u));
  if (unknown.length) throw new UserError("meetings.pages.errors.unknownPeople", { names: unknown.join("、") }, { status: 400, field: "people" });
  return found.map((u) => u.id);
}

/** How many were invited to and attended each of the given meetings. */
export async function meetingCounts(meetingIds: string[]) {
  const [invited, present] = await Promise.all([
    prisma.meetingInvitation.groupBy({ by: ["meetingId"], where: { meetingId: { in: meetingIds } }, _count: { _all: true } }),
    prisma.meetingAttendance.groupBy({ by: ["meetingId"], where: { meetingId: { in: meetingIds } }, _count: { _all: true } }),
  ]);
  const count = (rows: typeof invited) => new Map(rows.map((r) => [r.meetingId, r._count._all]));
  const [invitedBy, presentBy] = [count(invited), count(present)];
  return Object.fromEntries(meetingIds.map((id) => [id, { invited: invitedBy.get(id) ?? 0, present: presentBy.get(id) ?? 0 }]));
}

/** Where a proposal may be taken: the segments of the series' next open meetings. */
export function openMeetingSlots(seriesId: string, now = new Date()) {
  return prisma.meeting.findMany({
    where: { seriesId, status: { in: ["SCHEDULED", "IN_PROGRESS"] }, endsAt: { gte: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 6,
    select: { id: true, startsAt: true, segments: { orderBy: { position: "asc" }, select: { id: true, name: true } } },
  });
}

/** The names behind a series' audience (colleges, studios and people are stored as ids). */
export async function audienceNames(targets: ReadonlyArray<{ collegeId: string | null; studioId: string | null; userId: string | null }>) {
  const ids = (key: "collegeId" | "studioId" | "userId") => targets.flatMap((target) => (target[key] ? [target[key]] : []));
  const [colleges, studios, people] = await Promise.all([
    prisma.college.findMany({ where: { id: { in: ids("collegeId") } }, select: { id: true, name: true } }),
    prisma.studio.findMany({ where: { id: { in: ids("studioId") } }, select: { id: true, name: true } }),
    prisma.user.findMany({ where: { id: { in: ids("userId") } }, select: { id: true, name: true } }),
  ]);
  return Object.fromEntries([...colleges, ...studios, ...people].map((row) => [row.id, row.name]));
}

/** A series as its form shows it (the fields as posted: text, the audience as checkbox values, named people as 工号). */
export async function seriesFormValues(series: {
  title: string;
  description: string;
  place: string;
  weekOfMonth: number;
  weekday: number;
  startTime: string;
  durationMinutes: number;
  targets: ReadonlyArray<{ kind: string; stage: string | null; group: string | null; collegeId: string | null; studioId: string | null; userId: string | null }>;
}) {
  const of = (key: "stage" | "group" | "collegeId" | "studioId") => series.targets.flatMap((target) => (target[key] ? [target[key]] : []));
  const named = await prisma.user.findMany({
    where: { id: { in: series.targets.flatMap((target) => (target.userId ? [target.userId] : [])) } },
    orderBy: { username: "asc" },
    select: { username: true },
  });
  return {
    title: series.title,
    description: series.description,
    place: series.place,
    weekOfMonth: String(series.weekOfMonth),
    weekday: String(series.weekday),
    startTime: series.startTime,
    durationMinutes: String(series.durationMinutes),
    stages: of("stage"),
    groups: of("group"),
    colleges: of("collegeId"),
    studios: of("studioId"),
    people: named.map((person) => person.username).join(" "),
  };
}
