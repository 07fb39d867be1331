import type { ProfessionalTitle } from "~/generated/prisma/enums.ts";
import { anniversary, fullYearsBetween, schoolToday } from "~/lib/calendar-date.ts";
import { SENIOR_TITLES } from "~/people/career-stage.ts";

/**
 * Who may lead or be backbone of a studio (defaults from the source document: leaders ≥ 10
 * years as counselor, 副高 or above, at least one honour; backbone ≥ 3 years). Each unmet
 * condition is returned with what is missing so the UI can say "还差 2 年工作年限".
 */
export interface LeaderRules {
  minYears: number;
  seniorTitleRequired: boolean;
  minHonours: number;
}

export type EligibilityGap =
  /** `missing` counts completed years (工作年限), `eligibleOn` is the anniversary that closes the gap. */
  | { kind: "years"; required: number; missing: number; eligibleOn: Date }
  | { kind: "startDateUnknown" }
  | { kind: "title"; current: ProfessionalTitle }
  | { kind: "honours"; required: number; missing: number };

export interface Candidate {
  /** Calendar day (DATE column). */
  counselorSince: Date | null;
  title: ProfessionalTitle;
  honourCount: number;
}

function yearsGap(candidate: Candidate, minYears: number, now: Date): EligibilityGap[] {
  if (minYears <= 0) return [];
  if (!candidate.counselorSince) return [{ kind: "startDateUnknown" }];
  const years = fullYearsBetween(candidate.counselorSince, schoolToday(now));
  if (years >= minYears) return [];
  return [{ kind: "years", required: minYears, missing: minYears - years, eligibleOn: anniversary(candidate.counselorSince, minYears) }];
}

export function leaderEligibilityGaps(candidate: Candidate, rules: LeaderRules, now: Date): EligibilityGap[] {
  const gaps = yearsGap(candidate, rules.minYears, now);
  if (rules.seniorTitleRequired && !SENIOR_TITLES.includes(candidate.title)) gaps.push({ kind: "title", current: candidate.title });
  if (candidate.honourCount < rules.minHonours) {
    gaps.push({ kind: "honours", required: rules.minHonours, missing: rules.minHonours - candidate.honourCount });
  }
  return gaps;
}

export function backboneEligibilityGaps(candidate: Candidate, minYears: number, now: Date): EligibilityGap[] {
  return yearsGap(candidate, minYears, now);
}
