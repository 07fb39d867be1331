import crypto from "node:crypto";
import { prisma, sqlRows, type Db } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { answerContextOf, answerContextSql, findAttemptForAnswer, type AnswerContextRow } from "../access.server.ts";
import { drawPaper, type BankQuestion, type DrawRule } from "../paper.ts";
import { blankCount, isBlank, parseStoredKey, responseError, responseSchema, whatFits, type TestResponse } from "./answers.ts";
import { gradeAttempts } from "./grade.server.ts";

/**
 * Taking the knowledge test (基础知识测试, issue 20 §3, decision 085): starting once (the paper drawn
 * and stored), reading one's paper without the key, saving answers one by one, submitting, and the
 * automatic submission of attempts whose deadline passed. The routes authorise with
 * app/policy/camp.ts ("camp-attempt:take") before calling these; the statements here still guard
 * the owner and the deadline themselves, so a request racing the deadline stores nothing.
 */

/** The camp's knowledge test round, or null when the camp has none. */
export function knowledgeRound(campId: string, db: Db = prisma) {
  return db.campRound.findUnique({
    where: { campId_kind: { campId, kind: "KNOWLEDGE_TEST" } },
    select: { id: true, enabled: true, opensAt: true, closesAt: true, durationMinutes: true, entriesFixedAt: true, multipleChoiceRule: true },
  });
}

type Round = NonNullable<Awaited<ReturnType<typeof knowledgeRound>>>;

/** The attempt of one person in the camp's test, if they started it. */
export function ownAttempt(roundId: string, userId: string, db: Db = prisma) {
  return db.campAttempt.findUnique({
    where: { roundId_userId: { roundId, userId } },
    select: { id: true, deadline: true, submittedAt: true, autoSubmitted: true, score: true, gradedAt: true },
  });
}

/** Refuses a start the round's schedule does not allow (the message names the time). */
function checkWindow(round: Round, now: Date) {
  if (!round.enabled) throw new UserError("camp.test.errors.roundOff");
  if (round.durationMinutes === null && round.closesAt === null) throw new UserError("camp.test.errors.notScheduled");
  if (round.opensAt && now < round.opensAt) throw new UserError("camp.test.errors.notOpenYet", { opensAt: round.opensAt.toISOString() });
  if (round.closesAt && now >= round.closesAt) throw new UserError("camp.test.errors.closed");
}

/** The server's deadline: the time limit from the start, but never past the round's end. */
export function deadlineFor(round: Pick<Round, "closesAt" | "durationMinutes">, startedAt: Date): Date {
  const limit = round.durationMinutes === null ? Infinity : startedAt.getTime() + round.durationMinutes * 60_000;
  return new Date(Math.min(limit, round.closesAt?.getTime() ?? Infinity));
}

/** The round's rules as paper.ts reads them. */
export async function drawRules(roundId: string, db: Db = prisma): Promise<DrawRule[]> {
  const rules = await db.paperRule.findMany({ where: { roundId }, orderBy: { position: "asc" } });
  return rules.map((rule) => ({
    duty: rule.duty ?? "ANY",
    kind: rule.kind ?? "ANY",
    difficulty: { min: rule.difficultyMin, max: rule.difficultyMax },
    count: rule.count,
    pointsEach: Number(rule.pointsEach),
  }));
}

/**
 * The bank as the draw sees it: every question in use, by its current version (its options only
 * counted). When 500 people start at once they share one read: a start arriving while a read is
 * under way waits for that read instead of sending its own (a version drawn is never changed, so a
 * paper from that read is as valid as one from a read of its own).
 */
export function drawableBank(db: Db = prisma): Promise<BankQuestion[]> {
  if (db !== prisma) return readDrawableBank(db);
  bankRead ??= readDrawableBank(prisma).finally(() => {
    bankRead = null;
  });
  return bankRead;
}

let bankRead: Promise<BankQuestion[]> | null = null;

