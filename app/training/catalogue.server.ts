import crypto from "node:crypto";
import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CareerStage, Duty, TargetGroup, TrainingCourseStatus, TrainingLevel } from "~/generated/prisma/enums.ts";
import { formatDateTime } from "~/lib/format.ts";
import { UserError } from "~/lib/user-error.ts";
import { claimVersion, edited } from "~/lib/versioned.server.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import { lockCourse, promoteWaitlisted } from "./seats.server.ts";
import { checkBudget, checkOrganiser } from "./organisers.server.ts";
import type { CourseInput, SessionInput } from "./schemas.ts";

/**
 * The catalogue (培训项目): courses with their organiser, targets and sessions. Every change to a
 * course locks its row first (`lockCourse`), the same lock enrolment takes, so capacity, sessions
 * and seats are always checked against what is really there.
 */

async function checkPlatform(db: Db, platformId: string) {
  if (!(await db.trainingPlatform.findUnique({ where: { id: platformId }, select: { id: true } }))) {
    throw new UserError("training.errors.badChoice", {}, { status: 400 });
  }
}

const courseData = (input: CourseInput) => ({
  title: input.title,
  description: input.description,
  platformId: input.platformId,
  level: input.level,
  collegeId: input.level === "COLLEGE" ? (input.collegeId ?? null) : null,
  jointGroupId: input.level === "COLLEGE" ? (input.jointGroupId ?? null) : null,
  duties: [...new Set(input.duties)],
  speaker: input.speaker,
  speakerKind: input.speakerKind,
  capacity: input.capacity ?? null,
  enrolOpensAt: input.enrolOpensAt ?? null,
  enrolClosesAt: input.enrolClosesAt ?? null,
  costYuan: input.costYuan,
  year: input.year,
});

