import { Duty } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import type { CareerStage } from "~/people/career-stage.ts";
import type { RubricCriterion, ScoreSheet } from "./judging.ts";

/**
 * Results of a camp (issue 20 §6): a radar across the nine duties per person, the median of their
 * career stage, their weak areas, and the total of the round scores. Pure: the services collect
 * the measured items from graded papers and judges' sheets.
 */

export const DUTIES = Object.values(Duty);

/** Shares in 0..1 per duty; null where nothing measured that duty (not 0: not tested is not failed). */
export type Radar = Record<Duty, number | null>;

/**
 * One thing that measured duties: a graded question (its duty tags, points earned of its points),
 * or a rubric criterion of a judged round (its duties, the judges' mean for it of its weight).
 */
export interface MeasuredItem {
  duties: readonly Duty[];
  earned: number;
  max: number;
}

/**
 * Per duty: points earned over points possible, across every item tagged with that duty. An item
 * with two duties counts in full for both (a share is a ratio, and halving both sides of an item
 * would only change how much it weighs against the others of that duty).
 */
export function radarOf(items: readonly MeasuredItem[]): Radar {
  const earned = new Map<Duty, number>();
  const possible = new Map<Duty, number>();
  for (const item of items) {
    for (const duty of new Set(item.duties)) {
      earned.set(duty, (earned.get(duty) ?? 0) + item.earned);
      possible.set(duty, (possible.get(duty) ?? 0) + item.max);
    }
  }
  return Object.fromEntries(DUTIES.map((duty) => [duty, possible.get(duty) ? earned.get(duty)! / possible.get(duty)! : null])) as Radar;
}

/**
 * One radar from several rounds' radars: per duty, the mean of the rounds that measured it. Points
 * differ in size between rounds (a test question is worth 1–2 points, a rubric criterion 25), so
 * pooling all items in one radarOf would let a judged round drown the test; a radar per round,
 * combined here, gives each round that measured a duty the same say in it.
 */
export function combineRadars(radars: readonly Radar[]): Radar {
  return Object.fromEntries(
    DUTIES.map((duty) => {
      const measured = radars.map((radar) => radar[duty]).filter((share): share is number => share !== null);
      return [duty, measured.length === 0 ? null : measured.reduce((sum, share) => sum + share, 0) / measured.length];
    }),
  ) as Radar;
}

/**
 * The items a judged round gives one contestant: per criterion, the mean of their judges' points
 * for it, out of its weight, tagged with the criterion's duties. No sheets, no items (not zeros).
 */
export function judgedItems(criteria: readonly RubricCriterion[], sheets: readonly ScoreSheet[]): MeasuredItem[] {
  if (sheets.length === 0) return [];
  return criteria.map((criterion) => ({
    duties: criterion.duties,
    earned: sheets.reduce((sum, sheet) => sum + (sheet[criterion.key] ?? 0), 0) / sheets.length,
    max: criterion.weight,
  }));
}

/** The median of the values present (the mean of the middle two for an even count); null if none. */
export function median(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (present.length === 0) return null;
  const middle = Math.floor(present.length / 2);
  return present.length % 2 === 1 ? present[middle]! : (present[middle - 1]! + present[middle]!) / 2;
}

/** Per stage, per duty: the median of the people of that stage who were measured on it. */
export function stageMedians(people: ReadonlyArray<{ stage: CareerStage; radar: Radar }>): Map<CareerStage, Radar> {
  const stages = new Map<CareerStage, Radar[]>();
  for (const person of people) stages.set(person.stage, [...(stages.get(person.stage) ?? []), person.radar]);
  return new Map(
    [...stages].map(([stage, radars]) => [stage, Object.fromEntries(DUTIES.map((duty) => [duty, median(radars.map((radar) => radar[duty]))])) as Radar]),
  );
}

/**
 * Weak areas, two ways the organiser may pick:
 * - BELOW_MEDIAN: duties where the person's share is more than `margin` (a share, 0.1 = 10 points
 *   of 100) below their stage's median; exactly `margin` below is not weak.
 * - LOWEST: the `count` duties with the lowest shares (ties by the order of the nine duties).
 * Duties not measured for the person, or (BELOW_MEDIAN) for no one of their stage, are never weak.
 * Weakest first; each with the figures the recommendation's reason quotes.
 */