async function readDrawableBank(db: Db): Promise<BankQuestion[]> {
  return sqlRows<BankQuestion>(
    Prisma.sql`
      SELECT q.id, v.id AS "versionId", v.kind::text AS kind, v.duties::text[] AS duties, v.difficulty,
             CASE WHEN jsonb_typeof(v.options) = 'array' THEN jsonb_array_length(v.options) ELSE 0 END AS "optionCount"
        FROM "Question" q JOIN "QuestionVersion" v ON v.id = q."currentVersionId"
       WHERE q."retiredAt" IS NULL
       ORDER BY q.id`,
    db === prisma ? undefined : db,
  );
}

/** A code judges see instead of the name: six letters and digits without look-alikes (0/O, 1/I). */
function blindCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from(crypto.randomBytes(6), (byte) => alphabet[byte % alphabet.length]).join("");
}

const isUniqueViolation = (error: unknown, field?: string) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && (!field || JSON.stringify(error.meta ?? {}).includes(field));

/**
 * Starts the participant's attempt, once: a second call (a reload, a second tab, a double click)
 * returns the same attempt. The paper is drawn from the bank by the round's rules with the seed
 * camp + person (decision 082) and stored with the attempt; the deadline is fixed now.
 */
export async function startAttempt(campId: string, userId: string, now = new Date()): Promise<string> {
  const round = await knowledgeRound(campId);
  if (!round) throw new UserError("camp.test.errors.noTest", {}, { status: 404 });
  const existing = await ownAttempt(round.id, userId);
  if (existing) return existing.id;
  checkWindow(round, now);
  const participant = await prisma.campParticipant.findUnique({ where: { campId_userId: { campId, userId } }, select: { userId: true } });
  if (!participant) throw new UserError("camp.test.errors.notParticipant", {}, { status: 403 });
  // After a cut fixed who is in the round, only those entries take it.
  if (round.entriesFixedAt) {
    const entry = await prisma.campRoundEntry.findUnique({ where: { roundId_userId: { roundId: round.id, userId } }, select: { id: true } });
    if (!entry) throw new UserError("camp.test.errors.notInRound", {}, { status: 403 });
  }
  const rules = await drawRules(round.id);
  if (rules.length === 0) throw new UserError("camp.test.errors.noPaper");
  const drawn = drawPaper(await drawableBank(), rules, `${campId}:${userId}`);
  if (!drawn.ok) throw new UserError("camp.test.errors.paperUnavailable");
  const deadline = deadlineFor(round, now);

  for (let tries = 0; ; tries++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const attempt = await tx.campAttempt.create({
          data: { roundId: round.id, campId, userId, startedAt: now, deadline, blindCode: blindCode() },
          select: { id: true },
        });
        await tx.attemptQuestion.createMany({
          data: drawn.paper.map((question, position) => ({
            attemptId: attempt.id,
            position,
            questionVersionId: question.versionId,
            points: question.points,
            optionOrder: question.optionOrder,
          })),
        });
        await recordAudit(tx, { actorId: userId, action: "camp.test.start", entityType: "CampAttempt", entityId: attempt.id, data: { campId, questions: drawn.paper.length } });
        return attempt.id;
      });
    } catch (error) {
      // Two tabs started at once: the other one won, and its attempt is this person's attempt.
      if (isUniqueViolation(error, "userId")) return (await ownAttempt(round.id, userId))!.id;
      // A blind code already taken in the round (1 in ~10⁹ per pair): draw another.
      if (isUniqueViolation(error, "blindCode") && tries < 5) continue;
      throw error;
    }
  }
}

/**
 * The taker's paper: stems, options in the shown order, points and the answers saved so far.
 * Never the key, the explanation or the options' original order: the query does not select them.
 */
export async function takerPaper(attemptId: string, db: Db = prisma) {
  const attempt = await db.campAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      id: true,
      deadline: true,
      submittedAt: true,
      questions: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          points: true,
          optionOrder: true,
          questionVersion: { select: { kind: true, stem: true, options: true } },
          answer: { select: { response: true, savedAt: true } },
        },
      },
    },
  });
  return {
    id: attempt.id,
    deadline: attempt.deadline.toISOString(),
    submitted: attempt.submittedAt !== null,
    questions: attempt.questions.map(({ position, points, optionOrder, questionVersion: version, answer }) => {
      const stored = Array.isArray(version.options) ? (version.options as Array<{ text?: unknown }>) : [];
      const parsed = answer ? responseSchema.safeParse(answer.response) : null;
      return {
        position,
        kind: version.kind,
        stem: version.stem,
        points: Number(points),
        options: version.kind === "SINGLE" || version.kind === "MULTIPLE" ? optionOrder.map((index) => String(stored[index]?.text ?? "")) : [],
        blanks: version.kind === "FILL_IN" ? blankCount(version.stem) : 0,
        response: parsed?.success ? parsed.data : null,
      };
    }),
  };
}
export type TakerPaper = Awaited<ReturnType<typeof takerPaper>>;

