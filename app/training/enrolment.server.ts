import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { TrainingEnrolmentStatus } from "~/generated/prisma/enums.ts";
import { formatDateTime } from "~/lib/format.ts";
import { UserError } from "~/lib/user-error.ts";
import { createNotifications, type NewNotification } from "~/notifications/notify.server.ts";
import { deriveCareerStage } from "~/people/career-stage.ts";
import { whoMay, type SchoolScope } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { courseLink as link, lockCourse, promoteWaitlisted, SEAT_TRANSACTION } from "./seats.server.ts";
import type { Cohort } from "./schemas.ts";

/**
 * Enrolment (报名), the waitlist (候补) and cohort assignment. Capacity holds under any number of
 * simultaneous requests because every change takes the course's row lock first (SELECT … FOR
 * UPDATE, `lockCourse`): the seat count a request reads is the one it writes against. A freed seat
 * goes to the first person waiting (FIFO by queuedAt), who is told.
 */

/**
 * Self-enrolment within the window (authorise "training-course:enrol" first): a seat while there is
 * one, otherwise a place on the waitlist. Someone who withdrew may enrol again, at the back.
 */
export async function enrol(courseId: string, actor: Pick<SessionUser, "id">, now = new Date()): Promise<{ status: TrainingEnrolmentStatus }> {
  return prisma.$transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status !== "PUBLISHED") throw new UserError("training.errors.notPublished");
    if (course.enrolOpensAt && now < course.enrolOpensAt) throw new UserError("training.errors.enrolNotOpen", { opens: formatDateTime(course.enrolOpensAt, "zh-CN") });
    if (course.enrolClosesAt && now > course.enrolClosesAt) throw new UserError("training.errors.enrolClosed");
    const existing = await tx.trainingEnrolment.findUnique({ where: { courseId_userId: { courseId, userId: actor.id } }, select: { id: true, status: true } });
    if (existing?.status === "ENROLLED") throw new UserError("training.errors.alreadyEnrolled");
    if (existing?.status === "WAITLISTED") throw new UserError("training.errors.alreadyWaitlisted");
    const enrolled = await tx.trainingEnrolment.count({ where: { courseId, status: "ENROLLED" } });
    const status: TrainingEnrolmentStatus = course.capacity === null || enrolled < course.capacity ? "ENROLLED" : "WAITLISTED";
    // The queue is the order in which requests got the lock: the order the seats were decided in.
    const queuedAt = new Date();
    if (existing) {
      await tx.trainingEnrolment.update({ where: { id: existing.id }, data: { status, source: "SELF", queuedAt, assignedById: null } });
    } else {
      await tx.trainingEnrolment.create({ data: { courseId, userId: actor.id, status, source: "SELF", queuedAt } });
    }
    return { status };
  }, SEAT_TRANSACTION);
}

/** Withdrawing (authorise "training-course:withdraw"): a freed seat goes to the first person waiting. */
export async function withdraw(courseId: string, actor: Pick<SessionUser, "id">): Promise<{ promoted: number }> {
  let promoted = 0;
  const deliver = await prisma.$transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    const existing = await tx.trainingEnrolment.findUnique({ where: { courseId_userId: { courseId, userId: actor.id } }, select: { id: true, status: true } });
    if (!existing || existing.status === "WITHDRAWN") throw new UserError("training.errors.notEnrolled");
    await tx.trainingEnrolment.update({ where: { id: existing.id }, data: { status: "WITHDRAWN" } });
    if (existing.status !== "ENROLLED" || course.status !== "PUBLISHED") return () => {};
    const before = await tx.trainingEnrolment.count({ where: { courseId, status: "ENROLLED" } });
    const deliverPromotions = await promoteWaitlisted(tx, courseId, course.capacity, course.title);
    promoted = (await tx.trainingEnrolment.count({ where: { courseId, status: "ENROLLED" } })) - before;
    return deliverPromotions;
  }, SEAT_TRANSACTION);
  deliver();
  return { promoted };
}

/**
 * The people of a cohort, within the assigner's own slice of the school: counselors the programme
 * counts, active. Meetings resolve their audience with it too (app/meetings/invitations.server.ts).
 */
