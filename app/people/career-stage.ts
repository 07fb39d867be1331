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

  const growingOn = anniversary(counselorSince, thresholds.growingAfterYears);
  const experiencedOn = anniversary(counselorSince, thresholds.experiencedAfterYears);
  const next = (stage: CareerStage, on: Date) => ({ stage, on, inDays: daysBetween(today, on) });
  if (today < growingOn) return { stage: "NOVICE", yearsOfService, next: next("GROWING", growingOn) };
  if (today < experiencedOn) return { stage: "GROWING", yearsOfService, next: next("EXPERIENCED", experiencedOn) };
  return { stage: "EXPERIENCED", yearsOfService, next: null };
}
