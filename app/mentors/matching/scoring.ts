import type { Duty, MentorKind, MentorRank } from "~/generated/prisma/enums.ts";

/**
 * How well a mentor fits a direction, in explainable parts. Every part is a weight (an admin
 * setting, 0–100 points) times a factor in [0, 1]; scores are kept in hundredths of a point as
 * integers so the optimiser adds and compares them exactly.
 */
export interface MatchWeights {
  /** The direction's duty is the mentor's primary (full) or another (half) field of expertise. */
  duty: number;
  /** Share of the direction's keywords found among the mentor's keywords. */
  keywords: number;
  /** Title rank: 正高 1, 副高 0.7, 中级 0.4, 初级 0.2. */
  seniority: number;
  /** The studio named the mentor among its preferred mentors (first choice 1, then 0.9, 0.8 …). */
  preference: number;
  /** Spreading the work: the k-th direction of a mentor with capacity c costs weight × (k − 1) / c. */
  load: number;
}

export const DEFAULT_WEIGHTS: MatchWeights = { duty: 40, keywords: 30, seniority: 10, preference: 20, load: 15 };
export const WEIGHT_KEYS = ["duty", "keywords", "seniority", "preference", "load"] as const;
export const MAX_WEIGHT = 100;

export const RANK_FACTOR: Record<MentorRank, number> = { SENIOR: 1, ASSOCIATE: 0.7, INTERMEDIATE: 0.4, JUNIOR: 0.2 };
export const MENTOR_RANKS: MentorRank[] = ["SENIOR", "ASSOCIATE", "INTERMEDIATE", "JUNIOR"];

/** At most this many preferred mentors per studio; rank 1 is the first choice. */
export const MAX_PREFERENCES = 10;

export const MENTOR_KINDS: MentorKind[] = ["INTERNAL", "EXTERNAL"];

/** Keywords compare after Unicode normalisation (full-width letters from Chinese IMEs), trimmed and case-folded. */
export function normalizeKeyword(keyword: string): string {
  return keyword.normalize("NFKC").trim().toLowerCase();
}

/** Splits a free-text keyword list ("心理危机干预、家校沟通, 朋辈互助") into distinct keywords. */
export function splitKeywords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,，、;；\n\r\t]+/)) {
    const keyword = raw.normalize("NFKC").trim();
    if (!keyword) continue;
    const key = normalizeKeyword(keyword);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(keyword);
  }
  return out;
}

export type DutyLevel = "primary" | "secondary" | "none";

/** The first duty a mentor lists is their primary field. */
export function dutyLevel(duties: readonly Duty[], duty: Duty): DutyLevel {
  const index = duties.indexOf(duty);
  return index === 0 ? "primary" : index > 0 ? "secondary" : "none";
}

const DUTY_FACTOR: Record<DutyLevel, number> = { primary: 1, secondary: 0.5, none: 0 };

export function preferenceFactor(rank: number | null | undefined): number {
  if (!rank || rank < 1) return 0;
  return Math.max(0, (MAX_PREFERENCES + 1 - rank) / MAX_PREFERENCES);
}

/** Hundredths of a point, rounded once per part so the parts add up to the total exactly. */
export const points = (weight: number, factor: number) => Math.round(weight * factor * 100);

export function dutyPoints(weights: MatchWeights, level: DutyLevel): number {
  return points(weights.duty, DUTY_FACTOR[level]);
}

export function seniorityPoints(weights: MatchWeights, rank: MentorRank): number {
  return points(weights.seniority, RANK_FACTOR[rank]);
}

export function keywordPoints(weights: MatchWeights, matched: number, of: number): number {
  return of > 0 ? points(weights.keywords, matched / of) : 0;
}

export function preferencePoints(weights: MatchWeights, rank: number | null | undefined): number {
  return points(weights.preference, preferenceFactor(rank));
}

/** Cost of a mentor's `position`-th active direction (1-based) given their capacity. */
export function loadPenalty(weights: MatchWeights, position: number, capacity: number): number {
  if (position <= 1 || capacity <= 0) return 0;
  return points(weights.load, (position - 1) / capacity);
}

/** What a proposal shows: each part in hundredths of a point, with what it was computed from. */
export interface ScoreBreakdown {
  duty: { points: number; level: DutyLevel };
  keywords: { points: number; matched: string[]; of: number };
  seniority: { points: number; rank: MentorRank };
  preference: { points: number; rank: number | null };
  /** Negative or zero: the mentor's position-th direction out of their capacity. */
  load: { points: number; position: number; capacity: number };
  total: number;
}

/** Display form of hundredths: 47.5 */
export function formatPoints(hundredths: number): string {
  const value = hundredths / 100;
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "");
}
