import type { Duty } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { bMatch } from "./b-matching.ts";

/**
 * Judged rounds (案例研讨, 谈心谈话; issue 20 §5): rubrics, score sheets, the round score by the
 * organiser's rule, disagreement flags, judge consistency and the assignment of judges to
 * contestants. Pure: the services load and store; the formulas are in decision 082.
 */

export interface JudgingError {
  key: MessageKey;
  params: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------------
// Rubrics

export interface RubricCriterion {
  /** Stable within the rubric: score sheets name criteria by it. */
  key: string;
  label: string;
  /** Points of this criterion; the weights of a rubric add up to 100. */
  weight: number;
  /** The duties (九项职责) this criterion measures, for the radar. */
  duties: readonly Duty[];
}

export const RUBRIC_TOTAL = 100;
export const MAX_CRITERIA = 12;
export const LABEL_MAX_LENGTH = 40;

/** A shipped template: labels are message keys, translated when a rubric is made from it. */
export interface RubricTemplate {
  round: "TALK" | "CASE";
  criteria: ReadonlyArray<{ key: string; label: MessageKey; weight: number; duties: readonly Duty[] }>;
}

/**
 * 谈心谈话, as the issue gives it. The duties are our proposal: a talk tests guiding a student
 * (思想引领), knowing them and their daily life (日常事务) and helping with their worries (心理健康).
 */
export const TALK_TEMPLATE: RubricTemplate = {
  round: "TALK",
  criteria: [
    { key: "theme", label: "camp.scoring.templates.talk.theme", weight: 25, duties: ["DAILY_AFFAIRS"] },
    { key: "reasoning", label: "camp.scoring.templates.talk.reasoning", weight: 25, duties: ["IDEOLOGY"] },
    { key: "manner", label: "camp.scoring.templates.talk.manner", weight: 20, duties: ["MENTAL_HEALTH"] },
    { key: "concerns", label: "camp.scoring.templates.talk.concerns", weight: 20, duties: ["MENTAL_HEALTH"] },
    { key: "effect", label: "camp.scoring.templates.talk.effect", weight: 10, duties: ["IDEOLOGY", "MENTAL_HEALTH"] },
  ],
};

/**
 * 案例研讨, proposed from the seed: "考察综合运用理论分析问题、研判问题、应急处突等能力" gives theory,
 * judging the problem and handling the emergency; a workable plan and a clear account complete it.
 */
export const CASE_TEMPLATE: RubricTemplate = {
  round: "CASE",
  criteria: [
    { key: "theory", label: "camp.scoring.templates.caseStudy.theory", weight: 25, duties: ["IDEOLOGY", "RESEARCH"] },
    { key: "analysis", label: "camp.scoring.templates.caseStudy.analysis", weight: 25, duties: ["DAILY_AFFAIRS", "MENTAL_HEALTH"] },
    { key: "response", label: "camp.scoring.templates.caseStudy.response", weight: 25, duties: ["CRISIS"] },
    { key: "measures", label: "camp.scoring.templates.caseStudy.measures", weight: 15, duties: ["DAILY_AFFAIRS"] },
    { key: "expression", label: "camp.scoring.templates.caseStudy.expression", weight: 10, duties: ["RESEARCH"] },
  ],
};

/** A rubric from a template, its labels in the organiser's language (they may edit them after). */
export function rubricFromTemplate(template: RubricTemplate, translate: (key: MessageKey) => string): RubricCriterion[] {
  return template.criteria.map((criterion) => ({ ...criterion, label: translate(criterion.label), duties: [...criterion.duties] }));
}

/** Whole points: a weight of 12.5 would make sheets in tenths ambiguous to sum by hand. */
export function validateRubric(criteria: readonly RubricCriterion[]): JudgingError[] {
  if (criteria.length === 0) return [{ key: "camp.scoring.rubric.empty", params: {} }];
  const errors: JudgingError[] = [];
  if (criteria.length > MAX_CRITERIA) errors.push({ key: "camp.scoring.rubric.tooMany", params: { max: MAX_CRITERIA } });
  const seenKeys = new Set<string>();
  const seenLabels = new Set<string>();
  criteria.forEach((criterion, index) => {
    const label = criterion.label.trim();
    const name = label || String(index + 1);
    if (!label || label.length > LABEL_MAX_LENGTH) errors.push({ key: "camp.scoring.rubric.badLabel", params: { number: index + 1, max: LABEL_MAX_LENGTH } });
    if (seenKeys.has(criterion.key) || (label && seenLabels.has(label))) errors.push({ key: "camp.scoring.rubric.duplicate", params: { criterion: name } });
    seenKeys.add(criterion.key);
    seenLabels.add(label);
    if (!Number.isInteger(criterion.weight) || criterion.weight < 1) errors.push({ key: "camp.scoring.rubric.badWeight", params: { criterion: name } });
    if (criterion.duties.length === 0) errors.push({ key: "camp.scoring.rubric.noDuty", params: { criterion: name } });
  });
  const sum = criteria.reduce((total, criterion) => total + (Number.isFinite(criterion.weight) ? criterion.weight : 0), 0);
  if (sum !== RUBRIC_TOTAL) errors.push({ key: "camp.scoring.rubric.weightsNot100", params: { sum, total: RUBRIC_TOTAL } });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Score sheets

/** One judge's points per criterion key. */
export type ScoreSheet = Readonly<Record<string, number>>;

/** Every criterion scored, within 0..weight, in tenths at most; no criterion the rubric lacks. */
export function validateScoreSheet(criteria: readonly RubricCriterion[], sheet: ScoreSheet): JudgingError[] {
  const errors: JudgingError[] = [];
  const known = new Set(criteria.map((criterion) => criterion.key));
  for (const key of Object.keys(sheet)) if (!known.has(key)) errors.push({ key: "camp.scoring.sheet.unknownCriterion", params: { criterion: key } });
  for (const criterion of criteria) {
    const value = sheet[criterion.key];
    const params = { criterion: criterion.label, max: criterion.weight };
    if (value === undefined) errors.push({ key: "camp.scoring.sheet.missing", params });
    else if (!Number.isFinite(value) || value < 0 || value > criterion.weight) errors.push({ key: "camp.scoring.sheet.outOfRange", params });
    else if (Math.abs(value * 10 - Math.round(value * 10)) > 1e-9) errors.push({ key: "camp.scoring.sheet.oneDecimal", params });
  }
  return errors;
}

/** A valid sheet's total, added in tenths so 8.1 + 7.2 is 15.3 and not 15.299999. */
export function sheetTotal(sheet: ScoreSheet): number {
  return Object.values(sheet).reduce((sum, value) => sum + Math.round(value * 10), 0) / 10;
}

// ---------------------------------------------------------------------------------------------
// Round scores

export const SCORE_RULES = ["MEAN", "TRIMMED_MEAN", "Z_SCORE"] as const;
export type ScoreRule = (typeof SCORE_RULES)[number];

/** One judge's total for one contestant (a sheet's total, 0..100). */
export interface JudgeScore {
  judgeId: string;
  contestantId: string;
  total: number;
}

export interface ContestantScore {
  contestantId: string;
  /** The round score (0..100, hundredths), or null with the reason in `error`. */
  score: number | null;
  error: JudgingError | null;
  judges: number;
  /** Highest minus lowest of the judges' totals. */
  spread: number;
  /** The spread exceeds the tolerance: the organiser asks a further judge. */
  disagreement: boolean;
}

export interface RoundScores {
  contestants: ContestantScore[];
  /** Judges whose sheets the z-score could not use (they scored one contestant only). */
  unusedJudges: string[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** Population standard deviation (divides by n): the judges' sheets are the whole population. */
const sd = (values: readonly number[]) => {
  const m = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - m) ** 2)));
};

