import { type Db, prisma, sqlRows } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { CampStatus, QuestionKind } from "~/generated/prisma/enums.ts";
import { signedInOf, signedInPersonSql, type SignedInRow } from "~/auth/session.server.ts";
import { memoizeWhileReading } from "~/lib/request-scope.server.ts";
import type { Actor } from "~/policy/index.ts";
import type { DrawnShape } from "./test/answers.ts";
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

/**
 * The columns of a camp's CampResource for one viewer, for a query over `"Camp" c`: one statement
 * instead of five, because the online test's save path asks for it with every answer.
 */
const campAccessColumns = (actorId: string | Prisma.Sql) => Prisma.sql`
  c.id AS "campId", c.status::text AS status,
  EXISTS (SELECT 1 FROM "CampOrganiser" o WHERE o."campId" = c.id AND o."userId" = ${actorId}) AS "viewerOrganises",
  EXISTS (SELECT 1 FROM "CampParticipant" p WHERE p."campId" = c.id AND p."userId" = ${actorId}) AS "viewerParticipates",
  EXISTS (SELECT 1 FROM "CampJudge" j WHERE j."campId" = c.id AND j."userId" = ${actorId}) AS "viewerJudges",
  -- A handful of colleges: distinct over the (campId, collegeId) index.
  ARRAY (SELECT DISTINCT p."collegeId" FROM "CampParticipant" p WHERE p."campId" = c.id AND p."collegeId" IS NOT NULL ORDER BY 1) AS "participantCollegeIds"`;

type CampAccessRow = Omit<CampResource, "status"> & { status: string };
const campResourceOf = (row: CampAccessRow): CampResource => ({
  campId: row.campId,
  status: row.status as CampStatus,
  viewerOrganises: row.viewerOrganises,
  viewerParticipates: row.viewerParticipates,
  viewerJudges: row.viewerJudges,
  participantCollegeIds: row.participantCollegeIds,
});

/** A camp and the viewer's relation to it. */
export function findCampAccess(actor: Pick<Actor, "id">, campId: string, db?: Db): Promise<CampResource | null> {
  return memoizeWhileReading(`camp:${campId}:${actor.id}`, async () => {
    const [row] = await sqlRows<CampAccessRow>(Prisma.sql`SELECT ${campAccessColumns(actor.id)} FROM "Camp" c WHERE c.id = ${campId}`, db);
    return row ? campResourceOf(row) : null;
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
export async function findAttemptAccess(actor: Pick<Actor, "id">, attemptId: string, now = new Date(), db?: Db): Promise<CampAttemptResource | null> {
  return (await findAttemptForAnswer(actor, attemptId, null, now, db))?.attempt ?? null;
}

/** What an answer must fit: the kind of the question at a position of the paper, its options shown and its blanks. */
export type PaperQuestionShape = DrawnShape;

/**
 * The attempt as the policy sees it and, for a position of its paper, the question's shape (null
 * when the paper has no such position): one statement, since the test's every save asks for both.
 */
export async function findAttemptForAnswer(
  actor: Pick<Actor, "id">,
  attemptId: string,
  position: number | null,
  now = new Date(),
  db?: Db,
): Promise<{ attempt: CampAttemptResource; question: PaperQuestionShape | null } | null> {
  const [row] = await sqlRows<AttemptRow>(Prisma.sql`
    SELECT ${campAccessColumns(actor.id)}, ${attemptColumns(now)}
      FROM "CampAttempt" a
      JOIN "Camp" c ON c.id = a."campId"
      ${questionJoin(position)}
     WHERE a.id = ${attemptId}`, db);
  return row ? attemptOf(row) : null;
}

/**
 * The save endpoint's context: the person of the session, and the attempt and question as
 * findAttemptForAnswer gives them; as a query the save can write from in the same statement
 * (app/camp/test/attempts.server.ts saveAnswerOfSession). No row when the session is not valid;
 * the attempt's columns null when there is no such attempt.
 */
export const answerContextSql = (sessionId: string, attemptId: string, position: number | null, now: Date) => Prisma.sql`
  SELECT me.*, ${campAccessColumns(Prisma.sql`me.id`)}, ${attemptColumns(now)}
    FROM (${signedInPersonSql(sessionId, now)}) me
    LEFT JOIN "CampAttempt" a ON a.id = ${attemptId}
    LEFT JOIN "Camp" c ON c.id = a."campId"
    ${questionJoin(position)}`;

export type AnswerContextRow = SignedInRow & Partial<AttemptRow>;

export function answerContextOf(sessionId: string, row: AnswerContextRow) {
  return { signedIn: signedInOf(sessionId, row), found: row.campId ? attemptOf(row as AttemptRow) : null };
}

/** The save endpoint's context alone (a `timeUp` from the page, which writes nothing). Null when the session is not valid. */
export async function findAnswerContext(sessionId: string, attemptId: string, position: number | null, now = new Date()) {
  const [row] = await sqlRows<AnswerContextRow>(answerContextSql(sessionId, attemptId, position, now), undefined, { prepare: "camp-answer-context" });
  return row ? answerContextOf(sessionId, row) : null;
}

type AttemptRow = CampAccessRow & { takerId: string; ended: boolean; kind: QuestionKind | null; optionCount: number | null; blanks: number | null };
const attemptColumns = (now: Date) => Prisma.sql`
  a."userId" AS "takerId", (a."submittedAt" IS NOT NULL OR a.deadline <= ${now}) AS ended,
  v.kind::text AS kind, cardinality(q."optionOrder") AS "optionCount", ${blanksOfStem(Prisma.sql`v.stem`)} AS blanks`;
/**
 * blankCount (app/camp/test/answers.ts) in SQL, so that the save can check a fill-in answer in the
 * statement that stores it: runs of three or more underscores, at least one (the same regular
 * expression in both; a test holds them to the same counts).
 */
export const blanksOfStem = (stem: Prisma.Sql) => Prisma.sql`GREATEST(1, (SELECT count(*) FROM regexp_matches(${stem}, '_{3,}', 'g')))::int`;
const questionJoin = (position: number | null) => Prisma.sql`
  LEFT JOIN "AttemptQuestion" q ON q."attemptId" = a.id AND q.position = ${position}
  LEFT JOIN "QuestionVersion" v ON v.id = q."questionVersionId"`;
const attemptOf = (row: AttemptRow) => ({
  attempt: { camp: campResourceOf(row), userId: row.takerId, ended: row.ended },
  question: row.kind ? { kind: row.kind, optionCount: row.optionCount ?? 0, blanks: row.kind === "FILL_IN" ? (row.blanks ?? 1) : 0 } : null,
});

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