export type WeakAreaRule = { mode: "BELOW_MEDIAN"; margin: number } | { mode: "LOWEST"; count: number };

export interface WeakArea {
  duty: Duty;
  share: number;
  median: number | null;
}

export function weakAreas(radar: Radar, stageMedian: Radar, rule: WeakAreaRule): WeakArea[] {
  const measured = DUTIES.flatMap((duty) => (radar[duty] === null ? [] : [{ duty, share: radar[duty]!, median: stageMedian[duty] }]));
  if (rule.mode === "LOWEST") return [...measured].sort((a, b) => a.share - b.share).slice(0, rule.count);
  return measured
    .filter((area) => area.median !== null && area.median - area.share > rule.margin + 1e-9)
    .sort((a, b) => b.median! - b.share - (a.median! - a.share));
}

// ---------------------------------------------------------------------------------------------
// The total

export const CAMP_ROUNDS = ["TEST", "IDENTIFICATION", "CASE", "TALK"] as const;
export type CampRound = (typeof CAMP_ROUNDS)[number];

export interface RoundSetting {
  enabled: boolean;
  /** Relative weight (whole number 0..100); only the ratio between enabled rounds matters. */
  weight: number;
}

export type RoundSettings = Record<CampRound, RoundSetting>;

/** The seed's four rounds, equally weighted; the organiser changes them per camp. */
export const DEFAULT_ROUND_SETTINGS: RoundSettings = {
  TEST: { enabled: true, weight: 25 },
  IDENTIFICATION: { enabled: true, weight: 25 },
  CASE: { enabled: true, weight: 25 },
  TALK: { enabled: true, weight: 25 },
};

export function validateRoundSettings(settings: RoundSettings): Array<{ key: MessageKey; params: Record<string, string | number> }> {
  const badWeight = CAMP_ROUNDS.some((round) => !Number.isInteger(settings[round].weight) || settings[round].weight < 0 || settings[round].weight > 100);
  if (badWeight) return [{ key: "camp.scoring.total.badWeight", params: { max: 100 } }];
  if (!CAMP_ROUNDS.some((round) => settings[round].enabled && settings[round].weight > 0)) return [{ key: "camp.scoring.total.noWeightedRound", params: {} }];
  return [];
}

/** A person's result in one round: points of the round's maximum; null when they have none. */
export interface RoundResult {
  points: number;
  max: number;
}

export interface Total {
  /** 0..100, hundredths. */
  total: number;
  /** Enabled rounds the person has no result in (absent, or not through the cut): they count 0. */
  missing: CampRound[];
  /** The weights as applied, re-normalised to add up to 1 over the enabled rounds. */
  appliedWeights: Partial<Record<CampRound, number>>;
}

/**
 * total = 100 × Σ w_r · (points_r / max_r) / Σ w_r over the enabled rounds with weight > 0. Each
 * round counts by its share, so a 50-point identification weighs as its setting says, not by its
 * size. Switched-off rounds are left out and the others re-normalised; an enabled round the person
 * has no result in counts 0 and is listed in `missing`, so the page can say why.
 */
export function campTotal(results: Partial<Record<CampRound, RoundResult | null>>, settings: RoundSettings): Total {
  const counted = CAMP_ROUNDS.filter((round) => settings[round].enabled && settings[round].weight > 0);
  const weightSum = counted.reduce((sum, round) => sum + settings[round].weight, 0);
  if (weightSum === 0) return { total: 0, missing: [], appliedWeights: {} };
  let total = 0;
  const missing: CampRound[] = [];
  const appliedWeights: Partial<Record<CampRound, number>> = {};
  for (const round of counted) {
    const weight = settings[round].weight / weightSum;
    appliedWeights[round] = weight;
    const result = results[round];
    if (!result || result.max <= 0) missing.push(round);
    else total += weight * (result.points / result.max);
  }
  return { total: Math.round(total * 10000) / 100, missing, appliedWeights };
}
