import { describe, expect, it } from "vitest";
import { describe as describeSolution, greedySolution, match, matchGreedy } from "./engine.ts";
import { buildProblem, type Problem } from "./problem.ts";
import { prng, randomInstance } from "./random-instance.ts";
import { DEFAULT_WEIGHTS } from "./scoring.ts";
import type { MatchDirection, MatchInput, MatchMentor, MatchResult } from "./types.ts";

type Value = { firstFilled: number; filled: number; objective: number };
const better = (a: Value, b: Value) =>
  a.firstFilled !== b.firstFilled ? a.firstFilled > b.firstFilled : a.filled !== b.filled ? a.filled > b.filled : a.objective > b.objective;

/**
 * The exact oracle: tries every feasible assignment (each group any subset of its eligible
 * mentors up to its need, within every mentor's room) and keeps the best by the same
 * lexicographic objective — first mentors, then filled slots, then total fit minus load.
 * Internal and external mentors never compete, so each kind is enumerated on its own.
 */
function bruteForce(problem: Problem): Value {
  const total: Value = { firstFilled: 0, filled: 0, objective: 0 };
  for (const kind of [0, 1]) {
    const groups = Array.from({ length: problem.G }, (_, g) => g).filter((g) => problem.groupKind[g] === kind);
    const eligible = groups.map((g) => Array.from({ length: problem.M }, (_, m) => m).filter((m) => problem.pairScore(g, m) !== null));
    const room = Int32Array.from(problem.mentorRemaining);
    const used = new Int32Array(problem.M);
    let best: Value | null = null;
    const walk = (i: number, acc: Value) => {
      if (i === groups.length) {
        let objective = acc.objective;
        for (let m = 0; m < problem.M; m++) for (let k = 1; k <= used[m]!; k++) objective -= problem.loadPenalty(m, problem.mentorLoad[m]! + k);
        const value = { ...acc, objective };
        if (!best || better(value, best)) best = value;
        return;
      }
      const g = groups[i]!;
      const options = eligible[i]!;
      const need = problem.groupNeed[g]!;
      const choose = (start: number, picked: number[], fit: number) => {
        walk(i + 1, {
          firstFilled: acc.firstFilled + (problem.groupFirst[g] && picked.length > 0 ? 1 : 0),
          filled: acc.filled + picked.length,
          objective: acc.objective + fit,
        });
        if (picked.length === need) return;
        for (let j = start; j < options.length; j++) {
          const m = options[j]!;
          if (used[m]! >= room[m]!) continue;
          used[m]! += 1;
          picked.push(m);
          choose(j + 1, picked, fit + problem.pairScore(g, m)!);
          picked.pop();
          used[m]! -= 1;
        }
      };
      choose(0, [], 0);
    };
    walk(0, { firstFilled: 0, filled: 0, objective: 0 });
    const b = best as Value | null;
    if (b) {
      total.firstFilled += b.firstFilled;
      total.filled += b.filled;
      total.objective += b.objective;
    }
  }
  return total;
}

function valueOf(result: MatchResult): Value {
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return { firstFilled: result.stats.firstFilled, filled: result.stats.filled, objective: result.stats.objective };
}