/**
 * The round score of every contestant who has at least one sheet.
 * - MEAN: the mean of the judges' totals.
 * - TRIMMED_MEAN (去掉一个最高分和一个最低分): drop one highest and one lowest, mean of the rest;
 *   fewer than 3 judges is an error for that contestant (`trimmedNeedsThree`), not a silent mean.
 * - Z_SCORE, for panels that saw different contestants: each judge's totals are standardised over
 *   all the contestants that judge scored, z = (x − m_j) / s_j; a contestant's z is the mean of
 *   their judges' z; it is mapped back to the scale by the mean M and standard deviation S of the
 *   totals the z-score uses, score = M + S·z, clamped to 0..100. Edge cases: a judge with zero
 *   spread over two or more contestants gives each z = 0 (they saw them as equal); a judge who scored one
 *   contestant says nothing about relative standing, so their sheet is left out (listed in
 *   `unusedJudges`), and a contestant with only such sheets has no score (`noComparableSheet`);
 *   if all totals are equal (S = 0) every score is M.
 * Disagreement: highest − lowest of a contestant's totals > tolerance (equal to it is not flagged).
 */
export function roundScores(scores: readonly JudgeScore[], rule: ScoreRule, tolerance: number): RoundScores {
  const byContestant = groupBy(scores, (score) => score.contestantId);
  const byJudge = groupBy(scores, (score) => score.judgeId);
  const judgeStats = new Map([...byJudge].map(([judgeId, own]) => [judgeId, { count: own.length, mean: mean(own.map((s) => s.total)), sd: sd(own.map((s) => s.total)) }]));
  const unusedJudges = rule === "Z_SCORE" ? [...judgeStats].filter(([, stats]) => stats.count < 2).map(([judgeId]) => judgeId).sort() : [];
  // The scale to map back to: the sheets the z-score uses (a lone sheet would shift M and S alone).
  const allTotals = scores.filter((score) => judgeStats.get(score.judgeId)!.count >= 2).map((score) => score.total);
  const overall = allTotals.length > 0 ? { mean: mean(allTotals), sd: sd(allTotals) } : { mean: 0, sd: 0 };

  const contestants = [...byContestant].map(([contestantId, own]): ContestantScore => {
    const totals = own.map((score) => score.total);
    // In tenths, as sheets are: 8.3 − 7.2 is 1.1 and compares equal to a tolerance of 1.1.
    const spread = (Math.round(Math.max(...totals) * 10) - Math.round(Math.min(...totals) * 10)) / 10;
    const base = { contestantId, judges: own.length, spread, disagreement: spread > tolerance };
    if (rule === "MEAN") return { ...base, score: round2(mean(totals)), error: null };
    if (rule === "TRIMMED_MEAN") {
      if (totals.length < 3) return { ...base, score: null, error: { key: "camp.scoring.round.trimmedNeedsThree", params: { count: totals.length } } };
      const sorted = [...totals].sort((a, b) => a - b);
      return { ...base, score: round2(mean(sorted.slice(1, -1))), error: null };
    }
    const zs = own.flatMap((score) => {
      const stats = judgeStats.get(score.judgeId)!;
      if (stats.count < 2) return [];
      // Three sheets of 80.1 have a floating-point sd of ~1e-14, not 0: anything below a
      // thousandth of a tenth is no spread.
      return [stats.sd < 1e-6 ? 0 : (score.total - stats.mean) / stats.sd];
    });
    if (zs.length === 0) return { ...base, score: null, error: { key: "camp.scoring.round.noComparableSheet", params: {} } };
    const mapped = overall.mean + overall.sd * mean(zs);
    return { ...base, score: round2(Math.min(RUBRIC_TOTAL, Math.max(0, mapped))), error: null };
  });
  return { contestants: contestants.sort((a, b) => compareIds(a.contestantId, b.contestantId)), unusedJudges };
}

