import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { memoizeWhileReading } from "~/lib/request-scope.server.ts";
import type { Actor } from "~/policy/index.ts";
import type {
  CampAttemptResource,
  CampEntryResource,
  CampResource,
  CampResultResource,
  IdentificationStudentResource,
} from "~/policy/camp.ts";

/**
 * The loaders of what the camp rules decide about (app/policy/camp.ts), memoised while a request
 * only reads. Pages and actions load the resource here, authorise with it, then call the services.
 * Each `find…` returns null when there is no such thing; `load…` turns that into a 404 for pages
 * and actions.
 */

/** A camp and the viewer's relation to it. */
export function findCampAccess(actor: Pick<Actor, "id">, campId: string, db: Db = prisma): Promise<CampResource | null> {
  return memoizeWhileReading(`camp:${campId}:${actor.id}`, async () => {
    const camp = await db.camp.findUnique({
      where: { id: campId },
      select: {
        id: true,
        status: true,
        organisers: { where: { userId: actor.id }, select: { userId: true } },
        participants: { where: { userId: actor.id }, select: { userId: true } },
        judges: { where: { userId: actor.id }, select: { id: true } },
      },
    });
    if (!camp) return null;
    // A handful of colleges: distinct over the (campId, collegeId) index.
    const colleges = await db.campParticipant.findMany({
      where: { campId, collegeId: { not: null } },
      distinct: ["collegeId"],
      select: { collegeId: true },
      orderBy: { collegeId: "asc" },
    });
    return {
      campId: camp.id,
      status: camp.status,
      viewerOrganises: camp.organisers.length > 0,
      viewerParticipates: camp.participants.length > 0,
      viewerJudges: camp.judges.length > 0,
      participantCollegeIds: colleges.map((c) => c.collegeId!),
    };
  });
}

/** A camp and the viewer's relation to it for a page or an action: 404 when there is no such camp. */
export async function loadCampAccess(actor: Pick<Actor, "id">, campId: string | undefined): Promise<CampResource> {
  const resource = campId ? await findCampAccess(actor, campId) : null;
  if (!resource) throw new Response("Not Found", { status: 404 });
  return resource;
}

/** One participant's results in a camp: null when they do not take part. */
export async function findResultAccess(actor: Pick<Actor, "id">, campId: string, userId: string, db: Db = prisma): Promise<CampResultResource | null> {
  const participant = await db.campParticipant.findUnique({ where: { campId_userId: { campId, userId } }, select: { userId: true } });
  const camp = participant && (await findCampAccess(actor, campId, db));
  return camp ? { camp, userId } : null;
}

/** A timed attempt: ended when submitted or past its server-kept deadline. */
export async function findAttemptAccess(actor: Pick<Actor, "id">, attemptId: string, now = new Date(), db: Db = prisma): Promise<CampAttemptResource | null> {
  const attempt = await db.campAttempt.findUnique({ where: { id: attemptId }, select: { campId: true, userId: true, submittedAt: true, deadline: true } });
  const camp = attempt && (await findCampAccess(actor, attempt.campId, db));
  if (!attempt || !camp) return null;
  return { camp, userId: attempt.userId, ended: attempt.submittedAt !== null || attempt.deadline <= now };
}

/** A contestant's entry in a judged round, with whether one of its score sheets is the viewer's. */
export async function findEntryAccess(actor: Pick<Actor, "id">, entryId: string, db: Db = prisma): Promise<CampEntryResource | null> {
  const entry = await db.campRoundEntry.findUnique({
    where: { id: entryId },
    select: {
      campId: true,
      userId: true,
      topicId: true,
      participant: { select: { collegeId: true } },
      assignments: { where: { judge: { userId: actor.id } }, select: { id: true } },
    },
  });
  const camp = entry && (await findCampAccess(actor, entry.campId, db));
  if (!entry || !camp) return null;
  return { camp, userId: entry.userId, collegeId: entry.participant.collegeId, viewerAssigned: entry.assignments.length > 0, drawn: entry.topicId !== null };
}

/** A student of 人物辨识, with whether the viewer has them drawn into a running attempt of their own. */
export async function findStudentAccess(actor: Pick<Actor, "id">, studentId: string, now = new Date(), db: Db = prisma): Promise<IdentificationStudentResource | null> {
  const student = await db.identificationStudent.findUnique({
    where: { id: studentId },
    select: {
      campId: true,
      participant: { select: { collegeId: true } },
      items: { where: { attempt: { userId: actor.id, submittedAt: null, deadline: { gt: now } } }, select: { position: true }, take: 1 },
    },
  });
  const camp = student && (await findCampAccess(actor, student.campId, db));
  if (!student || !camp) return null;
  return { camp, collegeId: student.participant.collegeId, viewerDrawnInOpenAttempt: student.items.length > 0 };
}
