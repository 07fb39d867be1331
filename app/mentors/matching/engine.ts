import { solveMatching, type SolveOptions, type Solution } from "./min-cost-flow.ts";
import { buildProblem, DUTIES, KINDS, type Problem } from "./problem.ts";
import type { Explained, MatchInput, MatchResult, MatchStats, Proposal, UnfilledSlot } from "./types.ts";

export type { SolveOptions };

/**
 * Runs the matching: checks the input, finds the optimum (min-cost flow, exact), and explains it:
 * every proposal with its score broken down, every slot left open with the reason.
 */
export function match(input: MatchInput, options: SolveOptions = {}): MatchResult {
  const built = buildProblem(input);
  if (!built.ok) return built;
  const problem = built.problem;
  const solution = solveMatching(problem, options);
  return describe(problem, solution);
}

/** Turns a solution (optimal or the greedy baseline) into proposals, open slots and figures. */
export function describe(problem: Problem, solution: Pick<Solution, "assigned" | "open"> & Partial<Solution>): MatchResult & { ok: true } {
  const { G, groupDirection, groupKind, groupNeed, groupFirst, mentorLoad } = problem;
  const perMentor = new Map<number, Array<{ g: number; score: number }>>();
  for (let g = 0; g < G; g++) {
    for (const m of solution.assigned[g]!) {
      const list = perMentor.get(m) ?? [];
      list.push({ g, score: problem.pairScore(g, m) ?? 0 });
      perMentor.set(m, list);
    }
  }
  const proposals: Proposal[] = [];
  let objective = 0;
  for (const [m, list] of [...perMentor].sort((a, b) => a[0] - b[0])) {
    // The mentor's best new direction is counted as their next one, and so on (the total is the same either way).
    list.sort((a, b) => b.score - a.score || a.g - b.g);
    list.forEach(({ g }, k) => {
      const breakdown = problem.breakdown(g, m, mentorLoad[m]! + k + 1);
      objective += breakdown.total;
      proposals.push({
        directionId: problem.directions[groupDirection[g]!]!.id,
        mentorId: problem.mentors[m]!.id,
        kind: KINDS[groupKind[g]!]!,
        score: breakdown.total,
        breakdown,
      });
    });
  }
  proposals.sort((a, b) => (a.directionId < b.directionId ? -1 : a.directionId > b.directionId ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : b.score - a.score));

  const unfilled: UnfilledSlot[] = [];
  const stats: MatchStats = { slots: 0, filled: 0, firstSlots: 0, firstFilled: 0, objective, rounds: solution.rounds ?? 0, arcs: solution.arcs ?? 0 };
  for (let g = 0; g < G; g++) {
    const need = groupNeed[g]!;
    const open = solution.open[g]!;
    stats.slots += need;
    stats.filled += need - open;
    if (groupFirst[g]) {
      stats.firstSlots += 1;
      if (open < need) stats.firstFilled += 1;
    }
    if (open > 0) {
      unfilled.push({
        directionId: problem.directions[groupDirection[g]!]!.id,
        kind: KINDS[groupKind[g]!]!,
        missing: open,
        noneOfKind: groupFirst[g] === 1 && open === need,
        reason: explainOpenSlot(problem, g, solution.assigned),
      });
    }
  }
  return { ok: true, proposals, unfilled, stats };
}