/** Independent feasibility check of a result against the raw input. */
function assertFeasible(input: MatchInput, result: MatchResult) {
  if (!result.ok) throw new Error("not ok");
  const directions = new Map(input.directions.map((d) => [d.id, d]));
  const mentors = new Map(input.mentors.map((m) => [m.id, m]));
  const pairs = new Set(input.holdings.map((h) => `${h.directionId}:${h.mentorId}`));
  const load = new Map<string, number>();
  const perSlot = new Map<string, number>();
  for (const h of input.holdings) {
    load.set(h.mentorId, (load.get(h.mentorId) ?? 0) + 1);
    const kind = mentors.get(h.mentorId)!.kind;
    perSlot.set(`${h.directionId}:${kind}`, (perSlot.get(`${h.directionId}:${kind}`) ?? 0) + 1);
  }
  const excluded = new Set(input.exclusions.map((e) => `${e.directionId}:${e.mentorId}`));
  for (const p of result.proposals) {
    const d = directions.get(p.directionId)!;
    const m = mentors.get(p.mentorId)!;
    expect(m.kind).toBe(p.kind);
    expect(m.available).toBe(true);
    expect(pairs.has(`${d.id}:${m.id}`)).toBe(false);
    expect(excluded.has(`${d.id}:${m.id}`)).toBe(false);
    expect(d.memberUserIds).not.toContain(m.userId);
    if (input.settings.requireDutyMatch) expect(m.duties).toContain(d.duty);
    if (input.settings.excludeLeaderCollege && m.kind === "INTERNAL") expect(d.leaderCollegeIds).not.toContain(m.collegeId);
    pairs.add(`${d.id}:${m.id}`);
    load.set(m.id, (load.get(m.id) ?? 0) + 1);
    perSlot.set(`${d.id}:${p.kind}`, (perSlot.get(`${d.id}:${p.kind}`) ?? 0) + 1);
    const b = p.breakdown;
    expect(b.duty.points + b.keywords.points + b.seniority.points + b.preference.points + b.load.points).toBe(p.score);
  }
  for (const [id, count] of load) expect(count).toBeLessThanOrEqual(mentors.get(id)!.capacity);
  for (const [key, count] of perSlot) {
    const [directionId, kind] = key.split(":") as [string, "INTERNAL" | "EXTERNAL"];
    expect(count).toBeLessThanOrEqual(directions.get(directionId)!.targets[kind]);
  }
}

function smallInstance(seed: number): MatchInput {
  const r = prng(seed * 7919 + 13);
  const input = randomInstance({
    seed,
    directions: r.int(1, 4),
    mentors: r.int(2, 8),
    duties: r.int(1, 3),
    vocabulary: r.int(2, 5),
    capacity: [0, 3],
    targets: [1, 3],
    heldShare: 0.3,
    exclusionShare: 0.3,
    preferenceShare: 0.5,
    memberShare: 0.15,
    colleges: 3,
    settings: {
      requireDutyMatch: r.next() < 0.7,
      excludeLeaderCollege: r.next() < 0.3,
      weights: { duty: r.int(0, 100), keywords: r.int(0, 100), seniority: r.int(0, 100), preference: r.int(0, 100), load: r.int(0, 100) },
    },
  });
  return input;
}

describe("matching engine: optimality", () => {
  it("equals the exact optimum (brute force) on 300 random small instances", () => {
    let pricedAgain = 0;
    let withOpenSlots = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const input = smallInstance(seed);
      const built = buildProblem(input);
      if (!built.ok) throw new Error(`seed ${seed}: ${JSON.stringify(built.problems)}`);
      const oracle = bruteForce(built.problem);
      // The second configuration starts from a deliberately tiny candidate set, so pricing has to find the rest.
      for (const options of [{}, { extraCandidates: 0, seeding: false }]) {
        const result = match(input, options);
        assertFeasible(input, result);
        expect(valueOf(result), `seed ${seed}, ${JSON.stringify(options)}`).toEqual(oracle);
        if (result.ok && result.stats.rounds > 1) pricedAgain++;
        if (result.ok && result.unfilled.length) withOpenSlots++;
      }
    }
    // The instances exercise both the pricing loop and scarcity.
    expect(pricedAgain).toBeGreaterThan(20);
    expect(withOpenSlots).toBeGreaterThan(20);
  });

  it("on medium instances, pruning plus pricing gives the same optimum as the full candidate graph", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const input = randomInstance({ seed, directions: 60, mentors: 90, duties: 4, vocabulary: 6, capacity: [1, 3], heldShare: 0.3 });
      const pruned = match(input, { extraCandidates: 1 });
      const full = match(input, { extraCandidates: 1000 });
      assertFeasible(input, pruned);
      expect(valueOf(pruned)).toEqual(valueOf(full));
      expect(pruned.ok && full.ok && pruned.stats.arcs).toBeLessThan(full.ok ? full.stats.arcs : 0);
    }
  });
});

