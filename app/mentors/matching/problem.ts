import type { Duty, MentorKind } from "~/generated/prisma/enums.ts";
import {
  dutyLevel,
  dutyPoints,
  keywordPoints,
  loadPenalty,
  normalizeKeyword,
  preferencePoints,
  seniorityPoints,
  type MatchWeights,
  type ScoreBreakdown,
} from "./scoring.ts";
import type { Explained, MatchDirection, MatchInput, MatchMentor } from "./types.ts";

export const DUTIES: Duty[] = ["IDEOLOGY", "PARTY_CLASS", "STUDY_STYLE", "DAILY_AFFAIRS", "MENTAL_HEALTH", "ONLINE_EDUCATION", "CRISIS", "CAREER", "RESEARCH"];
const DUTY_INDEX = new Map(DUTIES.map((d, i) => [d, i]));
export const KINDS: MentorKind[] = ["INTERNAL", "EXTERNAL"];
export const MIN_TARGET = 1;
export const MAX_TARGET = 3;

/** What a pair gets besides its base score: shared keywords and the studio's preference. */
export interface Bonus {
  matched: string[];
  keywordPoints: number;
  preferenceRank: number | null;
  preferencePoints: number;
}

/**
 * Reusable buffers for one direction's bonuses (keyword overlap, preference) over all mentors:
 * `points[m]` is valid where `stamp[m] === current`; `list[0..size)` names those mentors.
 */
export interface BonusScratch {
  stamp: Int32Array;
  current: number;
  points: Int32Array;
  matched: Int32Array;
  list: Int32Array;
  size: number;
}

/**
 * The matching problem in index form. A group is one direction × one kind of mentor that still
 * needs mentors in this run. Mentors are indexed by sorted id, groups by (direction id, kind),
 * so the same input always gives the same problem whatever order it arrived in.
 */
export interface Problem {
  weights: MatchWeights;
  requireDutyMatch: boolean;
  excludeLeaderCollege: boolean;
  directions: MatchDirection[];
  mentors: MatchMentor[];
  /** Groups (direction × kind) that need mentors in this run. */
  G: number;
  groupDirection: Int32Array;
  groupKind: Uint8Array;
  groupDuty: Uint8Array;
  /** Slots to fill in this run. */
  groupNeed: Int32Array;
  /** 1 when the direction has no mentor of this kind yet (its first slot is open). */
  groupFirst: Uint8Array;
  M: number;
  mentorKind: Uint8Array;
  /** Directions the mentor already holds (accepted, invited, kept proposals) and may still take. */
  mentorLoad: Int32Array;
  mentorRemaining: Int32Array;
  mentorCapacity: Int32Array;
  mentorSeniority: Int32Array;
  /** Duty points per mentor and duty (M × 9), or -1 where the mentor may not take that duty. */
  mentorDutyPoints: Int32Array;
  /** Per direction: mentors that may never be paired with it (members, excluded, declined, already held). */
  blocked: Array<Set<number>>;
  /** Per (duty, kind): mentors with room and the duty, sorted by base score (duty + seniority) descending. */
  baseLists: Int32Array[];
  newScratch(): BonusScratch;
  /** Fills `scratch` with the mentors that have a keyword or preference bonus for this direction. */
  collectBonus(direction: number, scratch: BonusScratch): void;
  /** The bonus of one pair, with the shared keywords named (for explanations). */
  bonusDetail(direction: number, mentor: number): Bonus;
  /** The pair's score without load (hundredths), or null when the pair is not allowed. */
  pairScore(group: number, mentor: number): number | null;
  eligible(group: number, mentor: number): boolean;
  base(group: number, mentor: number): number;
  loadPenalty(mentor: number, position: number): number;
  breakdown(group: number, mentor: number, position: number): ScoreBreakdown;
}

export type BuildResult = { ok: true; problem: Problem } | { ok: false; problems: Explained[] };

const kindIndex = (kind: MentorKind) => (kind === "INTERNAL" ? 0 : 1);
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Checks the input for contradictions (capacities, locks, exclusions, targets that cannot all
 * hold) and builds the indexed problem. Contradictions come back as explained problems, never
 * as exceptions.
 */
