import {
  dutyLevel,
  dutyPoints,
  keywordPoints,
  loadPenalty,
  normalizeKeyword,
  preferencePoints,
  seniorityPoints,
  type ScoreBreakdown,
} from "./scoring.ts";
import type { Explained, MatchDirection, MatchMentor, MatchSettings } from "./types.ts";

/** The score of one pair, broken down, as the mentor's `position`-th direction. */
export function scorePair(
  direction: Pick<MatchDirection, "duty" | "keywords">,
  mentor: Pick<MatchMentor, "duties" | "keywords" | "rank" | "capacity">,
  settings: Pick<MatchSettings, "weights">,
  preferenceRank: number | null,
  position: number,
): ScoreBreakdown {
  const { weights } = settings;
  const directionKeywords = new Map<string, string>();
  for (const k of direction.keywords) {
    const key = normalizeKeyword(k);
    if (key && !directionKeywords.has(key)) directionKeywords.set(key, k.trim());
  }
  const mentorKeywords = new Set(mentor.keywords.map(normalizeKeyword));
  const matched = [...directionKeywords].filter(([key]) => mentorKeywords.has(key)).map(([, label]) => label);
  const level = dutyLevel(mentor.duties, direction.duty);
  const parts = {
    duty: { points: dutyPoints(weights, level), level },
    keywords: { points: keywordPoints(weights, matched.length, directionKeywords.size), matched, of: directionKeywords.size },
    seniority: { points: seniorityPoints(weights, mentor.rank), rank: mentor.rank },
    preference: { points: preferencePoints(weights, preferenceRank), rank: preferenceRank },
    load: { points: 0 - loadPenalty(weights, position, mentor.capacity) || 0, position, capacity: mentor.capacity },
  };
  return { ...parts, total: parts.duty.points + parts.keywords.points + parts.seniority.points + parts.preference.points + parts.load.points };
}

export interface PairContext {
  settings: Pick<MatchSettings, "requireDutyMatch" | "excludeLeaderCollege">;
  /** The pair's current record, if any. */
  status: "PROPOSED" | "INVITED" | "ACCEPTED" | "DECLINED" | "EXCLUDED" | null;
  /** Directions the mentor holds now (accepted, invited, proposed). */
  load: number;
}

/**
 * Why this mentor cannot be added to this direction by hand (null when they can). Lack of the
 * duty's expertise is only a warning (see `expertiseWarning`): an admin may decide otherwise.
 */
export function pairObstacle(
  direction: Pick<MatchDirection, "studioName" | "memberUserIds" | "leaderUserIds" | "leaderCollegeIds">,
  mentor: Pick<MatchMentor, "name" | "userId" | "kind" | "available" | "capacity" | "collegeId">,
  context: PairContext,
): Explained | null {
  const params = { mentor: mentor.name, studio: direction.studioName };
  if (context.status === "EXCLUDED") return { key: "candidate.excluded", params };
  if (context.status === "DECLINED") return { key: "candidate.declined", params };
  if (context.status) return { key: "candidate.already", params };
  if (direction.leaderUserIds.includes(mentor.userId)) return { key: "candidate.leader", params };
  if (direction.memberUserIds.includes(mentor.userId)) return { key: "candidate.member", params };
  if (context.settings.excludeLeaderCollege && mentor.kind === "INTERNAL" && mentor.collegeId && direction.leaderCollegeIds.includes(mentor.collegeId)) {
    return { key: "candidate.college", params };
  }
  if (!mentor.available) return { key: "candidate.unavailable", params };
  if (context.load >= mentor.capacity) return { key: "candidate.full", params: { ...params, capacity: mentor.capacity } };
  return null;
}

export function expertiseWarning(direction: Pick<MatchDirection, "duty">, mentor: Pick<MatchMentor, "duties">): Explained | null {
  return mentor.duties.includes(direction.duty) ? null : { key: "candidate.noExpertise", params: { duty: direction.duty } };
}