/**
 * Saves one answer: an upsert by (attempt, position), guarded in the same statement by the attempt
 * being this person's, not submitted and before its deadline. FOR SHARE on the attempt makes a save
 * that races a submission wait for it and then find the attempt submitted: nothing is stored
 * after the paper was graded. Idempotent: the same answer twice is one row.
 */
export async function saveAnswer(attemptId: string, userId: string, position: number, response: TestResponse, now = new Date()): Promise<Date> {
  const shape = (await findAttemptForAnswer({ id: userId }, attemptId, position, now))?.question;
  if (!shape) throw new UserError("camp.test.errors.noSuchQuestion", {}, { status: 404 });
  const error = responseError(shape, response);
  if (error) throw new UserError(error, {}, { status: 422 });
  const saved = await sqlRows<{ savedAt: Date }>(Prisma.sql`
    INSERT INTO "AttemptAnswer" ("attemptId", position, response, "savedAt")
    SELECT a.id, ${position}, ${JSON.stringify(response)}::jsonb, ${now}
      FROM "CampAttempt" a
     WHERE a.id = ${attemptId} AND a."userId" = ${userId} AND a."submittedAt" IS NULL AND a.deadline > ${now}
       FOR SHARE
    ON CONFLICT ("attemptId", position) DO UPDATE SET response = EXCLUDED.response, "savedAt" = EXCLUDED."savedAt"
    RETURNING "savedAt"`);
  if (saved.length === 0) throw new UserError("camp.test.errors.ended");
  return saved[0]!.savedAt;
}

/**
 * The save endpoint's one statement (decision 100): reads the session's person, the attempt as
 * the policy sees it and the question's shape, and stores the answer when the taker may take the
 * attempt ("camp-attempt:take": their own, the camp open, before the deadline and the submission)
 * and the answer fits the question (`whatFits`). The caller decides its reply with the policy and
 * `responseError` on the context returned, which is what the statement read: `savedAt` is null
 * whenever they refuse, and also when a submission or the deadline came first. No row when the
 * session is not valid.
 */
export async function saveAnswerOfSession(sessionId: string, attemptId: string, position: number, response: TestResponse, now = new Date()) {
  const fits = whatFits(response);
  const [row] = await sqlRows<AnswerContextRow & { savedAt: Date | null }>(
    Prisma.sql`
      WITH ctx AS (${answerContextSql(sessionId, attemptId, position, now)}),
      saved AS (
        INSERT INTO "AttemptAnswer" ("attemptId", position, response, "savedAt")
        SELECT a.id, ${position}, ${JSON.stringify(response)}::jsonb, ${now}
          FROM ctx JOIN "CampAttempt" a ON a.id = ${attemptId} AND a."userId" = ctx.id
         WHERE NOT ctx."passwordMustChange" AND ctx.status = 'OPEN'
           AND ${fits.fitsSome} AND ctx.kind = ${fits.kind} AND ctx."optionCount" >= ${fits.minOptions}
           AND (${fits.blanks}::int IS NULL OR ctx.blanks = ${fits.blanks}::int)
           AND a."submittedAt" IS NULL AND a.deadline > ${now}
           FOR SHARE OF a
        ON CONFLICT ("attemptId", position) DO UPDATE SET response = EXCLUDED.response, "savedAt" = EXCLUDED."savedAt"
        RETURNING "savedAt")
      SELECT ctx.*, (SELECT "savedAt" FROM saved) AS "savedAt" FROM ctx`,
    undefined,
    { prepare: "camp-answer-save" },
  );
  return row ? { ...answerContextOf(sessionId, row), savedAt: row.savedAt } : null;
}