/** Why a group kept open slots, from the most basic cause to "the others were needed elsewhere". */
function explainOpenSlot(problem: Problem, g: number, assigned: number[][]): Explained {
  const kind = KINDS[problem.groupKind[g]!]!;
  const duty = DUTIES[problem.groupDuty[g]!]!;
  const ofKind = problem.mentors.filter((m) => m.kind === kind);
  if (!ofKind.length) return { key: "unfilled.noMentorsOfKind", params: { kind } };
  const available = ofKind.filter((m) => m.available);
  if (!available.length) return { key: "unfilled.noneAvailable", params: { kind } };
  const expert = problem.mentors
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.kind === kind && m.available && (!problem.requireDutyMatch || m.duties.includes(duty)));
  if (!expert.length) return { key: "unfilled.noExpertise", params: { kind, duty } };
  const withRoom = expert.filter(({ i }) => problem.mentorRemaining[i]! > 0);
  if (!withRoom.length) return { key: "unfilled.expertsFull", params: { kind, duty, count: expert.length } };
  const eligible = withRoom.filter(({ i }) => problem.eligible(g, i));
  if (!eligible.length) return { key: "unfilled.allBlocked", params: { kind, duty, count: withRoom.length } };
  const used = new Map<number, number>();
  for (const list of assigned) for (const m of list) used.set(m, (used.get(m) ?? 0) + 1);
  const spare = eligible.filter(({ i }) => (used.get(i) ?? 0) < problem.mentorRemaining[i]!);
  // An optimal solution never leaves a slot open next to an eligible mentor with room; the greedy baseline may.
  if (spare.length) return { key: "unfilled.notChosen", params: { kind, count: spare.length } };
  return { key: "unfilled.takenElsewhere", params: { kind, duty, count: eligible.length } };
}

/**
 * Baseline for comparison: take pairs in order of fit, best first, while the slot and the mentor
 * have room. This is what a person sorting a spreadsheet would do; it is not optimal.
 */
export function greedySolution(problem: Problem): Pick<Solution, "assigned" | "open"> {
  const { G, groupNeed, mentorRemaining } = problem;
  const scratch = problem.newScratch();
  const pairGroup: number[] = [];
  const pairMentor: number[] = [];
  const pairScore: number[] = [];
  let maxScore = 0;
  for (let g = 0; g < G; g++) {
    problem.collectBonus(problem.groupDirection[g]!, scratch);
    const list = problem.baseLists[problem.groupDuty[g]! * 2 + problem.groupKind[g]!]!;
    const add = (m: number, score: number) => {
      pairGroup.push(g);
      pairMentor.push(m);
      pairScore.push(score);
      if (score > maxScore) maxScore = score;
    };
    for (let i = 0; i < scratch.size; i++) {
      const m = scratch.list[i]!;
      if (problem.eligible(g, m)) add(m, problem.base(g, m) + scratch.points[m]!);
    }
    for (const m of list) if (scratch.stamp[m] !== scratch.current && problem.eligible(g, m)) add(m, problem.base(g, m));
  }
  // Counting sort by score, best first; ties keep (group, mentor) order.
  const buckets = new Int32Array(maxScore + 2);
  for (const s of pairScore) buckets[maxScore - s + 1]! += 1;
  for (let i = 1; i < buckets.length; i++) buckets[i]! += buckets[i - 1]!;
  const order = new Int32Array(pairScore.length);
  const byMentorThenGroup = pairScore.map((_, i) => i).sort((a, b) => pairGroup[a]! - pairGroup[b]! || pairMentor[a]! - pairMentor[b]!);
  for (const i of byMentorThenGroup) order[buckets[maxScore - pairScore[i]!]!++] = i;

  const need = Int32Array.from(groupNeed);
  const room = Int32Array.from(mentorRemaining);
  const assigned: number[][] = Array.from({ length: G }, () => []);
  for (const i of order) {
    const g = pairGroup[i]!;
    const m = pairMentor[i]!;
    if (need[g]! > 0 && room[m]! > 0) {
      need[g]! -= 1;
      room[m]! -= 1;
      assigned[g]!.push(m);
    }
  }
  for (const list of assigned) list.sort((a, b) => a - b);
  return { assigned, open: need };
}

/** Greedy baseline on the same input, described the same way (for the board and the benchmark). */
export function matchGreedy(input: MatchInput): MatchResult {
  const built = buildProblem(input);
  if (!built.ok) return built;
  return describe(built.problem, greedySolution(built.problem));
}
