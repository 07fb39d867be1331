import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { memoizeWhileReading } from "~/lib/request-scope.server.ts";
import type { Actor } from "~/policy/index.ts";
import type {
  ExternalTrainingResource,
  TrainingCourseResource,
  TrainingOrganiserResource,
  TrainingPersonResource,
} from "~/policy/training.ts";

/**
 * The loaders of what the training rules decide about (app/policy/training.ts), one query each,
 * memoised while a request only reads (as the studio relation is). Pages and actions load the
 * resource here, authorise with it, then call the services.
 */

/** The organiser of a course-to-be: the school, a college, or a joint group (with its colleges). */
export async function organiserResource(
  organiser: { level: "SCHOOL" | "COLLEGE"; collegeId?: string | null; jointGroupId?: string | null },
  db: Db = prisma,
): Promise<TrainingOrganiserResource> {
  const groupCollegeIds = organiser.jointGroupId
    ? (await db.jointTrainingGroupMember.findMany({ where: { groupId: organiser.jointGroupId }, select: { collegeId: true }, orderBy: { collegeId: "asc" } })).map((m) => m.collegeId)
    : [];
  return { level: organiser.level, collegeId: organiser.collegeId ?? null, groupCollegeIds };
}

const courseAccessSelect = (viewerId: string) =>
  ({
    id: true,
    title: true,
    status: true,
    level: true,
    collegeId: true,
    jointGroupId: true,
    jointGroup: { select: { members: { select: { collegeId: true }, orderBy: { collegeId: "asc" } } } },
    enrolments: { where: { userId: viewerId }, select: { status: true } },
  }) as const;

/** The course and the viewer's relation to it, or null when there is no such course. */
export function findCourseAccess(actor: Pick<Actor, "id">, courseId: string) {
  return memoizeWhileReading(`training-course:${courseId}:${actor.id}`, async () => {
    const course = await prisma.trainingCourse.findUnique({ where: { id: courseId }, select: courseAccessSelect(actor.id) });
    if (!course) return null;
    const resource: TrainingCourseResource = {
      courseId: course.id,
      status: course.status,
      level: course.level,
      collegeId: course.collegeId,
      groupCollegeIds: course.jointGroup?.members.map((m) => m.collegeId) ?? [],
      viewerEnrolment: course.enrolments[0]?.status ?? null,
    };
    return { course: { id: course.id, title: course.title }, resource };
  });
}

/** `findCourseAccess` for a page or action: 404 when there is no such course. */
export async function loadCourseAccess(actor: Pick<Actor, "id">, courseId: string | undefined) {
  const access = await findCourseAccess(actor, courseId ?? "");
  if (!access) throw new Response("Not Found", { status: 404 });
  return access;
}

/** The course of a session and the viewer's relation to it (check-in, attendance): 404 when missing. */
export async function loadSessionAccess(actor: Pick<Actor, "id">, sessionId: string | undefined) {
  const session = await prisma.trainingSession.findUnique({ where: { id: sessionId ?? "" }, select: { id: true, courseId: true } });
  if (!session) throw new Response("Not Found", { status: 404 });
  return { sessionId: session.id, ...(await loadCourseAccess(actor, session.courseId)) };
}

/** Someone's training record as the viewer sees it (plan, menu, progress, ledger): 404 for no such person. */
export function loadPersonAccess(actor: Pick<Actor, "id">, userId: string | undefined) {
  return memoizeWhileReading(`training-person:${userId}:${actor.id}`, async () => {
    const person = await prisma.user.findUnique({
      where: { id: userId ?? "" },
      select: {
        id: true,
        name: true,
        collegeId: true,
        memberships: { where: { studio: { memberships: { some: { userId: actor.id, role: "LEADER" } } } }, select: { studioId: true }, take: 1 },
      },
    });
    if (!person) throw new Response("Not Found", { status: 404 });
    const resource: TrainingPersonResource = { userId: person.id, collegeId: person.collegeId, viewerLeadsTheirStudio: person.memberships.length > 0 };
    return { person: { id: person.id, name: person.name }, resource };
  });
}

/** An external training record and whose it is: 404 when missing. */
export async function loadExternalRecordAccess(recordId: string | undefined) {
  const record = await prisma.externalTrainingRecord.findUnique({
    where: { id: recordId ?? "" },
    select: { id: true, status: true, userId: true, user: { select: { collegeId: true } } },
  });
  if (!record) throw new Response("Not Found", { status: 404 });
  const resource: ExternalTrainingResource = { userId: record.userId, collegeId: record.user.collegeId, status: record.status };
  return { record: { id: record.id }, resource };
}