const targetRows = (input: CourseInput) => {
  const seen = new Set<string>();
  return input.targets.filter((t) => {
    const key = `${t.stage ?? ""}|${t.group ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map((t) => ({ stage: t.stage ?? null, group: t.group ?? null, kind: t.kind }));
};

/** A new course, as a draft (publish it once it has sessions). Authorise "training:organise" on its organiser first. */
export async function createCourse(input: CourseInput, actorId: string, { tx }: { tx?: Db } = {}): Promise<string> {
  const work = async (db: Db) => {
    await checkPlatform(db, input.platformId);
    await checkOrganiser(input, db);
    await checkBudget(db, input, input.year, input.costYuan);
    const course = await db.trainingCourse.create({
      data: { ...courseData(input), hours: 0, status: "DRAFT", createdById: actorId, targets: { create: targetRows(input) } },
      select: { id: true },
    });
    await recordAudit(db, { actorId, action: "training.course-create", entityType: "TrainingCourse", entityId: course.id, data: { title: input.title } });
    return course.id;
  };
  return tx ? work(tx) : prisma.$transaction(work);
}

/**
 * Changes a course. The capacity may not fall below the people already enrolled; a larger one
 * gives waitlisted people their seats at once (first come, first served) and tells them. A form
 * made against an older version of the course (`version`) is refused with the fields that differ
 * (decision 095).
 */
export async function updateCourse(courseId: string, input: CourseInput, actorId: string): Promise<void> {
  const deliver = await prisma.$transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status === "CANCELLED") throw new UserError("training.errors.courseCancelled");
    await checkPlatform(tx, input.platformId);
    const data = courseData(input);
    const platformName = async (id: string) => (await tx.trainingPlatform.findUnique({ where: { id }, select: { nameZh: true } }))?.nameZh ?? "";
    await claimVersion(input.version, {
      claim: (updatedAt) => tx.trainingCourse.updateMany({ where: { id: courseId, updatedAt }, data: { updatedAt: new Date() } }),
      current: async () => {
        const row = await tx.trainingCourse.findUnique({ where: { id: courseId } });
        return row && { ...row, platform: await platformName(row.platformId) };
      },
      fields: {
        title: edited("training.course.formTitle", data.title),
        description: edited("training.course.formDescription", data.description),
        platform: edited("training.course.formPlatform", await platformName(data.platformId)),
        level: edited("training.course.formLevel", data.level, (level) => ({ key: `trainingLevel.${level}` })),
        duties: edited("training.course.formDuties", data.duties, (list) => list.map((duty) => ({ key: `duty.${duty}` }))),
        speaker: edited("training.course.formSpeaker", data.speaker),
        speakerKind: edited("training.course.formSpeakerKind", data.speakerKind, (kind) => ({ key: `speakerKind.${kind}` })),
        capacity: edited("training.course.formCapacity", data.capacity),
        costYuan: edited("training.course.formCost", data.costYuan),
        enrolOpensAt: edited("training.course.formOpens", data.enrolOpensAt),
        enrolClosesAt: edited("training.course.formCloses", data.enrolClosesAt),
        year: edited("training.course.formYear", data.year),
      },
    });
    const organiserChanged = course.level !== input.level || course.collegeId !== (input.collegeId ?? null) || course.jointGroupId !== (input.jointGroupId ?? null);
    if (organiserChanged) await checkOrganiser(input, tx);
    await checkBudget(tx, input, input.year, input.costYuan, courseId);
    const enrolled = await tx.trainingEnrolment.count({ where: { courseId, status: "ENROLLED" } });
    if (input.capacity != null && input.capacity < enrolled) {
      throw new UserError("training.errors.capacityBelowEnrolled", { enrolled }, { status: 400, details: { field: "capacity" } });
    }
    await tx.trainingCourse.update({ where: { id: courseId }, data });
    await tx.trainingCourseTarget.deleteMany({ where: { courseId } });
    await tx.trainingCourseTarget.createMany({ data: targetRows(input).map((t) => ({ ...t, courseId })) });
    await recordAudit(tx, { actorId, action: "training.course-update", entityType: "TrainingCourse", entityId: courseId, data: { title: input.title } });
    return course.status === "PUBLISHED" ? promoteWaitlisted(tx, courseId, input.capacity ?? null, input.title) : () => {};
  });
  deliver();
}

export async function publishCourse(courseId: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status === "CANCELLED") throw new UserError("training.errors.courseCancelled");
    if (!(await tx.trainingSession.count({ where: { courseId } }))) throw new UserError("training.errors.courseHasNoSessions");
    await tx.trainingCourse.update({ where: { id: courseId }, data: { status: "PUBLISHED" } });
    await recordAudit(tx, { actorId, action: "training.course-publish", entityType: "TrainingCourse", entityId: courseId });
  });
}

/** Cancels a course: its cost no longer counts against the budget, and everyone enrolled or waiting is told. */
export async function cancelCourse(courseId: string, actor: Pick<SessionUser, "id">): Promise<void> {
  const deliver = await prisma.$transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status === "CANCELLED") throw new UserError("training.errors.courseCancelled");
    await tx.trainingCourse.update({ where: { id: courseId }, data: { status: "CANCELLED" } });
    await recordAudit(tx, { actorId: actor.id, action: "training.course-cancel", entityType: "TrainingCourse", entityId: courseId });
    const people = await tx.trainingEnrolment.findMany({ where: { courseId, status: { in: ["ENROLLED", "WAITLISTED"] } }, select: { userId: true }, orderBy: { userId: "asc" } });
    return createNotifications(tx, people.map((p) => ({ userId: p.userId, type: "training.notices.courseCancelled", data: { course: course.title }, link: `/training/courses/${courseId}` })));
  });
  deliver();
}

// ───────────────────────────── Sessions ─────────────────────────────

/** Refuses a session that overlaps another of the same course (the course row is locked by the caller). */
async function checkNoOverlap(tx: Db, courseId: string, input: SessionInput, exceptSessionId?: string) {
  const clash = await tx.trainingSession.findFirst({
    where: { courseId, startsAt: { lt: input.endsAt }, endsAt: { gt: input.startsAt }, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    orderBy: { startsAt: "asc" },
    select: { startsAt: true },
  });
  if (clash) throw new UserError("training.errors.sessionsOverlap", { start: formatDateTime(clash.startsAt, "zh-CN") }, { status: 400, details: { field: "startsAt" } });
}

/** The course's hours are the sum of its sessions' shares. */
async function refreshCourseHours(tx: Db, courseId: string) {
  const sum = await tx.trainingSession.aggregate({ where: { courseId }, _sum: { hours: true } });
  await tx.trainingCourse.update({ where: { id: courseId }, data: { hours: sum._sum.hours ?? 0 } });
}

const sessionData = (input: SessionInput) => ({
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  place: input.place,
  onlineUrl: input.onlineUrl ?? null,
  hours: input.hours,
});

export async function addSession(courseId: string, input: SessionInput, actorId: string, { tx }: { tx?: Db } = {}): Promise<string> {
  const work = async (db: Db) => {
    const course = await lockCourse(db, courseId);
    if (course.status === "CANCELLED") throw new UserError("training.errors.courseCancelled");
    await checkNoOverlap(db, courseId, input);
    const session = await db.trainingSession.create({
      data: { courseId, ...sessionData(input), checkInSecret: crypto.randomBytes(32).toString("base64url") },
      select: { id: true },
    });
    await refreshCourseHours(db, courseId);
    await recordAudit(db, { actorId, action: "training.session-add", entityType: "TrainingSession", entityId: session.id, data: { courseId } });
    return session.id;
  };
  return tx ? work(tx) : prisma.$transaction(work);
}

/**
 * Moves or changes a session (time, place, online link, hours) with the rules of adding one (no
 * overlap, end after start); once people have checked in, it stays as it was. Everyone enrolled
 * or waiting is told where and when it now is.
 */
export async function updateSession(sessionId: string, input: SessionInput, actorId: string): Promise<void> {
  const deliver = await prisma.$transaction(async (tx) => {
    const { courseId } = await tx.trainingSession.findUniqueOrThrow({ where: { id: sessionId }, select: { courseId: true } });
    const course = await lockCourse(tx, courseId);
    if (course.status === "CANCELLED") throw new UserError("training.errors.courseCancelled");
    if (await tx.trainingAttendance.count({ where: { sessionId } })) throw new UserError("training.errors.sessionHasAttendance");
    await checkNoOverlap(tx, courseId, input, sessionId);
    await tx.trainingSession.update({ where: { id: sessionId }, data: sessionData(input) });
    await refreshCourseHours(tx, courseId);
    await recordAudit(tx, { actorId, action: "training.session-update", entityType: "TrainingSession", entityId: sessionId, data: { courseId } });
    const people = await tx.trainingEnrolment.findMany({ where: { courseId, status: { in: ["ENROLLED", "WAITLISTED"] } }, select: { userId: true }, orderBy: { userId: "asc" } });
    const data = { course: course.title, time: formatDateTime(input.startsAt, "zh-CN"), place: input.place || input.onlineUrl || "" };
    return createNotifications(tx, people.map((p) => ({ userId: p.userId, type: "training.more.sessionMoved", data, link: `/training/courses/${courseId}` })));
  });
  deliver();
}

export async function removeSession(sessionId: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { courseId } = await tx.trainingSession.findUniqueOrThrow({ where: { id: sessionId }, select: { courseId: true } });
    await lockCourse(tx, courseId);
    if (await tx.trainingAttendance.count({ where: { sessionId } })) throw new UserError("training.errors.sessionHasAttendance");
    await tx.trainingSession.delete({ where: { id: sessionId } });
    await refreshCourseHours(tx, courseId);
    await recordAudit(tx, { actorId, action: "training.session-remove", entityType: "TrainingSession", entityId: sessionId, data: { courseId } });
  });
}

// ───────────────────────────── Reading the catalogue ─────────────────────────────

export const CATALOGUE_PAGE_SIZE = 20;

export interface CatalogueFilters {
  q?: string;
  year?: number;
  platformId?: string;
  level?: TrainingLevel;
  status?: TrainingCourseStatus;
  collegeId?: string;
  /** Courses aimed at this career stage or group (as required or elective), or serving this duty. */
  stage?: CareerStage;
  group?: TargetGroup;
  duty?: Duty;
}

const courseListSelect = {
  id: true,
  title: true,
  level: true,
  status: true,
  year: true,
  hours: true,
  capacity: true,
  costYuan: true,
  duties: true,
  speaker: true,
  speakerKind: true,
  enrolOpensAt: true,
  enrolClosesAt: true,
  platform: { select: { id: true, code: true, nameZh: true, nameEn: true } },
  college: { select: { id: true, name: true } },
  jointGroup: { select: { id: true, name: true } },
  sessions: { select: { startsAt: true, endsAt: true }, orderBy: { startsAt: "asc" } },
  targets: { select: { stage: true, group: true, kind: true } },
} satisfies Prisma.TrainingCourseSelect;

/** The catalogue as the actor may see it (list scope "training-course:view"), filtered and paginated. */
export async function listCatalogue(actor: Actor, filters: CatalogueFilters = {}, page = 1, db: Db = prisma) {
  const where: Prisma.TrainingCourseWhereInput = {
    AND: [
      whereCan(actor, "training-course:view"),
      {
        ...(filters.q ? { title: { contains: filters.q, mode: "insensitive" as const } } : {}),
        ...(filters.year ? { year: filters.year } : {}),
        ...(filters.platformId ? { platformId: filters.platformId } : {}),
        ...(filters.level ? { level: filters.level } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.collegeId ? { collegeId: filters.collegeId } : {}),
        ...(filters.duty ? { duties: { has: filters.duty } } : {}),
      },
      filters.stage ? { targets: { some: { stage: filters.stage } } } : {},
      filters.group ? { targets: { some: { group: filters.group } } } : {},
    ],
  };
  const [total, courses] = await Promise.all([
    db.trainingCourse.count({ where }),
    db.trainingCourse.findMany({ where, orderBy: [{ year: "desc" }, { createdAt: "desc" }, { id: "asc" }], skip: (page - 1) * CATALOGUE_PAGE_SIZE, take: CATALOGUE_PAGE_SIZE, select: courseListSelect }),
  ]);
  const counts = await seatCounts(courses.map((c) => c.id), db);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE)),
    courses: courses.map((c) => ({ ...c, hours: Number(c.hours), costYuan: Number(c.costYuan), ...(counts.get(c.id) ?? { enrolled: 0, waitlisted: 0 }) })),
  };
}

/** Enrolled and waitlisted people per course. */
export async function seatCounts(courseIds: string[], db: Db = prisma) {
  const rows = courseIds.length
    ? await db.trainingEnrolment.groupBy({ by: ["courseId", "status"], where: { courseId: { in: courseIds }, status: { in: ["ENROLLED", "WAITLISTED"] } }, _count: { _all: true } })
    : [];
  const counts = new Map<string, { enrolled: number; waitlisted: number }>();
  for (const row of rows) {
    const entry = counts.get(row.courseId) ?? { enrolled: 0, waitlisted: 0 };
    if (row.status === "ENROLLED") entry.enrolled = row._count._all;
    else entry.waitlisted = row._count._all;
    counts.set(row.courseId, entry);
  }
  return counts;
}

/** One course for its page (authorise "training-course:view" first): sessions, targets, seats, the viewer's enrolment and check-ins. */
export async function courseDetail(courseId: string, viewerId: string, db: Db = prisma) {
  const course = await db.trainingCourse.findUnique({
    where: { id: courseId },
    select: {
      ...courseListSelect,
      description: true,
      createdAt: true,
      updatedAt: true,
      sessions: {
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          place: true,
          onlineUrl: true,
          hours: true,
          checkInOpenedAt: true,
          checkInClosedAt: true,
          attendances: { where: { userId: viewerId }, select: { createdAt: true, method: true } },
        },
      },
      enrolments: { where: { userId: viewerId }, select: { status: true, source: true, queuedAt: true } },
    },
  });
  if (!course) throw new Response("Not Found", { status: 404 });
  const counts = (await seatCounts([courseId], db)).get(courseId) ?? { enrolled: 0, waitlisted: 0 };
  const { enrolments, sessions, ...rest } = course;
  let waitlistPosition: number | null = null;
  if (enrolments[0]?.status === "WAITLISTED") {
    waitlistPosition = 1 + (await db.trainingEnrolment.count({ where: { courseId, status: "WAITLISTED", queuedAt: { lt: enrolments[0].queuedAt } } }));
  }
  return {
    ...rest,
    hours: Number(rest.hours),
    costYuan: Number(rest.costYuan),
    ...counts,
    viewerEnrolment: enrolments[0] ? { status: enrolments[0].status, source: enrolments[0].source, waitlistPosition } : null,
    sessions: sessions.map(({ attendances, ...s }) => ({ ...s, hours: Number(s.hours), viewerAttendance: attendances[0] ?? null, checkInOpen: isCheckInOpen(s) })),
  };
}

/** A session's check-in is open between the organiser opening and closing it. */
export function isCheckInOpen(session: { checkInOpenedAt: Date | null; checkInClosedAt: Date | null }): boolean {
  return session.checkInOpenedAt !== null && session.checkInClosedAt === null;
}

/** People per page on a course's roster and on a session's check-in roster. */
export const ROSTER_PAGE_SIZE = 50;

/**
 * The organiser's roster (authorise "training-course:manage"), a page at a time: everyone enrolled
 * (then waiting, in order), and how many of the course's sessions each of them attended.
 */
export async function courseRoster(courseId: string, page = 1, db: Db = prisma) {
  const where = { courseId, status: { in: ["ENROLLED" as const, "WAITLISTED" as const] } };
  const [total, enrolments, sessions] = await Promise.all([
    db.trainingEnrolment.count({ where }),
    db.trainingEnrolment.findMany({
      where,
      orderBy: [{ status: "asc" }, { queuedAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * ROSTER_PAGE_SIZE,
      take: ROSTER_PAGE_SIZE,
      select: { id: true, status: true, source: true, queuedAt: true, user: { select: { id: true, name: true, username: true, college: { select: { name: true } } } } },
    }),
    db.trainingSession.count({ where: { courseId } }),
  ]);
  const attended = enrolments.length
    ? await db.trainingAttendance.groupBy({ by: ["userId"], where: { session: { courseId }, userId: { in: enrolments.map((e) => e.user.id) } }, _count: { _all: true } })
    : [];
  const attendedBy = new Map(attended.map((a) => [a.userId, a._count._all]));
  return {
    total,
    pages: Math.max(1, Math.ceil(total / ROSTER_PAGE_SIZE)),
    sessions,
    enrolments: enrolments.map((e) => ({ ...e, attended: attendedBy.get(e.user.id) ?? 0 })),
  };
}
