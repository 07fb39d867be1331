import type { ProfessionalTitle } from "~/generated/prisma/enums.ts";
import { anniversary, daysBetween, fullYearsBetween, schoolToday } from "~/lib/calendar-date.ts";

/**
 * 梯度式培养: a counselor's career stage is derived from the date they started as a counselor and
 * their professional title, with thresholds from the school settings. It is never stored, so a
 * counselor enters 成长期 on their two-year anniversary without anyone editing anything.
 */
export const CAREER_STAGES = ["NOVICE", "GROWING", "EXPERIENCED", "EXPERT"] as const;
export type CareerStage = (typeof CAREER_STAGES)[number];

export interface StageThresholds {
  /** Years as counselor after which 初任期 becomes 成长期 (default 2). */
  growingAfterYears: number;
  /** Years after which 成长期 becomes 经验期 (default 4). */
  experiencedAfterYears: number;
  /** Titles that make a counselor 成熟期 regardless of years (default: 副高 and 正高). */
  expertTitles: ProfessionalTitle[];
}

export const DEFAULT_STAGE_THRESHOLDS: StageThresholds = {
  growingAfterYears: 2,
  experiencedAfterYears: 4,
  expertTitles: ["ASSOCIATE_PROFESSOR", "ASSOCIATE_RESEARCHER", "PROFESSOR", "RESEARCHER"],
};

/** Titles at 副高 (associate) level or above, used by the leader eligibility rule too. */
export const SENIOR_TITLES: readonly ProfessionalTitle[] = DEFAULT_STAGE_THRESHOLDS.expertTitles;

export interface StageResult {
  stage: CareerStage;
  /** Whole years as counselor, null when the start date is unknown. */
  yearsOfService: number | null;
  /** The next stage reached by time alone and the (calendar) day it is reached. */
  next: { stage: CareerStage; on: Date; inDays: number } | null;
}

/**
 * The latest start day whose `years`-th anniversary falls on or before `today`. Anniversaries
 * never go backwards as the start day moves forward, so "the anniversary has come" is the same as
 * "started on or before this day" — a condition a database can test with an index. (On 28 February
 * of a common year, someone who started on 29 February of a leap year has their anniversary too.)
 */
export function lastStartReaching(today: Date, years: number): Date {
  const sameDay = anniversary(today, -years);
  const nextDay = new Date(sameDay.getTime() + 86_400_000);
  return anniversary(nextDay, years) <= today ? nextDay : sameDay;
}

/**
 * The stage rule as cut-off days, for filtering and counting in SQL (app/people/stage-sql.server.ts):
 * not an expert title and started after `growingFrom` → 初任期; after `experiencedFrom` → 成长期;
 * otherwise 经验期. `deriveCareerStage` below applies exactly the same cut-offs.
 */
export interface StageBoundaries {
  /** Started on or before this day ⇒ at least 成长期. */
  growingFrom: Date;
  /** Started on or before this day ⇒ 经验期. */
  experiencedFrom: Date;
  expertTitles: ProfessionalTitle[];
}

export function stageBoundaries(now: Date, thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS): StageBoundaries {
  const today = schoolToday(now);
  return {
    growingFrom: lastStartReaching(today, thresholds.growingAfterYears),
    experiencedFrom: lastStartReaching(today, thresholds.experiencedAfterYears),
    expertTitles: thresholds.expertTitles,
  };
}

/** `counselorSince` is a calendar day (DATE column); `now` is an instant. */
export function deriveCareerStage(
  person: { counselorSince: Date | null; title: ProfessionalTitle },
  now: Date,
  thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS,
): StageResult {
  const { counselorSince, title } = person;
  const today = schoolToday(now);
  const yearsOfService = counselorSince ? fullYearsBetween(counselorSince, today) : null;
  if (thresholds.expertTitles.includes(title)) return { stage: "EXPERT", yearsOfService, next: null };
  if (!counselorSince) return { stage: "NOVICE", yearsOfService, next: null };

  const { growingFrom, experiencedFrom } = stageBoundaries(now, thresholds);
  const next = (stage: CareerStage, years: number) => {
    const on = anniversary(counselorSince, years);
    return { stage, on, inDays: daysBetween(today, on) };
  };
  if (counselorSince > growingFrom) return { stage: "NOVICE", yearsOfService, next: next("GROWING", thresholds.growingAfterYears) };
  if (counselorSince > experiencedFrom) return { stage: "GROWING", yearsOfService, next: next("EXPERIENCED", thresholds.experiencedAfterYears) };
  return { stage: "EXPERIENCED", yearsOfService, next: null };
}