/** The positions of a paper nobody answered yet (the submit confirmation lists them). */
export async function unansweredPositions(attemptId: string): Promise<number[]> {
  const rows = await prisma.attemptQuestion.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { position: true, answer: { select: { response: true } } },
  });
  return rows.filter(({ answer }) => {
    const parsed = answer ? responseSchema.safeParse(answer.response) : null;
    return !parsed?.success || isBlank(parsed.data);
  }).map(({ position }) => position);
}

/**
 * Submits the taker's paper and grades its objective questions at once. Refused once submitted or
 * past the deadline (the automatic submission takes it then, see closeOverdueAttempts).
 */
export async function submitAttempt(attemptId: string, userId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const [attempt] = await tx.$queryRaw<Array<{ userId: string; submittedAt: Date | null; deadline: Date }>>`
      SELECT "userId", "submittedAt", deadline FROM "CampAttempt" WHERE id = ${attemptId} FOR UPDATE`;
    if (!attempt || attempt.userId !== userId) throw new UserError("camp.test.errors.notYours", {}, { status: 403 });
    if (attempt.submittedAt) throw new UserError("camp.test.errors.alreadySubmitted");
    if (attempt.deadline <= now) throw new UserError("camp.test.errors.ended");
    await tx.campAttempt.update({ where: { id: attemptId }, data: { submittedAt: now } });
    await gradeAttempts(tx, [attemptId]);
    await recordAudit(tx, { actorId: userId, action: "camp.test.submit", entityType: "CampAttempt", entityId: attemptId });
  });
}

/** How many overdue attempts one pass closes in a transaction. */
const CLOSE_BATCH = 500;

/**
 * The automatic submission: every knowledge-test attempt past its deadline and not submitted is
 * marked submitted at its deadline (autoSubmitted) and graded, whether or not a browser is still
 * there. `attemptIds` narrows it to some attempts (the taker's own page at the deadline).
 * Returns how many were closed.
 */
export async function closeOverdueAttempts(now = new Date(), attemptIds?: readonly string[]): Promise<number> {
  let closed = 0;
  for (;;) {
    const count = await prisma.$transaction(async (tx) => {
      const ids = await tx.$queryRaw<Array<{ id: string }>>`
        UPDATE "CampAttempt" SET "submittedAt" = deadline, "autoSubmitted" = true
         WHERE id IN (
           SELECT a.id FROM "CampAttempt" a JOIN "CampRound" r ON r.id = a."roundId"
            WHERE a."submittedAt" IS NULL AND a.deadline <= ${now} AND r.kind = 'KNOWLEDGE_TEST'
              AND (${attemptIds ?? null}::text[] IS NULL OR a.id = ANY(${attemptIds ?? null}::text[]))
            ORDER BY a.deadline LIMIT ${CLOSE_BATCH} FOR UPDATE OF a SKIP LOCKED)
        RETURNING id`;
      if (ids.length > 0) await gradeAttempts(tx, ids.map((row) => row.id));
      return ids.length;
    });
    closed += count;
    if (count < CLOSE_BATCH) return closed;
  }
}

/** What the test's front page says before and after taking it: the camp, the schedule and the paper's size. */
export async function testOverview(campId: string) {
  const camp = await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { id: true, title: true } });
  const round = await knowledgeRound(campId);
  const rules = round ? await drawRules(round.id) : [];
  return {
    camp,
    round: round && {
      id: round.id,
      enabled: round.enabled,
      opensAt: round.opensAt?.toISOString() ?? null,
      closesAt: round.closesAt?.toISOString() ?? null,
      durationMinutes: round.durationMinutes,
    },
    questions: rules.reduce((sum, rule) => sum + rule.count, 0),
    points: Math.round(rules.reduce((sum, rule) => sum + rule.count * rule.pointsEach * 10, 0)) / 10,
  };
}

/**
 * A finished paper with the key, the answers and the marks (review: the route authorises
 * "camp-attempt:review"). Shown with the question versions drawn, not the bank's current ones.
 */
