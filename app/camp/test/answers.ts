import { z } from "zod";
import { FILL_IN_MAX_LENGTH, answerShapeError, gradeAnswer, type AnswerKey, type Grade, type MultipleRule } from "../grading.ts";
import type { QuestionKind } from "../paper.ts";

/**
 * What the knowledge test stores and grades (issue 20 §3, decision 085). Pure: the answer key as
 * the bank stores it (`QuestionVersion.answerKey`), the answer as the taker's page sends and
 * `AttemptAnswer.response` keeps it (shown positions, as grading.ts expects), and the grade of one
 * drawn question. A fill-in question may have several blanks (“____” in the stem): each blank is
 * graded by grading.ts as a one-blank question worth its share of the points.
 */

/** Short answers (对策分析) are at most this long: a page of text. */
export const SHORT_ANSWER_MAX_LENGTH = 5000;
/** A fill-in stem asks as many blanks as it marks with three or more underscores, at least one. */
const BLANK_RUN = /_{3,}/g;

export function blankCount(stem: string): number {
  return Math.max(stem.match(BLANK_RUN)?.length ?? 0, 1);
}

/**
 * `QuestionVersion.answerKey` as stored, in the question's own option order. The bank writes
 * grading's `AnswerKey` with its kind (app/camp/bank/version.ts `StoredAnswerKey`): SINGLE
 * `{ correct: 2 }`, MULTIPLE `{ correct: [0, 3] }`, TRUE_FALSE `{ correct: true }`, FILL_IN
 * `{ accepted: [...] }` (one blank), SHORT_ANSWER `{ referenceAnswer, gradingNotes }` (for the
 * judges; never graded here). Also read: several blanks as `{ blanks: [[…], …] }`, and a
 * true/false `{ answer }`, which no importer writes today.
 */
export type StoredKey = { kind: "OBJECTIVE"; keys: AnswerKey[] } | { kind: "SHORT_ANSWER"; referenceAnswer: string; gradingNotes: string };

const index = z.number().int().min(0);
const storedKeySchemas = {
  SINGLE: z.object({ correct: index }),
  MULTIPLE: z.object({ correct: z.array(index).min(1) }),
  TRUE_FALSE: z.union([z.object({ correct: z.boolean() }), z.object({ answer: z.boolean() })]),
  FILL_IN: z.union([z.object({ blanks: z.array(z.array(z.string()).min(1)).min(1) }), z.object({ accepted: z.array(z.string()).min(1) })]),
  SHORT_ANSWER: z.object({ referenceAnswer: z.string().optional(), gradingNotes: z.string().optional() }).catch({}),
};

/** Reads a stored key; a key that does not parse grades nothing (null), so a broken question scores 0 rather than crash grading. */
export function parseStoredKey(kind: QuestionKind, json: unknown): StoredKey | null {
  switch (kind) {
    case "SINGLE": {
      const parsed = storedKeySchemas.SINGLE.safeParse(json);
      return parsed.success ? { kind: "OBJECTIVE", keys: [{ kind: "SINGLE", correct: parsed.data.correct }] } : null;
    }
    case "MULTIPLE": {
      const parsed = storedKeySchemas.MULTIPLE.safeParse(json);
      return parsed.success ? { kind: "OBJECTIVE", keys: [{ kind: "MULTIPLE", correct: parsed.data.correct }] } : null;
    }
    case "TRUE_FALSE": {
      const parsed = storedKeySchemas.TRUE_FALSE.safeParse(json);
      if (!parsed.success) return null;
      return { kind: "OBJECTIVE", keys: [{ kind: "TRUE_FALSE", correct: "correct" in parsed.data ? parsed.data.correct : parsed.data.answer }] };
    }
    case "FILL_IN": {
      const parsed = storedKeySchemas.FILL_IN.safeParse(json);
      if (!parsed.success) return null;
      const blanks = "blanks" in parsed.data ? parsed.data.blanks : [parsed.data.accepted];
      return { kind: "OBJECTIVE", keys: blanks.map((accepted) => ({ kind: "FILL_IN", accepted })) };
    }
    case "SHORT_ANSWER": {
      const parsed = storedKeySchemas.SHORT_ANSWER.parse(json ?? {});
      return { kind: "SHORT_ANSWER", referenceAnswer: parsed.referenceAnswer ?? "", gradingNotes: parsed.gradingNotes ?? "" };
    }
  }
}

