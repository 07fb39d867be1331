import type { Duty, MentorKind, MentorRank } from "~/generated/prisma/enums.ts";
import type { MatchWeights, ScoreBreakdown } from "./scoring.ts";

/** Everything the matcher needs, loaded from the database (or generated for tests and benchmarks). */
export interface MatchDirection {
  id: string;
  name: string;
  studioId: string;
  studioName: string;
  duty: Duty;
  keywords: string[];
  /** How many internal / external mentors the direction should have (1–3 each). */
  targets: Record<MentorKind, number>;
  /** Users who belong to the studio (leader included): never its mentors. */
  memberUserIds: string[];
  leaderUserIds: string[];
  /** Colleges of the studio's leader(s), for the optional "not from the leader's college" rule. */
  leaderCollegeIds: string[];
}

export interface MatchMentor {
  id: string;
  name: string;
  userId: string;
  kind: MentorKind;
  available: boolean;
  capacity: number;
  /** Fields of expertise; the first is the primary one. */
  duties: Duty[];
  keywords: string[];
  rank: MentorRank;
  collegeId: string | null;
}

/** A pair that stays as it is in this run: accepted, invited, locked (or, in a slot re-match, any proposal). */
export interface MatchHolding {
  directionId: string;
  mentorId: string;
  status: "ACCEPTED" | "INVITED" | "PROPOSED";
  locked: boolean;
}

/** A pair the admin excluded, or one the mentor declined: never proposed again. */
export interface MatchExclusion {
  directionId: string;
  mentorId: string;
  reason: "EXCLUDED" | "DECLINED";
}

export interface MatchPreference {
  studioId: string;
  mentorId: string;
  rank: number;
}

export interface MatchSettings {
  weights: MatchWeights;
  /** Only mentors whose expertise includes the direction's duty are matched. */
  requireDutyMatch: boolean;
  /** Internal mentors from the college of the studio's leader are not matched to that studio. */
  excludeLeaderCollege: boolean;
}

export interface MatchInput {
  directions: MatchDirection[];
  mentors: MatchMentor[];
  holdings: MatchHolding[];
  exclusions: MatchExclusion[];
  preferences: MatchPreference[];
  settings: MatchSettings;
  /** Only these slots are (re)filled; everything else stays as it is. All directions when absent. */
  scope?: Array<{ directionId: string; kind: MentorKind }>;
}

/** A message for people: an i18n key under mentors.* and its parameters. */
export interface Explained {
  key: string;
  params: Record<string, string | number>;
}

export interface Proposal {
  directionId: string;
  mentorId: string;
  kind: MentorKind;
  /** Hundredths of a point, load included. */
  score: number;
  breakdown: ScoreBreakdown;
}

export interface UnfilledSlot {
  directionId: string;
  kind: MentorKind;
  /** Slots still open after this run. */
  missing: number;
  /** True when the direction has no mentor of this kind at all. */
  noneOfKind: boolean;
  reason: Explained;
}

export interface MatchStats {
  /** Slots this run tried to fill, and how many it filled. */
  slots: number;
  filled: number;
  /** Direction × kind pairs that had no mentor of the kind before the run, and how many have one now. */
  firstSlots: number;
  firstFilled: number;
  /** Total fit of the new proposals (hundredths of a point, load penalties subtracted). */
  objective: number;
  /** Pricing rounds until the optimality certificate held, and arcs in the last restricted graph. */
  rounds: number;
  arcs: number;
}

export type MatchResult =
  | { ok: true; proposals: Proposal[]; unfilled: UnfilledSlot[]; stats: MatchStats }
  | { ok: false; problems: Explained[] };