export async function attemptReview(attemptId: string) {
  const attempt = await prisma.campAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      id: true,
      campId: true,
      score: true,
      autoSubmitted: true,
      submittedAt: true,
      participant: { select: { user: { select: { name: true } } } },
      round: { select: { camp: { select: { title: true } } } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          points: true,
          optionOrder: true,
          questionVersion: { select: { kind: true, stem: true, options: true, answerKey: true, explanation: true } },
          answer: { select: { response: true, score: true } },
          grades: { where: { gradedAt: { not: null } }, select: { comment: true } },
        },
      },
    },
  });
  const questions = attempt.questions.map(({ position, points, optionOrder, questionVersion: version, answer, grades }) => {
    const key = parseStoredKey(version.kind, version.answerKey);
    const stored = Array.isArray(version.options) ? (version.options as Array<{ text?: unknown }>) : [];
    const objective = key?.kind === "OBJECTIVE" ? key.keys : [];
    const first = objective[0];
    // The right options by their shown position, as the taker saw them.
    const correctShown =
      first?.kind === "SINGLE" ? [optionOrder.indexOf(first.correct)] : first?.kind === "MULTIPLE" ? first.correct.map((c) => optionOrder.indexOf(c)).sort((a, b) => a - b) : [];
    const parsed = answer ? responseSchema.safeParse(answer.response) : null;
    return {
      position,
      kind: version.kind,
      stem: version.stem,
      points: Number(points),
      options: version.kind === "SINGLE" || version.kind === "MULTIPLE" ? optionOrder.map((index) => String(stored[index]?.text ?? "")) : [],
      correctShown,
      correctTrueFalse: first?.kind === "TRUE_FALSE" ? first.correct : null,
      acceptedBlanks: objective.flatMap((k) => (k.kind === "FILL_IN" ? [k.accepted.join(" / ")] : [])),
      referenceAnswer: key?.kind === "SHORT_ANSWER" ? key.referenceAnswer : "",
      explanation: version.explanation,
      response: parsed?.success ? parsed.data : null,
      score: answer?.score === null || answer?.score === undefined ? (answer ? null : 0) : Number(answer.score),
      comments: grades.map((grade) => grade.comment).filter((comment) => comment.trim() !== ""),
    };
  });
  return {
    id: attempt.id,
    campId: attempt.campId,
    campTitle: attempt.round.camp.title,
    name: attempt.participant.user.name,
    score: attempt.score === null ? null : Number(attempt.score),
    max: Math.round(questions.reduce((sum, q) => sum + q.points * 10, 0)) / 10,
    autoSubmitted: attempt.autoSubmitted,
    questions,
  };
}

export const ATTEMPTS_PAGE_SIZE = 50;

/** The organisers' list: who started, submitted (by themselves or automatically) and their score. */
export async function attemptsOfCamp(campId: string, page: number) {
  const round = await knowledgeRound(campId);
  if (!round) return null;
  const [rows, started, submitted, auto, participants] = await Promise.all([
    prisma.campAttempt.findMany({
      where: { roundId: round.id },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * ATTEMPTS_PAGE_SIZE,
      take: ATTEMPTS_PAGE_SIZE,
      select: { id: true, startedAt: true, deadline: true, submittedAt: true, autoSubmitted: true, score: true, participant: { select: { user: { select: { name: true } } } } },
    }),
    prisma.campAttempt.count({ where: { roundId: round.id } }),
    prisma.campAttempt.count({ where: { roundId: round.id, submittedAt: { not: null } } }),
    prisma.campAttempt.count({ where: { roundId: round.id, autoSubmitted: true } }),
    prisma.campParticipant.count({ where: { campId } }),
  ]);
  return {
    roundId: round.id,
    judgesPerAnswer: 2,
    counts: { started, submitted, auto, participants },
    pages: Math.max(1, Math.ceil(started / ATTEMPTS_PAGE_SIZE)),
    attempts: rows.map((row) => ({
      id: row.id,
      name: row.participant.user.name,
      startedAt: row.startedAt.toISOString(),
      state: row.submittedAt === null ? ("inProgress" as const) : row.autoSubmitted ? ("autoSubmitted" as const) : ("submitted" as const),
      score: row.score === null ? null : Number(row.score),
    })),
  };
}