export function buildProblem(input: MatchInput): BuildResult {
  const problems: Explained[] = [];
  const directions = [...input.directions].sort(byId);
  const mentors = [...input.mentors].sort(byId);
  const dirIndex = new Map<string, number>();
  const mentorIndex = new Map<string, number>();
  directions.forEach((d, i) => {
    if (dirIndex.has(d.id)) problems.push({ key: "problems.duplicateDirection", params: { direction: d.name } });
    dirIndex.set(d.id, i);
  });
  mentors.forEach((m, i) => {
    if (mentorIndex.has(m.id)) problems.push({ key: "problems.duplicateMentor", params: { mentor: m.name } });
    mentorIndex.set(m.id, i);
  });
  const { weights, requireDutyMatch, excludeLeaderCollege } = input.settings;
  for (const key of Object.keys(weights) as Array<keyof MatchWeights>) {
    const w = weights[key];
    if (!Number.isFinite(w) || w < 0 || w > 100) problems.push({ key: "problems.invalidWeight", params: { weight: key, value: String(w) } });
  }
  for (const d of directions) {
    if (!DUTY_INDEX.has(d.duty)) problems.push({ key: "problems.invalidDuty", params: { direction: d.name, value: String(d.duty) } });
    for (const kind of KINDS) {
      const target = d.targets[kind];
      if (!Number.isInteger(target) || target < MIN_TARGET || target > MAX_TARGET) {
        problems.push({ key: "problems.invalidTarget", params: { direction: d.name, studio: d.studioName, kind, target: String(target) } });
      }
    }
  }
  for (const m of mentors) {
    if (!Number.isInteger(m.capacity) || m.capacity < 0) problems.push({ key: "problems.invalidCapacity", params: { mentor: m.name, capacity: String(m.capacity) } });
  }

  const M = mentors.length;
  const userToMentors = new Map<string, number[]>();
  mentors.forEach((m, i) => userToMentors.set(m.userId, [...(userToMentors.get(m.userId) ?? []), i]));
  const memberBlocked = directions.map((d) => {
    const set = new Set<number>();
    for (const userId of d.memberUserIds) for (const m of userToMentors.get(userId) ?? []) set.add(m);
    return set;
  });
  const collegeConflict = (d: MatchDirection, m: MatchMentor) =>
    excludeLeaderCollege && m.kind === "INTERNAL" && m.collegeId !== null && d.leaderCollegeIds.includes(m.collegeId);

  // Holdings and exclusions.
  const blocked = directions.map((_, i) => new Set(memberBlocked[i]));
  const excluded = new Set<string>();
  for (const e of input.exclusions) {
    const di = dirIndex.get(e.directionId);
    const mi = mentorIndex.get(e.mentorId);
    if (di === undefined || mi === undefined) continue; // an exclusion of something gone is harmless
    blocked[di]!.add(mi);
    excluded.add(`${di}:${mi}`);
  }
  const held = new Set<string>();
  const heldPerGroup = new Int32Array(directions.length * 2);
  const mentorLoad = new Int32Array(M);
  for (const h of input.holdings) {
    const di = dirIndex.get(h.directionId);
    const mi = mentorIndex.get(h.mentorId);
    if (di === undefined || mi === undefined) {
      problems.push({ key: "problems.unknownHolding", params: { direction: h.directionId, mentor: h.mentorId } });
      continue;
    }
    const d = directions[di]!;
    const m = mentors[mi]!;
    const pair = `${di}:${mi}`;
    if (held.has(pair)) {
      problems.push({ key: "problems.duplicateHolding", params: { direction: d.name, mentor: m.name } });
      continue;
    }
    if (excluded.has(pair)) problems.push({ key: "problems.heldAndExcluded", params: { direction: d.name, studio: d.studioName, mentor: m.name } });
    held.add(pair);
    blocked[di]!.add(mi);
    heldPerGroup[di * 2 + kindIndex(m.kind)]! += 1;
    mentorLoad[mi]! += 1;
    if (h.status === "PROPOSED" && h.locked) {
      if (!m.available) problems.push({ key: "problems.lockedUnavailable", params: { mentor: m.name, direction: d.name } });
      if (memberBlocked[di]!.has(mi)) {
        const leads = d.leaderUserIds.includes(m.userId);
        problems.push({ key: leads ? "problems.lockedLeader" : "problems.lockedMember", params: { mentor: m.name, studio: d.studioName } });
      }
      if (collegeConflict(d, m)) problems.push({ key: "problems.lockedCollege", params: { mentor: m.name, studio: d.studioName } });
    }
  }
  directions.forEach((d, di) => {
    for (const kind of KINDS) {
      const count = heldPerGroup[di * 2 + kindIndex(kind)]!;
      if (count > d.targets[kind]) {
        problems.push({ key: "problems.overTarget", params: { direction: d.name, studio: d.studioName, kind, held: count, target: d.targets[kind] } });
      }
    }
  });
  mentors.forEach((m, mi) => {
    if (mentorLoad[mi]! > m.capacity) problems.push({ key: "problems.overCapacity", params: { mentor: m.name, held: mentorLoad[mi]!, capacity: m.capacity } });
  });

  let scope: Set<string> | null = null;
  if (input.scope) {
    scope = new Set();
    for (const s of input.scope) {
      const di = dirIndex.get(s.directionId);
      if (di === undefined) problems.push({ key: "problems.unknownScope", params: { direction: s.directionId } });
      else scope.add(`${di}:${kindIndex(s.kind)}`);
    }
  }
  if (problems.length) return { ok: false, problems };

  // Groups.
  const groups: Array<[number, number, number, number]> = [];
  directions.forEach((d, di) => {
    KINDS.forEach((kind, ki) => {
      if (scope && !scope.has(`${di}:${ki}`)) return;
      const have = heldPerGroup[di * 2 + ki]!;
      const need = d.targets[kind] - have;
      if (need > 0) groups.push([di, ki, need, have === 0 ? 1 : 0]);
    });
  });
  const G = groups.length;
  const groupDirection = new Int32Array(G);
  const groupKind = new Uint8Array(G);
  const groupDuty = new Uint8Array(G);
  const groupNeed = new Int32Array(G);
  const groupFirst = new Uint8Array(G);
  groups.forEach(([di, ki, need, first], g) => {
    groupDirection[g] = di;
    groupKind[g] = ki;
    groupDuty[g] = DUTY_INDEX.get(directions[di]!.duty)!;
    groupNeed[g] = need;
    groupFirst[g] = first;
  });

  // Mentors.
  const mentorKind = new Uint8Array(M);
  const mentorRemaining = new Int32Array(M);
  const mentorCapacity = new Int32Array(M);
  const mentorSeniority = new Int32Array(M);
  const mentorDutyPoints = new Int32Array(M * DUTIES.length).fill(-1);
  mentors.forEach((m, mi) => {
    mentorKind[mi] = kindIndex(m.kind);
    mentorCapacity[mi] = m.capacity;
    mentorRemaining[mi] = m.available ? Math.max(0, m.capacity - mentorLoad[mi]!) : 0;
    mentorSeniority[mi] = seniorityPoints(weights, m.rank);
    DUTIES.forEach((duty, t) => {
      const level = dutyLevel(m.duties, duty);
      if (level === "none" && requireDutyMatch) return;
      mentorDutyPoints[mi * DUTIES.length + t] = dutyPoints(weights, level);
    });
  });

  const baseLists: Int32Array[] = [];
  for (let t = 0; t < DUTIES.length; t++) {
    for (let k = 0; k < 2; k++) {
      const list: number[] = [];
      for (let mi = 0; mi < M; mi++) {
        if (mentorKind[mi] === k && mentorRemaining[mi]! > 0 && mentorDutyPoints[mi * DUTIES.length + t]! >= 0) list.push(mi);
      }
      const base = (mi: number) => mentorDutyPoints[mi * DUTIES.length + t]! + mentorSeniority[mi]!;
      list.sort((a, b) => base(b) - base(a) || a - b);
      baseLists.push(Int32Array.from(list));
    }
  }

  // Keyword index and preferences, for bonuses.
  const keywordIndex = new Map<string, number[]>();
  mentors.forEach((m, mi) => {
    if (mentorRemaining[mi]! <= 0) return;
    for (const k of new Set(m.keywords.map(normalizeKeyword))) {
      if (!k) continue;
      const list = keywordIndex.get(k);
      if (list) list.push(mi);
      else keywordIndex.set(k, [mi]);
    }
  });
  const preferencesByStudio = new Map<string, Map<number, number>>();
  for (const p of input.preferences) {
    const mi = mentorIndex.get(p.mentorId);
    if (mi === undefined) continue;
    let map = preferencesByStudio.get(p.studioId);
    if (!map) preferencesByStudio.set(p.studioId, (map = new Map()));
    const previous = map.get(mi);
    if (previous === undefined || p.rank < previous) map.set(mi, p.rank);
  }
  const directionKeywords = directions.map((d) => {
    const seen = new Map<string, string>();
    for (const k of d.keywords) {
      const key = normalizeKeyword(k);
      if (key && !seen.has(key)) seen.set(key, k.trim());
    }
    return seen;
  });
  const newScratch = (): BonusScratch => ({
    stamp: new Int32Array(M),
    current: 0,
    points: new Int32Array(M),
    matched: new Int32Array(M),
    list: new Int32Array(M),
    size: 0,
  });
  const collectBonus = (di: number, s: BonusScratch) => {
    s.current += 1;
    s.size = 0;
    const touch = (mi: number) => {
      if (s.stamp[mi] !== s.current) {
        s.stamp[mi] = s.current;
        s.matched[mi] = 0;
        s.points[mi] = 0;
        s.list[s.size++] = mi;
      }
    };
    const keywords = directionKeywords[di]!;
    for (const key of keywords.keys()) {
      for (const mi of keywordIndex.get(key) ?? []) {
        touch(mi);
        s.matched[mi]! += 1;
      }
    }
    for (let i = 0; i < s.size; i++) {
      const mi = s.list[i]!;
      s.points[mi] = keywordPoints(weights, s.matched[mi]!, keywords.size);
    }
    for (const [mi, rank] of preferencesByStudio.get(directions[di]!.studioId) ?? []) {
      touch(mi);
      s.points[mi]! += preferencePoints(weights, rank);
    }
  };
  const bonusDetail = (di: number, mi: number): Bonus => {
    const mentorKeywords = new Set(mentors[mi]!.keywords.map(normalizeKeyword));
    const keywords = directionKeywords[di]!;
    const matched = [...keywords].filter(([key]) => mentorKeywords.has(key)).map(([, label]) => label);
    const rank = preferencesByStudio.get(directions[di]!.studioId)?.get(mi) ?? null;
    return {
      matched,
      keywordPoints: keywordPoints(weights, matched.length, keywords.size),
      preferenceRank: rank,
      preferencePoints: preferencePoints(weights, rank),
    };
  };

  const eligible = (g: number, mi: number): boolean => {
    if (mentorKind[mi] !== groupKind[g] || mentorRemaining[mi]! <= 0) return false;
    if (mentorDutyPoints[mi * DUTIES.length + groupDuty[g]!]! < 0) return false;
    const di = groupDirection[g]!;
    if (blocked[di]!.has(mi)) return false;
    return !collegeConflict(directions[di]!, mentors[mi]!);
  };
  const base = (g: number, mi: number) => mentorDutyPoints[mi * DUTIES.length + groupDuty[g]!]! + mentorSeniority[mi]!;
  const pairScore = (g: number, mi: number): number | null => {
    if (!eligible(g, mi)) return null;
    const b = bonusDetail(groupDirection[g]!, mi);
    return base(g, mi) + b.keywordPoints + b.preferencePoints;
  };
  const penalty = (mi: number, position: number) => loadPenalty(weights, position, mentorCapacity[mi]!);

  const breakdown = (g: number, mi: number, position: number): ScoreBreakdown => {
    const di = groupDirection[g]!;
    const m = mentors[mi]!;
    const duty = directions[di]!.duty;
    const b = bonusDetail(di, mi);
    const level = dutyLevel(m.duties, duty);
    const parts = {
      duty: { points: dutyPoints(weights, level), level },
      keywords: { points: b.keywordPoints, matched: b.matched, of: directionKeywords[di]!.size },
      seniority: { points: mentorSeniority[mi]!, rank: m.rank },
      preference: { points: b.preferencePoints, rank: b.preferenceRank },
      load: { points: 0 - penalty(mi, position) || 0, position, capacity: m.capacity },
    };
    const total = parts.duty.points + parts.keywords.points + parts.seniority.points + parts.preference.points + parts.load.points;
    return { ...parts, total };
  };

  return {
    ok: true,
    problem: {
      weights,
      requireDutyMatch,
      excludeLeaderCollege,
      directions,
      mentors,
      G,
      groupDirection,
      groupKind,
      groupDuty,
      groupNeed,
      groupFirst,
      M,
      mentorKind,
      mentorLoad,
      mentorRemaining,
      mentorCapacity,
      mentorSeniority,
      mentorDutyPoints,
      blocked,
      baseLists,
      newScratch,
      collectBonus,
      bonusDetail,
      pairScore,
      eligible,
      base,
      loadPenalty: penalty,
      breakdown,
    },
  };
}

export { DUTY_INDEX, kindIndex };
