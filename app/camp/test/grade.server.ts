import type { Db } from "~/db/client.server.ts";
import type { MultipleRule } from "../grading.ts";
import type { QuestionKind } from "../paper.ts";
import { gradeQuestion, isBlank, parseStoredKey, responseSchema, type StoredKey } from "./answers.ts";

/**
 * Grading submitted knowledge-test attempts (decision 080: read by keys, compute in memory, write in
 * a few statements). Objective questions are graded with grading.ts by the round's multiple-choice
 * rule; a short answer scores the mean of its judges' grades once they are all in (blank: 0). An
 * attempt's score is written when nothing is left to grade, and stays null until then.
 * Idempotent: grading again gives the same scores (a regrade after a key was corrected).
 */
export async function gradeAttempts(db: Db, attemptIds: readonly string[]): Promise<void> {
  if (attemptIds.length === 0) return;
  const ids = [...attemptIds];
  const rows = await db.$queryRaw<
    Array<{ attemptId: string; position: number; points: number; optionOrder: number[]; versionId: string; kind: QuestionKind; rule: MultipleRule; response: unknown }>
  >`
    SELECT q."attemptId", q.position, q.points::float8 AS points, q."optionOrder", q."questionVersionId" AS "versionId", v.kind,
           r."multipleChoiceRule" AS rule, a.response
      FROM "AttemptQuestion" q
      JOIN "QuestionVersion" v ON v.id = q."questionVersionId"
      JOIN "CampAttempt" t ON t.id = q."attemptId"
      JOIN "CampRound" r ON r.id = t."roundId"
      LEFT JOIN "AttemptAnswer" a ON a."attemptId" = q."attemptId" AND a.position = q.position
     WHERE q."attemptId" = ANY(${ids}::text[])`;
  // Keys are read once per version, not once per answer (500 papers share a bank of a few hundred).
  const versionIds = [...new Set(rows.map((row) => row.versionId))];
  const keyRows = await db.$queryRaw<Array<{ id: string; kind: QuestionKind; answerKey: unknown }>>`
    SELECT id, kind, "answerKey" FROM "QuestionVersion" WHERE id = ANY(${versionIds}::text[])`;
  const keys = new Map<string, StoredKey | null>(keyRows.map((row) => [row.id, parseStoredKey(row.kind, row.answerKey)]));
  const gradeRows = await db.$queryRaw<Array<{ attemptId: string; position: number; score: number | null }>>`
    SELECT "attemptId", position, score::float8 AS score FROM "ShortAnswerGrade" WHERE "attemptId" = ANY(${ids}::text[])`;
  const gradesOf = new Map<string, Array<number | null>>();
  for (const grade of gradeRows) {
    const key = `${grade.attemptId}:${grade.position}`;
    gradesOf.set(key, [...(gradesOf.get(key) ?? []), grade.score]);
  }

  const answerIds: string[] = [];
  const answerPositions: number[] = [];
  const answerScores: Array<number | null> = [];
  const totals = new Map<string, { hundredths: number; pending: boolean }>(ids.map((id) => [id, { hundredths: 0, pending: false }]));
  for (const row of rows) {
    const total = totals.get(row.attemptId)!;
    const parsed = row.response === null ? null : responseSchema.safeParse(row.response);
    const response = parsed?.success ? parsed.data : undefined;
    let score: number | null;
    if (row.kind === "SHORT_ANSWER") {
      const grades = gradesOf.get(`${row.attemptId}:${row.position}`) ?? [];
      if (!response || isBlank(response)) score = 0;
      else if (grades.length > 0 && grades.every((grade) => grade !== null)) score = Math.round((grades as number[]).reduce((sum, grade) => sum + grade, 0) / grades.length * 10) / 10;
      else score = null;
    } else {
      score = gradeQuestion(keys.get(row.versionId) ?? null, response, row.optionOrder, row.points, row.rule).points;
    }
    if (score === null) total.pending = true;
    else total.hundredths += Math.round(score * 100);
    if (row.response !== null) {
      answerIds.push(row.attemptId);
      answerPositions.push(row.position);
      answerScores.push(score);
    }
  }

  if (answerIds.length > 0) {
    await db.$executeRaw`
      UPDATE "AttemptAnswer" a SET score = v.score
        FROM unnest(${answerIds}::text[], ${answerPositions}::int[], ${answerScores}::numeric[]) AS v(id, position, score)
       WHERE a."attemptId" = v.id AND a.position = v.position AND a.score IS DISTINCT FROM v.score`;
  }
  const attemptScores = ids.map((id) => (totals.get(id)!.pending ? null : totals.get(id)!.hundredths / 100));
  await db.$executeRaw`
    UPDATE "CampAttempt" t SET score = v.score, "gradedAt" = CASE WHEN v.score IS NULL THEN NULL ELSE now() END
      FROM unnest(${ids}::text[], ${attemptScores}::numeric[]) AS v(id, score)
     WHERE t.id = v.id`;
}

/** Grades every submitted attempt of a round again (after a key was corrected; the bench's grading of all 500). */
export async function gradeRound(db: Db, roundId: string, batch = 500): Promise<number> {
  const attempts = await db.campAttempt.findMany({ where: { roundId, submittedAt: { not: null } }, select: { id: true }, orderBy: { id: "asc" } });
  for (let start = 0; start < attempts.length; start += batch) await gradeAttempts(db, attempts.slice(start, start + batch).map((a) => a.id));
  return attempts.length;
}
