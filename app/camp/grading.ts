import type { MessageKey } from "~/i18n/keys.ts";
import type { QuestionKind } from "./paper.ts";

/**
 * Grading the objective questions of a paper at once (issue 20 §3). Answers arrive as the person
 * gave them, by the position an option was *shown* at; the stored permutation of the drawn paper
 * (`optionOrder[shown] = stored`) maps them back to the question's own options before comparing.
 * Short answers (对策分析) are not graded here: judges grade them blind.
 */

/** The answer key of one question version, in the question's own option order. */
export type AnswerKey =
  | { kind: "SINGLE"; correct: number }
  | { kind: "MULTIPLE"; correct: readonly number[] }
  | { kind: "TRUE_FALSE"; correct: boolean }
  | { kind: "FILL_IN"; accepted: readonly string[] };

/** What the person gave: shown positions for options, true/false, or the typed text. */
export type GivenAnswer =
  | { kind: "SINGLE"; chosen: number }
  | { kind: "MULTIPLE"; chosen: readonly number[] }
  | { kind: "TRUE_FALSE"; value: boolean }
  | { kind: "FILL_IN"; text: string };

/**
 * How a 不定项 question is scored, chosen by the organiser per camp:
 * - ALL_OR_NOTHING: exactly the right options, or 0;
 * - PARTIAL ("少选得部分分，错选不得分", as in 公务员 tests and the 辅导员素质能力大赛): any wrong option
 *   chosen scores 0; otherwise points × (right options chosen) / (right options in total).
 */
export const MULTIPLE_RULES = ["ALL_OR_NOTHING", "PARTIAL"] as const;
export type MultipleRule = (typeof MULTIPLE_RULES)[number];

export type Outcome = "RIGHT" | "PARTLY" | "WRONG" | "UNANSWERED";

export interface Grade {
  points: number;
  outcome: Outcome;
}

/** Points are kept to hundredths: 2 × 1/3 = 0.67. */
const hundredths = (value: number) => Math.round(value * 100) / 100;

/**
 * Whether an answer can be stored against a drawn question: the right kind, shown positions that
 * exist, no position twice. The save path refuses anything else with this key, so grading only
 * ever sees answers of this shape.
 */
export function answerShapeError(kind: QuestionKind, optionCount: number, given: GivenAnswer): MessageKey | null {
  if (kind !== given.kind) return "camp.scoring.grading.wrongKind";
  const inRange = (position: number) => Number.isInteger(position) && position >= 0 && position < optionCount;
  if (given.kind === "SINGLE" && !inRange(given.chosen)) return "camp.scoring.grading.noSuchOption";
  if (given.kind === "MULTIPLE") {
    if (!given.chosen.every(inRange)) return "camp.scoring.grading.noSuchOption";
    if (new Set(given.chosen).size !== given.chosen.length) return "camp.scoring.grading.optionTwice";
  }
  if (given.kind === "FILL_IN" && given.text.length > FILL_IN_MAX_LENGTH) return "camp.scoring.grading.answerTooLong";
  return null;
}

export const FILL_IN_MAX_LENGTH = 200;

/**
 * Grades one answer worth `points`. `undefined` is an unanswered question (0 points). An answer of
 * another kind than its key, or a shown position outside the permutation, scores 0 (the save path
 * never stores one, see answerShapeError).
 */
export function gradeAnswer(key: AnswerKey, given: GivenAnswer | undefined, optionOrder: readonly number[], points: number, multipleRule: MultipleRule): Grade {
  if (given === undefined) return { points: 0, outcome: "UNANSWERED" };
  const stored = (shown: number) => optionOrder[shown] ?? -1;
  const full = { points, outcome: "RIGHT" } as const;
  const none = { points: 0, outcome: "WRONG" } as const;
  if (key.kind === "SINGLE") return given.kind === "SINGLE" && stored(given.chosen) === key.correct ? full : none;
  if (key.kind === "TRUE_FALSE") return given.kind === "TRUE_FALSE" && given.value === key.correct ? full : none;
  if (key.kind === "FILL_IN") {
    if (given.kind !== "FILL_IN") return none;
    const text = normalizeFillIn(given.text);
    if (text === "") return { points: 0, outcome: "UNANSWERED" };
    return key.accepted.some((accepted) => normalizeFillIn(accepted) === text) ? full : none;
  }
  if (given.kind !== "MULTIPLE") return none;
  if (given.chosen.length === 0) return { points: 0, outcome: "UNANSWERED" };
  const chosen = new Set(given.chosen.map(stored));
  const right = new Set(key.correct);
  if ([...chosen].some((option) => !right.has(option))) return none;
  if (chosen.size === right.size) return full;
  return multipleRule === "PARTIAL" ? { points: hundredths((points * chosen.size) / right.size), outcome: "PARTLY" } : none;
}

/**
 * Fill-in answers compare after: trimming, full-width forms to half-width (ＡＢＣ１２３ → ABC123,
 * the ideographic space to a space), Latin letters to lower case. Nothing else is folded: 的/地,
 * traditional characters or a missing word stay wrong, and the organiser lists accepted variants.
 */
export function normalizeFillIn(text: string): string {
  return toHalfWidth(text)
    .trim()
    .replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space (U+3000) to their ASCII twins. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (char) => (char === "\u3000" ? " " : String.fromCharCode(char.charCodeAt(0) - 0xfee0)));
}

/** The answer key itself must be usable: the import and the question form refuse one that is not. */
export function answerKeyError(key: AnswerKey, optionCount: number): MessageKey | null {
  const exists = (option: number) => Number.isInteger(option) && option >= 0 && option < optionCount;
  if (key.kind === "SINGLE") return exists(key.correct) ? null : "camp.scoring.grading.keyWithoutAnswer";
  if (key.kind === "MULTIPLE") {
    if (key.correct.length === 0 || !key.correct.every(exists)) return "camp.scoring.grading.keyWithoutAnswer";
    return new Set(key.correct).size === key.correct.length ? null : "camp.scoring.grading.optionTwice";
  }
  if (key.kind === "FILL_IN") return key.accepted.some((text) => normalizeFillIn(text) !== "") ? null : "camp.scoring.grading.keyWithoutAnswer";
  return null;
}

export interface PaperTotal {
  points: number;
  max: number;
}

/** Sums grades (hundredths kept exact by adding in hundredths). */
export function paperTotal(grades: readonly Grade[], maxPoints: readonly number[]): PaperTotal {
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + Math.round(value * 100), 0) / 100;
  return { points: sum(grades.map((grade) => grade.points)), max: sum(maxPoints) };
}
