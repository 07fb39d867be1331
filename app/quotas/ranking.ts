import type { Duty, TargetGroup } from "~/generated/prisma/enums.ts";
import type { CareerStage } from "~/people/career-stage.ts";

/**
 * 推荐有对象、安排有人选 (issue 20 §7, decision 089): how a candidate for a quota is scored. Pure:
 * the service gathers each person's figures, this turns them into a score and the reasons the
 * admin reads. Every factor adds (or takes) points and says why, so the ranking can be explained
 * line by line:
 *
 * | factor | points |
 * |---|---|
 * | stage fit: the quota names stages and the person is in one | +10 |
 * | groups: each group the quota names that the person belongs to | +5, at most +10 |
 * | camp total: by rank among the camp's participants, 1st → 40, last → 0 | 0–40 |
 * | camp strengths: duties more than 10 points above their stage's median | +2 each, at most 3 |
 * | camp weaknesses: duties more than 10 points below their stage's median | −2 each, at most 3 |
 * | training hours this year (the hours ledger) | 20 × hours / 40, at most 20 |
 * | outputs (studio outputs they are an author of) of the last three years | +5 each, at most +15 |
 * | earlier opportunities: chosen for an earlier quota (decided, not cancelled) | −10 each |
 *
 * Stage and groups also decide who is eligible at all (the service leaves the others out); the
 * earlier-choice penalty is what keeps the same people from always being chosen.
 */

export const POINTS = {
  stageFit: 10,
  perGroup: 5,
  groupsMax: 10,
  campTotal: 40,
  perDuty: 2,
  dutiesCounted: 3,
  /** A duty this far (a share, 0.1 = 10 points of 100) from the stage's median is a strength or weakness. */
  dutyMargin: 0.1,
  hours: 20,
  hoursForFull: 40,
  perOutput: 5,
  outputsMax: 15,
  perEarlierChoice: -10,
} as const;

/** Outputs count from 1 January of this many years back (this year and the two before it). */
export const OUTPUT_YEARS = 3;

/** One line of "why": an i18n key under quotas.reasons, its parameters, and the points it gave. */
export interface Reason {
  key: ReasonKey;
  params: Record<string, string | number>;
  points: number;
}

export type ReasonKey =
  | "quotas.reasons.stageFit"
  | "quotas.reasons.groups"
  | "quotas.reasons.campRank"
  | "quotas.reasons.campNoResult"
  | "quotas.reasons.campNone"
  | "quotas.reasons.campStrong"
  | "quotas.reasons.campWeak"
  | "quotas.reasons.hours"
  | "quotas.reasons.outputs"
  | "quotas.reasons.earlierChoices"
  | "quotas.reasons.noLongerEligible";

/** What the service knows about one eligible person. */
export interface CandidateFacts {
  stage: CareerStage;
  groups: readonly TargetGroup[];
  /** Their place in the camp's ranking by total (ties share a place), or null when they have no total there. */
  camp: { title: string; rank: number; of: number; strong: readonly Duty[]; weak: readonly Duty[] } | { title: string; rank: null } | null;
  hoursThisYear: number;
  outputs: number;
  earlierChoices: number;
}

/** The quota's side: which stages and groups it asks for (empty: any). */
export interface QuotaAsks {
  stages: readonly CareerStage[];
  groups: readonly TargetGroup[];
}

/** Whether a person may be a candidate at all: their stage is asked for, and one of their groups (when the quota names any). */
export function isEligible(asks: QuotaAsks, person: { stage: CareerStage; groups: readonly TargetGroup[] }): boolean {
  const stageOk = asks.stages.length === 0 || asks.stages.includes(person.stage);
  const groupOk = asks.groups.length === 0 || person.groups.some((group) => asks.groups.includes(group));
  return stageOk && groupOk;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The score and its reasons, in the order of the table above. */
export function scoreCandidate(asks: QuotaAsks, facts: CandidateFacts): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  if (asks.stages.length > 0 && asks.stages.includes(facts.stage)) {
    reasons.push({ key: "quotas.reasons.stageFit", params: { stage: facts.stage }, points: POINTS.stageFit });
  }
  const groups = asks.groups.filter((group) => facts.groups.includes(group));
  if (groups.length > 0) {
    reasons.push({ key: "quotas.reasons.groups", params: { groups: groups.join(",") }, points: Math.min(POINTS.groupsMax, groups.length * POINTS.perGroup) });
  }
  if (facts.camp === null) {
    reasons.push({ key: "quotas.reasons.campNone", params: {}, points: 0 });
  } else if (facts.camp.rank === null) {
    reasons.push({ key: "quotas.reasons.campNoResult", params: { camp: facts.camp.title }, points: 0 });
  } else {
    const { rank, of, strong, weak } = facts.camp;
    const points = of <= 1 ? POINTS.campTotal : (POINTS.campTotal * (of - rank)) / (of - 1);
    reasons.push({ key: "quotas.reasons.campRank", params: { camp: facts.camp.title, rank, count: of }, points: round2(points) });
    const strongCounted = strong.slice(0, POINTS.dutiesCounted);
    if (strongCounted.length) reasons.push({ key: "quotas.reasons.campStrong", params: { duties: strongCounted.join(",") }, points: strongCounted.length * POINTS.perDuty });
    const weakCounted = weak.slice(0, POINTS.dutiesCounted);
    if (weakCounted.length) reasons.push({ key: "quotas.reasons.campWeak", params: { duties: weakCounted.join(",") }, points: -weakCounted.length * POINTS.perDuty });
  }
  const hours = round2(facts.hoursThisYear);
  reasons.push({ key: "quotas.reasons.hours", params: { hours }, points: round2((POINTS.hours * Math.min(Math.max(hours, 0), POINTS.hoursForFull)) / POINTS.hoursForFull) });
  reasons.push({ key: "quotas.reasons.outputs", params: { count: facts.outputs }, points: Math.min(POINTS.outputsMax, facts.outputs * POINTS.perOutput) });
  if (facts.earlierChoices > 0) {
    reasons.push({ key: "quotas.reasons.earlierChoices", params: { count: facts.earlierChoices }, points: facts.earlierChoices * POINTS.perEarlierChoice });
  }
  return { score: round2(reasons.reduce((sum, reason) => sum + reason.points, 0)), reasons };
}

/**
 * Places by total, highest first; equal totals share a place (1, 2, 2, 4), so "第 2 名" means the
 * same for both.
 */
export function placesByTotal(totals: ReadonlyArray<{ userId: string; total: number }>): Map<string, number> {
  const sorted = [...totals].sort((a, b) => b.total - a.total);
  const places = new Map<string, number>();
  sorted.forEach((row, index) => {
    const previous = sorted[index - 1];
    places.set(row.userId, previous && previous.total === row.total ? places.get(previous.userId)! : index + 1);
  });
  return places;
}

/**
 * The order of candidates: score, then fewer earlier choices (the same people not always first),
 * then name order, so a re-rank with unchanged figures gives the same list.
 */
export function compareCandidates(
  a: { score: number; earlierChoices: number; sortKey: string },
  b: { score: number; earlierChoices: number; sortKey: string },
): number {
  return b.score - a.score || a.earlierChoices - b.earlierChoices || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);
}