// ---------------------------------------------------------------------------------------------
// Judge consistency

export interface JudgeConsistency {
  judgeId: string;
  /** Contestants this judge shares with at least one other judge. */
  compared: number;
  /** Mean of (this judge's total − the other judges' mean): above 0 lenient, below 0 strict. */
  meanOffset: number | null;
  /** Mean of |offset|. */
  meanAbsoluteOffset: number | null;
  /** Pearson correlation of this judge's totals with the others' means; null below 3 pairs or without spread. */
  correlation: number | null;
}

/**
 * How each judge stands against the consensus. The consensus of a contestant, for judge j, is the
 * mean of the *other* judges' totals (leave-one-out), so a judge is not compared with themselves.
 */
export function judgeConsistency(scores: readonly JudgeScore[]): JudgeConsistency[] {
  const byContestant = groupBy(scores, (score) => score.contestantId);
  const byJudge = groupBy(scores, (score) => score.judgeId);
  return [...byJudge]
    .map(([judgeId, own]) => {
      const pairs = own.flatMap((score) => {
        const others = byContestant.get(score.contestantId)!.filter((other) => other.judgeId !== judgeId);
        return others.length === 0 ? [] : [{ mine: score.total, consensus: mean(others.map((other) => other.total)) }];
      });
      if (pairs.length === 0) return { judgeId, compared: 0, meanOffset: null, meanAbsoluteOffset: null, correlation: null };
      const offsets = pairs.map((pair) => pair.mine - pair.consensus);
      return {
        judgeId,
        compared: pairs.length,
        meanOffset: round2(mean(offsets)),
        meanAbsoluteOffset: round2(mean(offsets.map(Math.abs))),
        correlation: pearson(pairs.map((pair) => pair.mine), pairs.map((pair) => pair.consensus)),
      };
    })
    .sort((a, b) => compareIds(a.judgeId, b.judgeId));
}

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length < 3) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  if (sxx === 0 || syy === 0) return null;
  return round2(sxy / Math.sqrt(sxx * syy));
}