/** An answer as sent and stored (`AttemptAnswer.response`): positions are the shown ones. */
export const responseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("SINGLE"), chosen: z.number().int() }),
  z.object({ kind: z.literal("MULTIPLE"), chosen: z.array(z.number().int()).max(20) }),
  z.object({ kind: z.literal("TRUE_FALSE"), value: z.boolean() }),
  z.object({ kind: z.literal("FILL_IN"), texts: z.array(z.string().max(FILL_IN_MAX_LENGTH, "camp.scoring.grading.answerTooLong")).min(1).max(20) }),
  z.object({ kind: z.literal("SHORT_ANSWER"), text: z.string().max(SHORT_ANSWER_MAX_LENGTH, "camp.test.errors.shortAnswerTooLong") }),
]);
export type TestResponse = z.output<typeof responseSchema>;

/** What the taker's page knows of a drawn question (no key): enough to check an answer's shape. */
export interface DrawnShape {
  kind: QuestionKind;
  /** Options shown (SINGLE, MULTIPLE: the permutation's length; TRUE_FALSE: 2). */
  optionCount: number;
  /** Blanks of a fill-in question. */
  blanks: number;
}

/** Null when the answer fits the drawn question; otherwise the message key of the refusal. */
export function responseError(shape: DrawnShape, response: TestResponse) {
  if (response.kind !== shape.kind) return "camp.scoring.grading.wrongKind" as const;
  if (response.kind === "SHORT_ANSWER") return null;
  if (response.kind === "FILL_IN") {
    if (response.texts.length !== shape.blanks) return "camp.test.errors.blankCount" as const;
    return response.texts.map((text) => answerShapeError("FILL_IN", 0, { kind: "FILL_IN", text })).find((error) => error !== null) ?? null;
  }
  return answerShapeError(shape.kind, shape.optionCount, response);
}

/**
 * What a question must be for this answer to fit it, from the answer alone: its kind, at least so
 * many options shown, and (a fill-in) exactly so many blanks; `fitsSome` is false when no question
 * could take it (an option given twice, a negative position, a text too long). With these the save
 * checks the answer in the statement that stores it; `responseError` on the question read says why
 * not. For every shape: `responseError(shape, r) === null` exactly when `fitsSome` and the shape has
 * the kind, `optionCount >= minOptions` and, for a fill-in, `blanks` blanks.
 */
export function whatFits(response: TestResponse): { fitsSome: boolean; kind: QuestionKind; minOptions: number; blanks: number | null } {
  const blanks = response.kind === "FILL_IN" ? response.texts.length : null;
  const fitsSome = responseError({ kind: response.kind, optionCount: Number.MAX_SAFE_INTEGER, blanks: blanks ?? 0 }, response) === null;
  const chosen = response.kind === "SINGLE" ? [response.chosen] : response.kind === "MULTIPLE" ? response.chosen : [];
  return { fitsSome, kind: response.kind, minOptions: chosen.length ? Math.max(...chosen) + 1 : 0, blanks };
}

/** Whether a response says anything (an empty short answer or fill-in is no answer). */
export function isBlank(response: TestResponse): boolean {
  if (response.kind === "SHORT_ANSWER") return response.text.trim() === "";
  if (response.kind === "FILL_IN") return response.texts.every((text) => text.trim() === "");
  if (response.kind === "MULTIPLE") return response.chosen.length === 0;
  return false;
}

/**
 * Grades one objective question worth `points`. A fill-in of n blanks gives each blank points / n
 * (hundredths), graded by grading.ts; the other kinds go to grading.ts as they are.
 */
export function gradeQuestion(key: StoredKey | null, response: TestResponse | undefined, optionOrder: readonly number[], points: number, rule: MultipleRule): Grade {
  if (!key || key.kind !== "OBJECTIVE") return { points: 0, outcome: response ? "WRONG" : "UNANSWERED" };
  if (response === undefined) return { points: 0, outcome: "UNANSWERED" };
  const [first] = key.keys;
  if (first!.kind !== "FILL_IN") {
    if (response.kind === "FILL_IN" || response.kind === "SHORT_ANSWER") return { points: 0, outcome: "WRONG" };
    return gradeAnswer(first!, response, optionOrder, points, rule);
  }
  if (response.kind !== "FILL_IN" || response.texts.length !== key.keys.length) return { points: 0, outcome: "WRONG" };
  const share = points / key.keys.length;
  const grades = key.keys.map((blankKey, blank) => gradeAnswer(blankKey, { kind: "FILL_IN", text: response.texts[blank]! }, [], share, rule));
  const earned = Math.round(grades.reduce((sum, grade) => sum + grade.points * 100, 0)) / 100;
  if (grades.every((grade) => grade.outcome === "UNANSWERED")) return { points: 0, outcome: "UNANSWERED" };
  if (grades.every((grade) => grade.outcome === "RIGHT")) return { points, outcome: "RIGHT" };
  return { points: earned, outcome: earned > 0 ? "PARTLY" : "WRONG" };
}