export async function cohortPeople(cohort: Cohort, scope: SchoolScope, db: Db): Promise<string[]> {
  const inScope: Prisma.UserWhereInput = scope.kind === "college" ? { collegeId: scope.collegeId } : {};
  const base: Prisma.UserWhereInput = { AND: [whoMay("training:view-menu"), { active: true }, inScope] };
  const where = (extra: Prisma.UserWhereInput): Prisma.UserWhereInput => ({ AND: [base, extra] });
  switch (cohort.kind) {
    case "college":
      return ids(await db.user.findMany({ where: where({ collegeId: cohort.collegeId }), select: { id: true }, orderBy: { id: "asc" } }));
    case "group":
      return ids(await db.user.findMany({ where: where({ profile: { groups: { has: cohort.group } } }), select: { id: true }, orderBy: { id: "asc" } }));
    case "studio":
      return ids(await db.user.findMany({ where: where({ memberships: { some: { studioId: cohort.studioId } } }), select: { id: true }, orderBy: { id: "asc" } }));
    case "stage": {
      const { stageThresholds } = await getSchoolSettings();
      const now = new Date();
      const people = await db.user.findMany({ where: base, select: { id: true, profile: { select: { counselorSince: true, title: true } } }, orderBy: { id: "asc" } });
      return people.filter((p) => deriveCareerStage(p.profile ?? { counselorSince: null, title: "NONE" }, now, stageThresholds).stage === cohort.stage).map((p) => p.id);
    }
  }
}
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

/**
 * Assigns a whole cohort (a stage, a group, a college, a studio) in one transaction
 * (authorise "training-course:assign"; `scope` is the assigner's own, so a college admin assigns
 * only their college's people). Seats first, then the waitlist; people already enrolled or waiting
 * keep their place. Reports how many were enrolled, waitlisted and already in.
 */
export async function assignCohort(courseId: string, cohort: Cohort, scope: SchoolScope, actor: Pick<SessionUser, "id">) {
  const result = { enrolled: 0, waitlisted: 0, alreadyIn: 0 };
  const deliver = await prisma.$transaction(async (tx) => {
    const course = await lockCourse(tx, courseId);
    if (course.status !== "PUBLISHED") throw new UserError("training.errors.notPublished");
    const people = await cohortPeople(cohort, scope, tx);
    const existing = new Map(
      (await tx.trainingEnrolment.findMany({ where: { courseId, userId: { in: people } }, select: { id: true, userId: true, status: true } })).map((e) => [e.userId, e]),
    );
    let seats = course.capacity === null ? Number.MAX_SAFE_INTEGER : course.capacity - (await tx.trainingEnrolment.count({ where: { courseId, status: "ENROLLED" } }));
    const now = new Date();
    const notices: NewNotification[] = [];
    const fresh: Prisma.TrainingEnrolmentCreateManyInput[] = [];
    const returning: Record<"ENROLLED" | "WAITLISTED", string[]> = { ENROLLED: [], WAITLISTED: [] };
    for (const userId of people) {
      const before = existing.get(userId);
      if (before && before.status !== "WITHDRAWN") {
        result.alreadyIn += 1;
        continue;
      }
      const status = seats > 0 ? "ENROLLED" : "WAITLISTED";
      if (status === "ENROLLED") seats -= 1;
      result[status === "ENROLLED" ? "enrolled" : "waitlisted"] += 1;
      if (before) returning[status].push(before.id);
      else fresh.push({ courseId, userId, status, source: "ASSIGNED", assignedById: actor.id, queuedAt: now });
      notices.push({ userId, type: status === "ENROLLED" ? "training.notices.assigned" : "training.notices.assignedWaitlisted", data: { course: course.title }, link: link(courseId) });
    }
    await tx.trainingEnrolment.createMany({ data: fresh });
    for (const status of ["ENROLLED", "WAITLISTED"] as const) {
      if (returning[status].length) {
        await tx.trainingEnrolment.updateMany({ where: { id: { in: returning[status] } }, data: { status, source: "ASSIGNED", assignedById: actor.id, queuedAt: now } });
      }
    }
    await recordAudit(tx, { actorId: actor.id, action: "training.cohort-assign", entityType: "TrainingCourse", entityId: courseId, data: { cohort, ...result } });
    return createNotifications(tx, notices);
  }, SEAT_TRANSACTION);
  deliver();
  return result;
}
