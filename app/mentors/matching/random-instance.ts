import type { Duty, MentorKind, MentorRank } from "~/generated/prisma/enums.ts";
import { DEFAULT_WEIGHTS, MENTOR_RANKS } from "./scoring.ts";
import { DUTIES } from "./problem.ts";
import type { MatchDirection, MatchExclusion, MatchHolding, MatchInput, MatchMentor, MatchPreference, MatchSettings } from "./types.ts";

/** A small seeded PRNG (mulberry32): the same seed gives the same instance on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.min(count, copy.length));
  };
  const shuffle = <T>(items: readonly T[]): T[] => sample(items, items.length);
  return { next, int, pick, sample, shuffle };
}

export interface InstanceShape {
  directions: number;
  mentors: number;
  seed: number;
  /** Duties in play (fewer duties = more competition for the same mentors). */
  duties?: number;
  /** Keywords per duty in the vocabulary. */
  vocabulary?: number;
  capacity?: [number, number];
  targets?: [number, number];
  /** Share of directions that already hold some mentors, of pairs excluded, of studios with preferences. */
  heldShare?: number;
  exclusionShare?: number;
  preferenceShare?: number;
  /** Share of internal mentors who are also members of some studio (conflicts). */
  memberShare?: number;
  colleges?: number;
  settings?: Partial<MatchSettings>;
}

/**
 * A random but realistic school: studios with two directions each, mentors with a primary duty
 * plus others, keywords drawn from each duty's vocabulary, some already-held pairs, exclusions,
 * studio preferences and mentors who are themselves studio members.
 */
export function randomInstance(shape: InstanceShape): MatchInput {
  const r = prng(shape.seed);
  const duties = DUTIES.slice(0, shape.duties ?? DUTIES.length);
  const vocabulary = shape.vocabulary ?? 20;
  const words = new Map<Duty, string[]>(duties.map((d) => [d, Array.from({ length: vocabulary }, (_, i) => `${d.toLowerCase()}-${i}`)]));
  const [capMin, capMax] = shape.capacity ?? [1, 4];
  const [tMin, tMax] = shape.targets ?? [1, 3];
  const collegeCount = shape.colleges ?? 20;
  const colleges = Array.from({ length: collegeCount }, (_, i) => `college-${i}`);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");

  const mentors: MatchMentor[] = Array.from({ length: shape.mentors }, (_, i) => {
    const kind: MentorKind = i % 2 === 0 ? "INTERNAL" : "EXTERNAL";
    const primary = r.pick(duties);
    const others = r.sample(duties.filter((d) => d !== primary), r.int(0, 2));
    const mine = [primary, ...others];
    const pool = mine.flatMap((d) => words.get(d)!);
    return {
      id: `m${pad(i, 6)}`,
      name: `导师${i}`,
      userId: `u-m${i}`,
      kind,
      available: r.next() > 0.05,
      capacity: r.int(capMin, capMax),
      duties: mine,
      keywords: r.sample(pool, r.int(2, 6)),
      rank: r.pick<MentorRank>(MENTOR_RANKS),
      collegeId: kind === "INTERNAL" ? r.pick(colleges) : null,
    };
  });
  const internalUsers = mentors.filter((m) => m.kind === "INTERNAL").map((m) => m.userId);

  const directions: MatchDirection[] = [];
  for (let i = 0; i < shape.directions; i++) {
    const studio = Math.floor(i / 2);
    const duty = duties[studio % duties.length]!;
    const leader = `u-leader-${studio}`;
    const members = [leader, ...Array.from({ length: 3 }, (_, k) => `u-c-${studio}-${k}`)];
    if (r.next() < (shape.memberShare ?? 0.05) * 4 && internalUsers.length) members.push(r.pick(internalUsers));
    directions.push({
      id: `d${pad(i, 6)}`,
      name: `方向${i}`,
      studioId: `s${pad(studio, 6)}`,
      studioName: `工作室${studio}`,
      duty,
      keywords: r.sample(words.get(duty)!, r.int(1, 5)),
      targets: { INTERNAL: r.int(tMin, tMax), EXTERNAL: r.int(tMin, tMax) },
      memberUserIds: members,
      leaderUserIds: [leader],
      leaderCollegeIds: [r.pick(colleges)],
    });
  }

  // Pairs already held (accepted earlier), never beyond a target or a capacity.
  const holdings: MatchHolding[] = [];
  const load = new Map<string, number>();
  const heldCount = new Map<string, number>();
  for (const d of directions) {
    if (r.next() >= (shape.heldShare ?? 0.2)) continue;
    const kind = r.pick<MentorKind>(["INTERNAL", "EXTERNAL"]);
    const candidates = mentors.filter(
      (m) => m.kind === kind && m.available && m.duties.includes(d.duty) && (load.get(m.id) ?? 0) < m.capacity && !d.memberUserIds.includes(m.userId) &&
        !(shape.settings?.excludeLeaderCollege && m.collegeId !== null && d.leaderCollegeIds.includes(m.collegeId)),
    );
    const m = candidates.length ? r.pick(candidates) : null;
    if (!m || (heldCount.get(`${d.id}:${kind}`) ?? 0) >= d.targets[kind]) continue;
    holdings.push({ directionId: d.id, mentorId: m.id, status: r.pick(["ACCEPTED", "INVITED", "PROPOSED"] as const), locked: true });
    load.set(m.id, (load.get(m.id) ?? 0) + 1);
    heldCount.set(`${d.id}:${kind}`, (heldCount.get(`${d.id}:${kind}`) ?? 0) + 1);
  }
  const held = new Set(holdings.map((h) => `${h.directionId}:${h.mentorId}`));
  const exclusions: MatchExclusion[] = [];
  const exclusionCount = Math.round(shape.directions * (shape.exclusionShare ?? 0.1));
  for (let i = 0; i < exclusionCount && mentors.length && directions.length; i++) {
    const d = r.pick(directions);
    const m = r.pick(mentors.filter((x) => x.duties.includes(d.duty)).length ? mentors.filter((x) => x.duties.includes(d.duty)) : mentors);
    if (held.has(`${d.id}:${m.id}`)) continue;
    exclusions.push({ directionId: d.id, mentorId: m.id, reason: r.next() < 0.5 ? "EXCLUDED" : "DECLINED" });
  }
  const preferences: MatchPreference[] = [];
  for (const studioId of [...new Set(directions.map((d) => d.studioId))]) {
    if (r.next() >= (shape.preferenceShare ?? 0.3) || !mentors.length) continue;
    r.sample(mentors, r.int(1, 3)).forEach((m, k) => preferences.push({ studioId, mentorId: m.id, rank: k + 1 }));
  }

  return {
    directions,
    mentors,
    holdings,
    exclusions,
    preferences,
    settings: { weights: { ...DEFAULT_WEIGHTS }, requireDutyMatch: true, excludeLeaderCollege: false, ...shape.settings },
  };
}