describe("matching engine: greedy baseline", () => {
  it("is never better than the optimum, and worse on a good share of random instances", () => {
    let worse = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const input = smallInstance(seed);
      const optimal = valueOf(match(input));
      const greedy = valueOf(matchGreedy(input));
      expect(better(greedy, optimal), `seed ${seed}`).toBe(false);
      if (better(optimal, greedy)) worse++;
    }
    expect(worse).toBeGreaterThan(10);
  });

  it("leaves a direction without a mentor where the optimum covers both", () => {
    // One expert fits A best but is the only one B can have; greedy gives A the expert and B nothing.
    const direction = (id: string, keywords: string[]): MatchDirection => ({
      id, name: id, studioId: `s-${id}`, studioName: `工作室${id}`, duty: "CRISIS", keywords,
      targets: { INTERNAL: 1, EXTERNAL: 1 }, memberUserIds: [], leaderUserIds: [], leaderCollegeIds: [],
    });
    const mentor = (id: string, duties: MatchMentor["duties"], keywords: string[]): MatchMentor => ({
      id, name: id, userId: `u-${id}`, kind: "EXTERNAL", available: true, capacity: 1, duties, keywords, rank: "SENIOR", collegeId: null,
    });
    const input: MatchInput = {
      directions: [direction("A", ["舆情应对"]), direction("B", ["家校沟通"])],
      mentors: [mentor("expert", ["CRISIS"], ["舆情应对"]), mentor("generalist", ["MENTAL_HEALTH", "CRISIS"], [])],
      holdings: [],
      exclusions: [{ directionId: "B", mentorId: "generalist", reason: "DECLINED" }],
      preferences: [],
      settings: { weights: DEFAULT_WEIGHTS, requireDutyMatch: true, excludeLeaderCollege: false },
    };
    const optimal = match(input);
    const greedy = matchGreedy(input);
    expect(optimal.ok && optimal.proposals.map((p) => `${p.directionId}:${p.mentorId}`).sort()).toEqual(["A:generalist", "B:expert"]);
    expect(greedy.ok && greedy.proposals.map((p) => `${p.directionId}:${p.mentorId}`)).toEqual(["A:expert"]);
    expect(valueOf(optimal).firstFilled).toBe(2);
    expect(valueOf(greedy).firstFilled).toBe(1);
  });
});

describe("matching engine: determinism", () => {
  it("gives the same proposals for the same input, whatever order it arrives in", () => {
    const input = randomInstance({ seed: 42, directions: 80, mentors: 160, duties: 5, vocabulary: 5 });
    const first = match(input);
    const r = prng(7);
    for (let i = 0; i < 5; i++) {
      const shuffled: MatchInput = {
        ...input,
        directions: r.shuffle(input.directions),
        mentors: r.shuffle(input.mentors),
        holdings: r.shuffle(input.holdings),
        exclusions: r.shuffle(input.exclusions),
        preferences: r.shuffle(input.preferences),
      };
      expect(match(shuffled)).toEqual(first);
    }
    expect(match(input)).toEqual(first);
  });
});