// ---------------------------------------------------------------------------------------------
// Assigning judges

/** College null: an outside judge (eligible for everyone), or a contestant of no college. */
export interface Party {
  id: string;
  collegeId: string | null;
}

export const MAX_JUDGES_PER_CONTESTANT = 15;

/**
 * `judgesOf`: contestant id → judge ids (sorted); `load`: judge id → contestants. A refusal names
 * each contestant who cannot be covered by their id in `params.contestant` (the service puts the
 * name in before translating).
 */
export type JudgeAssignment =
  | { ok: true; judgesOf: Map<string, string[]>; load: Map<string, number> }
  | { ok: false; errors: JudgingError[] };

/**
 * Gives every contestant `perContestant` different judges, none of their own college, with the
 * busiest judge as little busy as possible: the smallest load L ≥ ⌈contestants·k / judges⌉ for which
 * a maximum flow meets every demand (each judge taking at most L). Deterministic: contestants and
 * judges are taken in id order (each contestant starting further along the judges, round robin),
 * so the same people always give the same assignment. A contestant with fewer than k eligible
 * judges cannot be covered at any load: they are named, and nobody is assigned.
 */
export function assignJudges(judges: readonly Party[], contestants: readonly Party[], perContestant: number): JudgeAssignment {
  if (!Number.isInteger(perContestant) || perContestant < 1 || perContestant > MAX_JUDGES_PER_CONTESTANT) {
    return { ok: false, errors: [{ key: "camp.scoring.assign.badCount", params: { max: MAX_JUDGES_PER_CONTESTANT } }] };
  }
  const sortedJudges = [...judges].sort((a, b) => compareIds(a.id, b.id));
  const sortedContestants = [...contestants].sort((a, b) => compareIds(a.id, b.id));
  const eligible = sortedContestants.map((contestant) =>
    sortedJudges.flatMap((judge, index) => (judge.collegeId === null || contestant.collegeId === null || judge.collegeId !== contestant.collegeId ? [index] : [])),
  );
  const uncovered = sortedContestants.flatMap((contestant, index) =>
    eligible[index]!.length < perContestant
      ? [{ key: "camp.scoring.assign.uncovered" as const, params: { contestant: contestant.id, eligible: eligible[index]!.length, needed: perContestant } }]
      : [],
  );
  if (uncovered.length > 0) return { ok: false, errors: uncovered };

  // Contestant i starts looking at the judge after the last one contestant i − 1 took (round robin),
  // so loads come out even (8, 8, 7, 7 rather than 8, 8, 8, 6) and the lowest ids are not favoured.
  const roundRobin = eligible.map((candidates, index) => {
    const start = (index * perContestant) % sortedJudges.length;
    return [...candidates.filter((judge) => judge >= start), ...candidates.filter((judge) => judge < start)];
  });
  const demand = sortedContestants.map(() => perContestant);
  const atLoad = (load: number) => {
    const matching = bMatch(demand, sortedJudges.map(() => load), roundRobin);
    return matching.missing.every((lacking) => lacking === 0) ? matching.assigned : null;
  };
  // A higher load never hurts, and every contestant has k eligible judges, so a load of all the
  // contestants always succeeds: search the smallest load that does between the two.
  let low = sortedJudges.length === 0 ? 0 : Math.ceil((sortedContestants.length * perContestant) / sortedJudges.length);
  let high = sortedContestants.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (atLoad(middle)) high = middle;
    else low = middle + 1;
  }
  const assigned = atLoad(low)!;
  const judgesOf = new Map(sortedContestants.map((contestant, index) => [contestant.id, assigned[index]!.map((judge) => sortedJudges[judge]!.id).sort(compareIds)]));
  const load = new Map(sortedJudges.map((judge) => [judge.id, 0]));
  for (const ids of judgesOf.values()) for (const id of ids) load.set(id, load.get(id)! + 1);
  return { ok: true, judgesOf, load };
}

// ---------------------------------------------------------------------------------------------

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
