import type { Db } from "~/db/client.server.ts";
import { createNotifications } from "~/notifications/notify.server.ts";

/**
 * Seats: the course row lock every change of a course or its enrolments takes first, and the
 * waitlist promotion that follows a freed or added seat.
 */

/** Takes the course's row lock for the rest of the transaction (SELECT … FOR UPDATE); 404 when it does not exist. */
export async function lockCourse(tx: Db, courseId: string) {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "TrainingCourse" WHERE "id" = ${courseId} FOR UPDATE`;
  if (!rows.length) throw new Response("Not Found", { status: 404 });
  return tx.trainingCourse.findUniqueOrThrow({
    where: { id: courseId },
    select: { id: true, title: true, status: true, capacity: true, level: true, collegeId: true, jointGroupId: true, year: true, costYuan: true, enrolOpensAt: true, enrolClosesAt: true },
  });
}

/** Many requests may wait for one course's lock at once: wait for a connection and the lock rather than fail. */
export const SEAT_TRANSACTION = { maxWait: 60_000, timeout: 60_000 } as const;

/** Where a notice about a course leads. */
export const courseLink = (courseId: string) => `/training/courses/${courseId}`;

/** Gives free seats to the first people waiting; returns what tells them (call after the commit). */
export async function promoteWaitlisted(tx: Db, courseId: string, capacity: number | null, title: string): Promise<() => void> {
  const enrolled = await tx.trainingEnrolment.count({ where: { courseId, status: "ENROLLED" } });
  const free = capacity === null ? Number.MAX_SAFE_INTEGER : capacity - enrolled;
  if (free <= 0) return () => {};
  const waiting = await tx.trainingEnrolment.findMany({
    where: { courseId, status: "WAITLISTED" },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    take: Math.min(free, 10_000),
    select: { id: true, userId: true },
  });
  if (!waiting.length) return () => {};
  await tx.trainingEnrolment.updateMany({ where: { id: { in: waiting.map((w) => w.id) } }, data: { status: "ENROLLED" } });
  return createNotifications(tx, waiting.map((w) => ({ userId: w.userId, type: "training.notices.waitlistPromoted", data: { course: title }, link: courseLink(courseId) })));
}

