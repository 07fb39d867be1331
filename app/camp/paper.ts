import type { Duty } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { bMatch } from "./b-matching.ts";
import { seededRandom, shuffled } from "./seeded-random.ts";

/**
 * Drawing one person's test paper from the question bank by the camp's rules (issue 20 §3).
 * Pure: the service loads the bank and the rules, stores what this returns with the attempt, and
 * shows it; the same seed (camp id + person id) and bank give the same paper, so a reload or an
 * audit draws it again identically.
 */

export const QUESTION_KINDS = ["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_IN", "SHORT_ANSWER"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Difficulty is a whole number from 1 (easy) to 5 (hard). */
export const DIFFICULTY_MIN = 1;
export const DIFFICULTY_MAX = 5;
/** No paper has more questions than this (a 2-hour test of 1 minute each is generous). */
export const MAX_PAPER_QUESTIONS = 200;

/** What the draw needs to know of a question (its current version). */
export interface BankQuestion {
  id: string;
  versionId: string;
  kind: QuestionKind;
  duties: readonly Duty[];
  difficulty: number;
  /** Number of options for SINGLE and MULTIPLE (TRUE_FALSE always shows 对, 错 in that order). */
  optionCount: number;
}

/** "So many questions of this duty, difficulty and kind, at so many points each." */
export interface DrawRule {
  duty: Duty | "ANY";
  difficulty: { min: number; max: number };
  kind: QuestionKind | "ANY";
  count: number;
  pointsEach: number;
}

export interface PaperQuestion {
  questionId: string;
  versionId: string;
  kind: QuestionKind;
  /** The rule (index into the rules) that drew the question. */
  rule: number;
  points: number;
  /**
   * Option order as shown: `optionOrder[shown] = stored`, the index of the option in the question.
   * Empty for kinds without options. Answers are given by shown position and mapped back by this.
   */
  optionOrder: number[];
}

/** A refusal the service turns into a message; `rule` is 1-based, as the organiser counts. */
export interface DrawError {
  key: MessageKey;
  params: Record<string, string | number>;
}

export type DrawResult = { ok: true; paper: PaperQuestion[] } | { ok: false; errors: DrawError[] };

/** Questions are grouped by kind in the usual order of a Chinese paper (单选、多选、判断、填空、简答). */
const KIND_ORDER: Record<QuestionKind, number> = { SINGLE: 0, MULTIPLE: 1, TRUE_FALSE: 2, FILL_IN: 3, SHORT_ANSWER: 4 };

const hasOneDecimal = (value: number) => Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;

export function matchesRule(question: BankQuestion, rule: DrawRule): boolean {
  return (
    (rule.duty === "ANY" || question.duties.includes(rule.duty)) &&
    (rule.kind === "ANY" || question.kind === rule.kind) &&
    question.difficulty >= rule.difficulty.min &&
    question.difficulty <= rule.difficulty.max
  );
}

/** Rules that cannot mean anything: the organiser is told which and why, before any draw. */
export function validateRules(rules: readonly DrawRule[]): DrawError[] {
  const errors: DrawError[] = [];
  if (rules.length === 0) return [{ key: "camp.scoring.paper.noRules", params: {} }];
  rules.forEach((rule, index) => {
    const params = { rule: index + 1 };
    if (!Number.isInteger(rule.count) || rule.count < 1) errors.push({ key: "camp.scoring.paper.badCount", params });
    if (!(rule.pointsEach > 0) || rule.pointsEach > 100 || !hasOneDecimal(rule.pointsEach)) errors.push({ key: "camp.scoring.paper.badPoints", params });
    const { min, max } = rule.difficulty;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < DIFFICULTY_MIN || max > DIFFICULTY_MAX || min > max) {
      errors.push({ key: "camp.scoring.paper.badDifficulty", params: { ...params, min: DIFFICULTY_MIN, max: DIFFICULTY_MAX } });
    }
  });
  const total = rules.reduce((sum, rule) => sum + (Number.isInteger(rule.count) && rule.count > 0 ? rule.count : 0), 0);
  if (total > MAX_PAPER_QUESTIONS) errors.push({ key: "camp.scoring.paper.tooManyQuestions", params: { count: total, max: MAX_PAPER_QUESTIONS } });
  return errors;
}

/**
 * Draws the paper. Each rule's candidates are shuffled by the seed, the rules with the least
 * slack (candidates beyond their count) go first, and a rule that finds its candidates taken moves
 * an earlier rule to another of its candidates (augmenting paths, app/camp/b-matching.ts): so when
 * the bank can satisfy all rules together, a paper is found, and never a shorter one. When it
 * cannot, each short rule is named with how many it lacks: `ruleShort` when the rule alone has too
 * few candidates, `rulesOverlap` when it has enough alone but other rules take them.
 */
export function drawPaper(bank: readonly BankQuestion[], rules: readonly DrawRule[], seed: string): DrawResult {
  const invalid = validateRules(rules);
  if (invalid.length > 0) return { ok: false, errors: invalid };
  const ids = new Set<string>();
  for (const question of bank) {
    if (ids.has(question.id)) return { ok: false, errors: [{ key: "camp.scoring.paper.duplicateQuestion", params: { id: question.id } }] };
    ids.add(question.id);
  }

  // The database may return the bank in any order: sort it so the seed alone decides the draw.
  const questions = [...bank].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const random = seededRandom(seed);
  const candidates = rules.map((rule) => {
    const matching: number[] = [];
    for (let index = 0; index < questions.length; index++) if (matchesRule(questions[index]!, rule)) matching.push(index);
    return shuffled(matching, random);
  });

  const shortAlone = rules.flatMap((rule, index) =>
    candidates[index]!.length < rule.count
      ? [{ key: "camp.scoring.paper.ruleShort" as const, params: { rule: index + 1, needed: rule.count, available: candidates[index]!.length, missing: rule.count - candidates[index]!.length } }]
      : [],
  );
  if (shortAlone.length > 0) return { ok: false, errors: shortAlone };

  const mostConstrainedFirst = rules.map((_, index) => index).sort((a, b) => candidates[a]!.length - rules[a]!.count - (candidates[b]!.length - rules[b]!.count) || a - b);
  const { assigned, missing } = bMatch(
    rules.map((rule) => rule.count),
    questions.map(() => 1),
    candidates,
    mostConstrainedFirst,
  );
  const overlapping = missing.flatMap((lacking, index) => (lacking > 0 ? [{ key: "camp.scoring.paper.rulesOverlap" as const, params: { rule: index + 1, needed: rules[index]!.count, missing: lacking } }] : []));
  if (overlapping.length > 0) return { ok: false, errors: overlapping };

  const drawn = assigned.flatMap((taken, rule) => taken.map((index) => ({ question: questions[index]!, rule })));
  // Order: by kind, and within a kind at random (the seed again), so two people see different orders.
  const ordered = shuffled(drawn, random).sort((a, b) => KIND_ORDER[a.question.kind] - KIND_ORDER[b.question.kind]);
  return {
    ok: true,
    paper: ordered.map(({ question, rule }) => ({
      questionId: question.id,
      versionId: question.versionId,
      kind: question.kind,
      rule,
      points: rules[rule]!.pointsEach,
      optionOrder: optionOrderFor(question, random),
    })),
  };
}

function optionOrderFor(question: BankQuestion, random: () => number): number[] {
  const identity = Array.from({ length: question.optionCount }, (_, i) => i);
  if (question.kind === "SINGLE" || question.kind === "MULTIPLE") return shuffled(identity, random);
  if (question.kind === "TRUE_FALSE") return [0, 1];
  return [];
}
