import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import type { Actor } from "~/policy/index.ts";
import type { CampShortAnswerResource } from "~/policy/camp.ts";
import { findCampAccess } from "../access.server.ts";
import { assignJudges } from "../judging.ts";
import { isBlank, parseStoredKey, responseSchema } from "./answers.ts";
import { gradeAttempts } from "./grade.server.ts";
import type { ShortAnswerGradeInput } from "./schemas.ts";
import { knowledgeRound } from "./attempts.server.ts";

/**
 * Short answers (简答 / 对策分析) graded blind (issue 20 §3): each submitted paper's short answers go
 * to N judges of the camp not of the taker's college (judging.ts assignJudges: even loads,
 * deterministic); a judge sees the paper's blind code, never the name, and scores within the
 * question's points with a comment. When every grade of a paper is in, its score is complete.
 */



/**
 * Gives the short answers of every submitted paper not yet given out to `perAnswer` judges (all
 * short answers of a paper to the same judges). Blank answers score 0 and go to nobody.
 * Returns how many answers were given out.
 */
export async function assignShortAnswers(campId: string, perAnswer: number, actorId: string): Promise<number> {
  const round = await knowledgeRound(campId);
  if (!round) throw new UserError("camp.test.errors.noTest", {}, { status: 404 });
  return prisma.$transaction(async (tx) => {
    const judges = await tx.campJudge.findMany({ where: { campId }, select: { id: true, collegeId: true }, orderBy: { id: "asc" } });
    if (judges.length === 0) throw new UserError("camp.test.errors.noJudges");
    const answers = await tx.attemptAnswer.findMany({
      where: {
        question: { attempt: { roundId: round.id, submittedAt: { not: null } }, questionVersion: { kind: "SHORT_ANSWER" }, grades: { none: {} } },
      },
      select: { attemptId: true, position: true, response: true, question: { select: { attempt: { select: { participant: { select: { collegeId: true } } } } } } },
    });
    const open = answers.filter((answer) => {
      const parsed = responseSchema.safeParse(answer.response);
      return parsed.success && !isBlank(parsed.data);
    });
    if (open.length === 0) return 0;
    const papers = new Map(open.map((answer) => [answer.attemptId, answer.question.attempt.participant.collegeId]));
    const assigned = assignJudges(judges, [...papers].map(([id, collegeId]) => ({ id, collegeId })), perAnswer);
    if (!assigned.ok) throw new UserError("camp.test.errors.assignFailed", { count: assigned.errors.length });
    await tx.shortAnswerGrade.createMany({
      data: open.flatMap((answer) => assigned.judgesOf.get(answer.attemptId)!.map((judgeId) => ({ attemptId: answer.attemptId, position: answer.position, judgeId }))),
    });
    await recordAudit(tx, { actorId, action: "camp.test.assign-short-answers", entityType: "CampRound", entityId: round.id, data: { campId, answers: open.length, perAnswer } });
    return open.length;
  });
}

/** One short answer as the policy sees it for this judge: assigned to them or not. Null when there is no such answer. */
export async function findShortAnswerAccess(actor: Pick<Actor, "id">, attemptId: string, position: number): Promise<CampShortAnswerResource | null> {
  const question = await prisma.attemptQuestion.findUnique({
    where: { attemptId_position: { attemptId, position } },
    select: { attempt: { select: { campId: true } }, grades: { where: { judge: { userId: actor.id } }, select: { judgeId: true } } },
  });
  const camp = question && (await findCampAccess(actor, question.attempt.campId));
  if (!question || !camp) return null;
  return { camp, viewerAssigned: question.grades.length > 0 };
}

export const GRADING_PAGE_SIZE = 20;

/**
 * The short answers assigned to a judge, by blind code: what was asked, the reference answer, the
 * answer, and their own grade so far. `mayGrade` filters by the policy (the camp must still be
 * open or scoring). To grade first, then the graded ones.
 */
export async function judgeQueue(actor: Actor, page: number, mayGrade: (answer: CampShortAnswerResource) => boolean) {
  const where = { judge: { userId: actor.id }, question: { attempt: { participant: { camp: { status: { in: ["OPEN" as const, "SCORING" as const] } } } } } };
  const [rows, total, pending] = await Promise.all([
    prisma.shortAnswerGrade.findMany({
      where,
      orderBy: [{ gradedAt: { sort: "asc", nulls: "first" } }, { attemptId: "asc" }, { position: "asc" }],
      skip: (page - 1) * GRADING_PAGE_SIZE,
      take: GRADING_PAGE_SIZE,
      select: {
        attemptId: true,
        position: true,
        score: true,
        comment: true,
        gradedAt: true,
        question: {
          select: {
            points: true,
            answer: { select: { response: true } },
            questionVersion: { select: { kind: true, stem: true, answerKey: true } },
            attempt: { select: { campId: true, blindCode: true } },
          },
        },
      },
    }),
    prisma.shortAnswerGrade.count({ where }),
    prisma.shortAnswerGrade.count({ where: { ...where, gradedAt: null } }),
  ]);
  const camps = new Map<string, Awaited<ReturnType<typeof findCampAccess>>>();
  for (const campId of new Set(rows.map((row) => row.question.attempt.campId))) camps.set(campId, await findCampAccess(actor, campId));
  const items = rows.flatMap((row) => {
    const camp = camps.get(row.question.attempt.campId);
    if (!camp || !mayGrade({ camp, viewerAssigned: true })) return [];
    const key = parseStoredKey("SHORT_ANSWER", row.question.questionVersion.answerKey);
    const parsed = row.question.answer ? responseSchema.safeParse(row.question.answer.response) : null;
    return [
      {
        attemptId: row.attemptId,
        position: row.position,
        blindCode: row.question.attempt.blindCode,
        stem: row.question.questionVersion.stem,
        points: Number(row.question.points),
        referenceAnswer: key?.kind === "SHORT_ANSWER" ? key.referenceAnswer : "",
        gradingNotes: key?.kind === "SHORT_ANSWER" ? key.gradingNotes : "",
        answer: parsed?.success && parsed.data.kind === "SHORT_ANSWER" ? parsed.data.text : "",
        score: row.score === null ? null : Number(row.score),
        comment: row.comment,
      },
    ];
  });
  return { items, total, pending, pages: Math.max(1, Math.ceil(total / GRADING_PAGE_SIZE)) };
}

/** Saves a judge's grade of one short answer (again, to correct it); completes the paper's score when it was the last one. */
export async function gradeShortAnswer(input: ShortAnswerGradeInput, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const grade = await tx.shortAnswerGrade.findFirst({
      where: { attemptId: input.attemptId, position: input.position, judge: { userId: actorId } },
      select: { judgeId: true, question: { select: { points: true } } },
    });
    if (!grade) throw new UserError("camp.test.errors.notAssigned", {}, { status: 403 });
    const max = Number(grade.question.points);
    if (input.score > max || Math.abs(input.score * 10 - Math.round(input.score * 10)) > 1e-9) {
      throw new UserError("camp.test.errors.gradeOutOfRange", { max }, { field: "score" });
    }
    await tx.shortAnswerGrade.update({
      where: { attemptId_position_judgeId: { attemptId: input.attemptId, position: input.position, judgeId: grade.judgeId } },
      data: { score: input.score, comment: input.comment, gradedAt: new Date() },
    });
    await gradeAttempts(tx, [input.attemptId]);
    await recordAudit(tx, { actorId, action: "camp.test.grade-short-answer", entityType: "CampAttempt", entityId: input.attemptId, data: { position: input.position } });
  });
}