describe("matching engine: contradictions and explanations", () => {
  const base = (): MatchInput => randomInstance({ seed: 5, directions: 4, mentors: 10, duties: 2, heldShare: 0, exclusionShare: 0, preferenceShare: 0, memberShare: 0 });

  it("reports held pairs beyond a direction's target instead of failing", () => {
    const input = base();
    const d = input.directions[0]!;
    d.targets.INTERNAL = 1;
    const internal = input.mentors.filter((m) => m.kind === "INTERNAL").slice(0, 2);
    for (const m of internal) m.capacity = 3;
    input.holdings = internal.map((m) => ({ directionId: d.id, mentorId: m.id, status: "PROPOSED" as const, locked: true }));
    const result = match(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toContainEqual({
      key: "problems.overTarget",
      params: { direction: d.name, studio: d.studioName, kind: "INTERNAL", held: 2, target: 1 },
    });
  });

  it("reports a mentor locked beyond capacity, a locked leader, an unavailable lock and a lock on an excluded pair — all at once", () => {
    const input = base();
    const [d0, d1, d2] = input.directions as [MatchDirection, MatchDirection, MatchDirection];
    const m = input.mentors.find((x) => x.kind === "EXTERNAL")!;
    m.capacity = 1;
    const leader = input.mentors.find((x) => x.kind === "INTERNAL")!;
    d0.memberUserIds.push(leader.userId);
    d0.leaderUserIds.push(leader.userId);
    const away = input.mentors.filter((x) => x.kind === "INTERNAL")[1]!;
    away.available = false;
    input.holdings = [
      { directionId: d0.id, mentorId: m.id, status: "ACCEPTED", locked: false },
      { directionId: d1.id, mentorId: m.id, status: "PROPOSED", locked: true },
      { directionId: d0.id, mentorId: leader.id, status: "PROPOSED", locked: true },
      { directionId: d2.id, mentorId: away.id, status: "PROPOSED", locked: true },
    ];
    input.exclusions = [{ directionId: d2.id, mentorId: away.id, reason: "EXCLUDED" }];
    const result = match(input);
    expect(result.ok).toBe(false);
    const keys = !result.ok ? result.problems.map((p) => p.key) : [];
    expect(keys).toEqual(expect.arrayContaining(["problems.overCapacity", "problems.lockedLeader", "problems.lockedUnavailable", "problems.heldAndExcluded"]));
  });

  it("reports bad targets, capacities and weights, and holdings of unknown records", () => {
    const input = base();
    input.directions[0]!.targets.EXTERNAL = 4;
    input.mentors[0]!.capacity = -1;
    input.settings = { ...input.settings, weights: { ...DEFAULT_WEIGHTS, load: Number.NaN } };
    input.holdings = [{ directionId: "nope", mentorId: input.mentors[1]!.id, status: "ACCEPTED", locked: false }];
    const result = match(input);
    const keys = !result.ok ? result.problems.map((p) => p.key) : [];
    expect(keys).toEqual(expect.arrayContaining(["problems.invalidTarget", "problems.invalidCapacity", "problems.invalidWeight", "problems.unknownHolding"]));
  });

  it("names the duty nobody of a kind is expert in", () => {
    const input = base();
    input.directions = [{ ...input.directions[0]!, duty: "CRISIS" }];
    for (const m of input.mentors) if (m.kind === "EXTERNAL") m.duties = m.duties.filter((d) => d !== "CRISIS").concat(m.duties.length ? [] : ["CAREER"]);
    for (const m of input.mentors) if (m.kind === "EXTERNAL" && m.duties.length === 0) m.duties = ["CAREER"];
    const result = match(input);
    expect(result.ok && result.unfilled.find((u) => u.kind === "EXTERNAL")).toMatchObject({
      noneOfKind: true,
      reason: { key: "unfilled.noExpertise", params: { kind: "EXTERNAL", duty: "CRISIS" } },
    });
  });

  it("explains slots left open because the experts are full, blocked, or needed elsewhere", () => {
    const mentor = (id: string, capacity: number): MatchMentor => ({
      id, name: id, userId: `u-${id}`, kind: "INTERNAL", available: true, capacity, duties: ["CAREER"], keywords: [], rank: "ASSOCIATE", collegeId: null,
    });
    const direction = (id: string, target: number, members: string[] = []): MatchDirection => ({
      id, name: id, studioId: `s-${id}`, studioName: id, duty: "CAREER", keywords: [], targets: { INTERNAL: target, EXTERNAL: 1 },
      memberUserIds: members, leaderUserIds: members, leaderCollegeIds: [],
    });
    const settings = { weights: DEFAULT_WEIGHTS, requireDutyMatch: true, excludeLeaderCollege: false };
    const filled = match({ directions: [direction("A", 1)], mentors: [mentor("x", 1)], preferences: [], exclusions: [], holdings: [], settings });
    expect(filled.ok && filled.unfilled.find((u) => u.kind === "INTERNAL")).toBeUndefined();

    const expertsFull = match({
      directions: [direction("A", 1), direction("B", 1)], mentors: [mentor("x", 1)], preferences: [], exclusions: [], settings,
      holdings: [{ directionId: "B", mentorId: "x", status: "ACCEPTED", locked: false }],
    });
    expect(expertsFull.ok && expertsFull.unfilled.find((u) => u.directionId === "A" && u.kind === "INTERNAL")?.reason).toEqual({
      key: "unfilled.expertsFull", params: { kind: "INTERNAL", duty: "CAREER", count: 1 },
    });

    const blocked = match({ directions: [direction("A", 1, ["u-x"])], mentors: [mentor("x", 2)], preferences: [], exclusions: [], holdings: [], settings });
    expect(blocked.ok && blocked.unfilled.find((u) => u.kind === "INTERNAL")?.reason.key).toBe("unfilled.allBlocked");

    const elsewhere = match({ directions: [direction("A", 2), direction("B", 2)], mentors: [mentor("x", 2), mentor("y", 1)], preferences: [], exclusions: [], holdings: [], settings });
    expect(elsewhere.ok && elsewhere.stats).toMatchObject({ slots: 6, firstSlots: 4, firstFilled: 2, filled: 3 });
    expect(elsewhere.ok && elsewhere.unfilled.filter((u) => u.kind === "INTERNAL").map((u) => u.reason.key)).toEqual(["unfilled.takenElsewhere"]);
  });

  it("re-matches only the slots in scope and keeps everything else", () => {
    const input = randomInstance({ seed: 11, directions: 20, mentors: 40, duties: 3, heldShare: 0.5 });
    const target = input.directions.find((d) => input.holdings.every((h) => h.directionId !== d.id))!;
    const result = match({ ...input, scope: [{ directionId: target.id, kind: "EXTERNAL" }] });
    expect(result.ok).toBe(true);
    expect(result.ok && result.proposals.every((p) => p.directionId === target.id && p.kind === "EXTERNAL")).toBe(true);
    expect(result.ok && result.stats.slots).toBe(target.targets.EXTERNAL);
  });

  it("prefers the studio's first choice when everything else is equal, and says so in the breakdown", () => {
    const mentor = (id: string): MatchMentor => ({
      id, name: id, userId: `u-${id}`, kind: "EXTERNAL", available: true, capacity: 1, duties: ["RESEARCH"], keywords: ["论文写作"], rank: "SENIOR", collegeId: null,
    });
    const input: MatchInput = {
      directions: [{ id: "d", name: "科研", studioId: "s", studioName: "知行", duty: "RESEARCH", keywords: ["论文写作", "课题申报"], targets: { INTERNAL: 1, EXTERNAL: 1 }, memberUserIds: [], leaderUserIds: [], leaderCollegeIds: [] }],
      mentors: [mentor("a"), mentor("b"), mentor("c")],
      holdings: [],
      exclusions: [],
      preferences: [{ studioId: "s", mentorId: "c", rank: 1 }],
      settings: { weights: DEFAULT_WEIGHTS, requireDutyMatch: true, excludeLeaderCollege: false },
    };
    const result = match(input);
    expect(result.ok && result.proposals).toHaveLength(1);
    const proposal = result.ok ? result.proposals[0]! : null;
    expect(proposal?.mentorId).toBe("c");
    expect(proposal?.breakdown).toMatchObject({
      duty: { points: 4000, level: "primary" },
      keywords: { points: 1500, matched: ["论文写作"], of: 2 },
      seniority: { points: 1000, rank: "SENIOR" },
      preference: { points: 2000, rank: 1 },
      load: { points: 0, position: 1, capacity: 1 },
      total: 8500,
    });
  });
});

describe("greedy solution helper", () => {
  it("respects needs and capacities", () => {
    const input = randomInstance({ seed: 3, directions: 30, mentors: 30, duties: 2, capacity: [1, 2] });
    const built = buildProblem(input);
    if (!built.ok) throw new Error("bad instance");
    assertFeasible(input, describeSolution(built.problem, greedySolution(built.problem)));
  });
});
