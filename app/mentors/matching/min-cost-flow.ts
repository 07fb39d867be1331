import { DUTIES, type Problem } from "./problem.ts";

/**
 * Exact b-matching of mentors to direction slots as a min-cost flow (see
 * docs/decisions/020-matching-algorithm.md).
 *
 * Network: every slot is one unit of supply at its group (direction × kind). A unit leaves its
 * group either to a mentor (pair arc, capacity 1, cost −fit) and on to the sink (the mentor's
 * k-th new direction costs the load penalty, convex in k), or straight to the sink unfilled
 * (cost: one "open slot", much more when it leaves the direction without any mentor of the
 * kind). Costs are pairs (open-slot count, hundredths of a point) compared lexicographically, so
 * the optimum first gives every direction its first mentor where at all possible, then fills as
 * many further slots as possible, then maximises total fit — without big-M rounding.
 *
 * The flow is built by successive shortest paths (Dijkstra with potentials, one path per slot).
 * To stay fast on 2,000 × 6,000, each group starts with only its best candidates; afterwards
 * every pair left out is priced against the final potentials. If none has negative reduced
 * cost, the potentials prove the solution optimal for the full problem (LP duality);
 * otherwise those pairs are added and the flow is solved again.
 */

export interface SolveOptions {
  /** Candidates per group in the first round: need + this many (more are added when pricing finds them). */
  extraCandidates?: number;
  /** Start from a capacity-aware greedy guess (default). Off, the pricing loop does all the work (tests). */
  seeding?: boolean;
  /** Safety net; the loop ends by itself once the optimality certificate holds. */
  maxRounds?: number;
  /** Progress of the pricing loop (for benchmarks). */
  onRound?: (round: { round: number; arcs: number; violations: number }) => void;
}

export interface Solution {
  /** Per group, the mentors it gets (ascending mentor index). */
  assigned: number[][];
  /** Per group, slots left open. */
  open: Int32Array;
  rounds: number;
  arcs: number;
}

interface Flow {
  arcStart: Int32Array;
  arcMentor: Int32Array;
  arcGroup: Int32Array;
  arcCost: Float64Array;
  arcFlow: Uint8Array;
  mentorOffset: Int32Array;
  mentorArcs: Int32Array;
  mentorCount: Int32Array;
  penalty: Float64Array;
  open: Int32Array;
  piHi: Float64Array;
  piLo: Float64Array;
  /** Open-slot cost (hi part) of a group's k-th open slot. */
  openCost: (group: number, k: number) => number;
}

const DUTY_COUNT = DUTIES.length;

export function solveMatching(problem: Problem, options: SolveOptions = {}): Solution {
  const { G } = problem;
  const extra = options.extraCandidates ?? 2;
  const maxRounds = options.maxRounds ?? 1000;
  const streams = buildStreams(problem);
  const added: number[][] = options.seeding === false ? Array.from({ length: G }, () => []) : seedCandidates(problem, streams);

  const initial = buildCandidates(problem, streams, extra, added);
  for (let round = 1; ; round++) {
    const candidates = round === 1 ? initial.arrays() : initial.withAdded(added);
    const flow = runFlow(problem, candidates);
    const violations = round >= maxRounds ? [] : price(problem, streams, flow);
    options.onRound?.({ round, arcs: candidates.mentors.length, violations: violations.length });
    if (!violations.length) {
      const assigned: number[][] = Array.from({ length: G }, () => []);
      for (let g = 0; g < G; g++) {
        for (let a = flow.arcStart[g]!; a < flow.arcStart[g + 1]!; a++) if (flow.arcFlow[a]) assigned[g]!.push(flow.arcMentor[a]!);
        assigned[g]!.sort((x, y) => x - y);
      }
      return { assigned, open: flow.open, rounds: round, arcs: flow.arcMentor.length };
    }
    for (const list of added) list.length = 0;
    for (const [g, m] of violations) added[g]!.push(m);
  }
}

/**
 * Per group, the eligible mentors that have a bonus (shared keywords, studio preference), best
 * first; all other eligible mentors come from the (duty, kind) base list, already sorted.
 */
interface Streams {
  start: Int32Array;
  mentor: Int32Array;
  score: Int32Array;
  /** mark[m] === g + 1 while group g's bonus mentors are marked (see markBonus), with their score in marked[m]. */
  mark: Int32Array;
  marked: Int32Array;
}

function buildStreams(problem: Problem): Streams {
  const { G, M } = problem;
  const scratch = problem.newScratch();
  const start = new Int32Array(G + 1);
  let mentors = new Int32Array(1 << 16);
  let scores = new Int32Array(1 << 16);
  let total = 0;
  let keys = new Float64Array(1024);
  for (let g = 0; g < G; g++) {
    start[g] = total;
    problem.collectBonus(problem.groupDirection[g]!, scratch);
    if (keys.length < scratch.size) keys = new Float64Array(scratch.size * 2);
    let n = 0;
    for (let i = 0; i < scratch.size; i++) {
      const m = scratch.list[i]!;
      // Best score first, then lower mentor index: one sortable number per candidate.
      if (problem.eligible(g, m)) keys[n++] = (KEY_RANGE - (problem.base(g, m) + scratch.points[m]!)) * M + m;
    }
    const sorted = keys.subarray(0, n).sort();
    if (total + n > mentors.length) {
      const size = Math.max(mentors.length * 2, total + n);
      const nextMentors = new Int32Array(size);
      nextMentors.set(mentors);
      mentors = nextMentors;
      const nextScores = new Int32Array(size);
      nextScores.set(scores);
      scores = nextScores;
    }
    for (let i = 0; i < n; i++) {
      const key = sorted[i]!;
      const m = key % M;
      mentors[total] = m;
      scores[total] = KEY_RANGE - (key - m) / M;
      total++;
    }
  }
  start[G] = total;
  return { start, mentor: mentors.slice(0, total), score: scores.slice(0, total), mark: new Int32Array(M), marked: new Int32Array(M) };
}

/** Scores are below 5 × 100 points × 100; keys stay exact integers for up to millions of mentors. */
const KEY_RANGE = 1 << 20;

function markBonus(streams: Streams, g: number) {
  for (let i = streams.start[g]!; i < streams.start[g + 1]!; i++) {
    streams.mark[streams.mentor[i]!] = g + 1;
    streams.marked[streams.mentor[i]!] = streams.score[i]!;
  }
}

/** Score of an eligible pair; group g's bonus mentors must be marked. */
function scoreOf(problem: Problem, streams: Streams, g: number, m: number): number {
  return streams.mark[m] === g + 1 ? streams.marked[m]! : problem.base(g, m);
}

/**
 * Walks group g's eligible mentors best first (bonus mentors merged into the base list) and calls
 * `visit` until it returns false. Call markBonus(streams, g) first.
 */
function walk(problem: Problem, streams: Streams, g: number, visit: (m: number, score: number) => boolean) {
  const list = problem.baseLists[problem.groupDuty[g]! * 2 + problem.groupKind[g]!]!;
  let i = streams.start[g]!;
  const end = streams.start[g + 1]!;
  let j = 0;
  for (;;) {
    while (j < list.length && (streams.mark[list[j]!] === g + 1 || !problem.eligible(g, list[j]!))) j++;
    const fromList = j < list.length ? list[j]! : -1;
    const listScore = fromList >= 0 ? problem.base(g, fromList) : -1;
    if (i < end && (fromList < 0 || streams.score[i]! > listScore || (streams.score[i] === listScore && streams.mentor[i]! < fromList))) {
      if (!visit(streams.mentor[i]!, streams.score[i]!)) return;
      i++;
    } else if (fromList >= 0) {
      if (!visit(fromList, listScore)) return;
      j++;
    } else {
      return;
    }
  }
}

/**
 * A capacity-aware first guess: slot by slot (every group's first slot first), each group takes
 * its best mentor who still has room. Its pairs join the candidates, so the first restricted
 * graph can already fill about as much as the full one and its prices mean something.
 */
function seedCandidates(problem: Problem, streams: Streams): number[][] {
  const { G, groupNeed } = problem;
  const room = Int32Array.from(problem.mentorRemaining);
  const picked: number[][] = Array.from({ length: G }, () => []);
  let maxNeed = 0;
  for (let g = 0; g < G; g++) maxNeed = Math.max(maxNeed, groupNeed[g]!);
  for (let level = 0; level < maxNeed; level++) {
    for (let g = 0; g < G; g++) {
      if (level >= groupNeed[g]!) continue;
      markBonus(streams, g);
      const mine = picked[g]!;
      walk(problem, streams, g, (m) => {
        if (room[m]! <= 0 || mine.includes(m)) return true;
        room[m]! -= 1;
        mine.push(m);
        return false;
      });
    }
  }
  // Each group also sees its best mentors that still have room after this guess: the cheap
  // alternatives the optimum tends to move to.
  for (let g = 0; g < G; g++) {
    markBonus(streams, g);
    const mine = picked[g]!;
    let spare = 0;
    walk(problem, streams, g, (m) => {
      if (room[m]! > 0 && !mine.includes(m)) {
        mine.push(m);
        spare++;
      }
      return spare < SPARE_CANDIDATES;
    });
  }
  return picked;
}

const SPARE_CANDIDATES = 4;

/**
 * For each group: its best need + extra eligible mentors plus the seeded pairs. Later rounds add
 * the pairs pricing found (kept from round to round) without walking the lists again.
 */
function buildCandidates(problem: Problem, streams: Streams, extra: number, seeded: number[][]) {
  const { G, groupNeed } = problem;
  const lists: number[][] = [];
  const costLists: number[][] = [];
  const chosen = new Int32Array(problem.M).fill(-1);
  for (let g = 0; g < G; g++) {
    const mentors: number[] = [];
    const costs: number[] = [];
    markBonus(streams, g);
    const limit = groupNeed[g]! + extra;
    walk(problem, streams, g, (m, score) => {
      chosen[m] = g;
      mentors.push(m);
      costs.push(-score);
      return mentors.length < limit;
    });
    for (const m of seeded[g]!) {
      if (chosen[m] === g) continue;
      chosen[m] = g;
      mentors.push(m);
      costs.push(-scoreOf(problem, streams, g, m));
    }
    lists.push(mentors);
    costLists.push(costs);
  }
  const arrays = () => {
    const start = new Int32Array(G + 1);
    let total = 0;
    for (let g = 0; g < G; g++) {
      start[g] = total;
      total += lists[g]!.length;
    }
    start[G] = total;
    const mentors = new Int32Array(total);
    const costs = new Float64Array(total);
    for (let g = 0; g < G; g++) {
      mentors.set(lists[g]!, start[g]!);
      costs.set(costLists[g]!, start[g]!);
    }
    return { start, mentors, costs };
  };
  return {
    arrays,
    withAdded(added: number[][]) {
      for (let g = 0; g < G; g++) {
        if (!added[g]!.length) continue;
        markBonus(streams, g);
        for (const m of added[g]!) {
          if (lists[g]!.includes(m)) continue;
          lists[g]!.push(m);
          costLists[g]!.push(-scoreOf(problem, streams, g, m));
        }
      }
      return arrays();
    },
  };
}

function runFlow(problem: Problem, candidates: { start: Int32Array; mentors: Int32Array; costs: Float64Array }): Flow {
  const { G, M, groupNeed, groupFirst, mentorRemaining, mentorLoad } = problem;
  const N = G + M + 1;
  const T = G + M;
  const arcStart = candidates.start;
  const arcMentor = candidates.mentors;
  const arcCost = candidates.costs;
  const A = arcMentor.length;
  const arcGroup = new Int32Array(A);
  for (let g = 0; g < G; g++) for (let a = arcStart[g]!; a < arcStart[g + 1]!; a++) arcGroup[a] = g;
  const arcFlow = new Uint8Array(A);

  const mentorOffset = new Int32Array(M + 1);
  for (let m = 0; m < M; m++) mentorOffset[m + 1] = mentorOffset[m]! + Math.max(0, mentorRemaining[m]!);
  const mentorArcs = new Int32Array(mentorOffset[M]!);
  const mentorCount = new Int32Array(M);
  const penalty = new Float64Array(mentorOffset[M]!);
  for (let m = 0; m < M; m++) {
    for (let k = 0; k < mentorRemaining[m]!; k++) penalty[mentorOffset[m]! + k] = problem.loadPenalty(m, mentorLoad[m]! + k + 1);
  }
  const open = new Int32Array(G);
  let units = 0;
  for (let g = 0; g < G; g++) units += groupNeed[g]!;
  const firstWeight = units + 1;
  const openCost = (g: number, k: number) => (groupFirst[g] && k === groupNeed[g]! ? firstWeight : 1); // k-th open slot, 1-based

  // Potentials that make every arc's reduced cost non-negative for the empty flow.
  const piHi = new Float64Array(N);
  const piLo = new Float64Array(N);
  for (let a = 0; a < A; a++) {
    const v = G + arcMentor[a]!;
    if (arcCost[a]! < piLo[v]!) piLo[v] = arcCost[a]!;
  }
  let tHi = Infinity;
  let tLo = Infinity;
  for (let m = 0; m < M; m++) {
    if (mentorRemaining[m]! <= 0) continue;
    const lo = penalty[mentorOffset[m]!]! + piLo[G + m]!;
    if (0 < tHi || lo < tLo) {
      tHi = 0;
      tLo = lo;
    }
  }
  for (let g = 0; g < G; g++) {
    const hi = openCost(g, 1);
    if (hi < tHi || (hi === tHi && 0 < tLo)) {
      tHi = hi;
      tLo = 0;
    }
  }
  piHi[T] = tHi === Infinity ? 0 : tHi;
  piLo[T] = tLo === Infinity ? 0 : tLo;

  // Dijkstra state (reset lazily by stamps) and a binary heap keyed by (hi, lo).
  const distHi = new Float64Array(N);
  const distLo = new Float64Array(N);
  const seen = new Int32Array(N);
  const done = new Int32Array(N);
  const prev = new Int32Array(N);
  const visited = new Int32Array(N);
  let stamp = 0;
  let heapNode = new Int32Array(1024);
  let heapHi = new Float64Array(1024);
  let heapLo = new Float64Array(1024);
  let heapSize = 0;
  const less = (i: number, j: number) => heapHi[i]! < heapHi[j]! || (heapHi[i] === heapHi[j] && heapLo[i]! < heapLo[j]!);
  const swap = (i: number, j: number) => {
    const n = heapNode[i]!, h = heapHi[i]!, l = heapLo[i]!;
    heapNode[i] = heapNode[j]!; heapHi[i] = heapHi[j]!; heapLo[i] = heapLo[j]!;
    heapNode[j] = n; heapHi[j] = h; heapLo[j] = l;
  };
  const push = (node: number, hi: number, lo: number) => {
    if (heapSize === heapNode.length) {
      const grow = <T extends Int32Array | Float64Array>(arr: T): T => {
        const next = new (arr.constructor as new (n: number) => T)(arr.length * 2);
        next.set(arr);
        return next;
      };
      heapNode = grow(heapNode);
      heapHi = grow(heapHi);
      heapLo = grow(heapLo);
    }
    let i = heapSize++;
    heapNode[i] = node; heapHi[i] = hi; heapLo[i] = lo;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  };
  const pop = () => {
    const node = heapNode[0]!;
    heapSize--;
    if (heapSize > 0) {
      heapNode[0] = heapNode[heapSize]!; heapHi[0] = heapHi[heapSize]!; heapLo[0] = heapLo[heapSize]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heapSize) break;
        const r = l + 1;
        const c = r < heapSize && less(r, l) ? r : l;
        if (!less(c, i)) break;
        swap(c, i);
        i = c;
      }
    }
    return node;
  };
  const relax = (u: number, v: number, rcHi: number, rcLo: number, via: number) => {
    if (done[v] === stamp) return;
    const h = distHi[u]! + rcHi;
    const l = distLo[u]! + rcLo;
    if (seen[v] !== stamp || h < distHi[v]! || (h === distHi[v] && l < distLo[v]!)) {
      seen[v] = stamp;
      distHi[v] = h;
      distLo[v] = l;
      prev[v] = via;
      push(v, h, l);
    }
  };

  const route = (source: number) => {
    stamp++;
    heapSize = 0;
    let visitedCount = 0;
    seen[source] = stamp;
    distHi[source] = 0;
    distLo[source] = 0;
    prev[source] = -1;
    push(source, 0, 0);
    while (heapSize > 0) {
      const u = pop();
      if (done[u] === stamp) continue;
      done[u] = stamp;
      visited[visitedCount++] = u;
      if (u === T) break;
      const uHi = piHi[u]!;
      const uLo = piLo[u]!;
      if (u < G) {
        for (let a = arcStart[u]!; a < arcStart[u + 1]!; a++) {
          if (arcFlow[a]) continue;
          const v = G + arcMentor[a]!;
          relax(u, v, uHi - piHi[v]!, arcCost[a]! + uLo - piLo[v]!, a);
        }
        if (open[u]! < groupNeed[u]!) relax(u, T, openCost(u, open[u]! + 1) + uHi - piHi[T]!, uLo - piLo[T]!, u);
      } else {
        const m = u - G;
        const base = mentorOffset[m]!;
        const count = mentorCount[m]!;
        if (count < mentorRemaining[m]!) relax(u, T, uHi - piHi[T]!, penalty[base + count]! + uLo - piLo[T]!, u);
        for (let k = 0; k < count; k++) {
          const a = mentorArcs[base + k]!;
          const v = arcGroup[a]!;
          relax(u, v, uHi - piHi[v]!, -arcCost[a]! + uLo - piLo[v]!, a);
        }
      }
    }
    // Potentials: finalised nodes move by their distance, all others by the sink's (shifted so those stay put).
    const tHi = distHi[T]!;
    const tLo = distLo[T]!;
    for (let i = 0; i < visitedCount; i++) {
      const v = visited[i]!;
      piHi[v]! += distHi[v]! - tHi;
      piLo[v]! += distLo[v]! - tLo;
    }
    // Augment one unit along the path back from the sink.
    let cur = prev[T]!;
    if (cur < G) open[cur]! += 1;
    while (cur !== source) {
      if (cur >= G) {
        const a = prev[cur]!;
        const m = cur - G;
        arcFlow[a] = 1;
        mentorArcs[mentorOffset[m]! + mentorCount[m]!] = a;
        mentorCount[m]! += 1;
        cur = arcGroup[a]!;
      } else {
        const a = prev[cur]!;
        const m = arcMentor[a]!;
        arcFlow[a] = 0;
        const base = mentorOffset[m]!;
        const last = base + mentorCount[m]! - 1;
        for (let k = base; k <= last; k++) {
          if (mentorArcs[k] === a) {
            mentorArcs[k] = mentorArcs[last]!;
            break;
          }
        }
        mentorCount[m]! -= 1;
        cur = G + m;
      }
    }
  };

  // One unit per slot, first slots of all groups first.
  let maxNeed = 0;
  for (let g = 0; g < G; g++) maxNeed = Math.max(maxNeed, groupNeed[g]!);
  for (let level = 0; level < maxNeed; level++) {
    for (let g = 0; g < G; g++) if (level < groupNeed[g]!) route(g);
  }

  return { arcStart, arcMentor, arcGroup, arcCost, arcFlow, mentorOffset, mentorArcs, mentorCount, penalty, open, piHi, piLo, openCost };
}

/**
 * Prices every eligible pair left out of the restricted graph against the final potentials.
 * Returns the pairs with negative reduced cost; none means the flow is optimal for the full problem.
 */
function price(problem: Problem, streams: Streams, flow: Flow): Array<[number, number]> {
  const { G, M, groupKind, groupDuty, mentorRemaining, mentorDutyPoints, mentorSeniority } = problem;
  const T = G + M;
  const { arcStart, arcMentor, arcCost, mentorOffset, mentorArcs, mentorCount, penalty, piHi, piLo } = flow;

  // Tighten the potentials without breaking any residual arc: raise every group as far as its
  // incoming residual arcs allow, then lower every mentor as far as its outgoing ones allow. Both
  // only make new pair arcs look worse, so fewer pairs are reported that cannot actually help.
  const gHi = new Float64Array(G);
  const gLo = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let hi = Infinity;
    let lo = Infinity;
    const consider = (h: number, l: number) => {
      if (h < hi || (h === hi && l < lo)) {
        hi = h;
        lo = l;
      }
    };
    if (flow.open[g]! > 0) consider(piHi[T]! - flow.openCost(g, flow.open[g]!), piLo[T]!);
    for (let a = arcStart[g]!; a < arcStart[g + 1]!; a++) {
      if (flow.arcFlow[a]) consider(piHi[G + arcMentor[a]!]!, piLo[G + arcMentor[a]!]! - arcCost[a]!);
    }
    gHi[g] = hi === Infinity ? piHi[g]! : hi;
    gLo[g] = hi === Infinity ? piLo[g]! : lo;
  }
  for (let g = 0; g < G; g++) {
    piHi[g] = gHi[g]!;
    piLo[g] = gLo[g]!;
  }
  // Lower each mentor's potential as far as its outgoing residual arcs allow.
  const mHi = new Float64Array(M);
  const mLo = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    let hi = -Infinity;
    let lo = -Infinity;
    const consider = (h: number, l: number) => {
      if (h > hi || (h === hi && l > lo)) {
        hi = h;
        lo = l;
      }
    };
    if (mentorRemaining[m]! <= 0) continue;
    if (mentorCount[m]! < mentorRemaining[m]!) consider(piHi[T]!, piLo[T]! - penalty[mentorOffset[m]! + mentorCount[m]!]!);
    for (let k = 0; k < mentorCount[m]!; k++) {
      const a = mentorArcs[mentorOffset[m]! + k]!;
      const g = flow.arcGroup[a]!;
      consider(piHi[g]!, piLo[g]! + arcCost[a]!);
    }
    mHi[m] = hi;
    mLo[m] = lo;
  }

  // Per (duty, kind) list: mentors by (potential hi, base + potential lo) descending = most attractive first.
  const sorted = problem.baseLists.map((list, index) => {
    const duty = Math.floor(index / 2);
    const key = (m: number) => mentorDutyPoints[m * DUTY_COUNT + duty]! + mentorSeniority[m]! + mLo[m]!;
    return Array.from(list).sort((a, b) => mHi[b]! - mHi[a]! || key(b) - key(a) || a - b);
  });

  const violations: Array<[number, number]> = [];
  const inGraph = new Int32Array(M).fill(-1);
  const found: Array<[number, number, number]> = [];
  const reduced = (g: number, m: number, score: number): [number, number] => [piHi[g]! - mHi[m]!, -score + piLo[g]! - mLo[m]!];
  for (let g = 0; g < G; g++) {
    for (let a = arcStart[g]!; a < arcStart[g + 1]!; a++) inGraph[arcMentor[a]!] = g;
    markBonus(streams, g);
    found.length = 0;
    for (let i = streams.start[g]!; i < streams.start[g + 1]!; i++) {
      const m = streams.mentor[i]!;
      if (inGraph[m] === g) continue;
      const [hi, lo] = reduced(g, m, streams.score[i]!);
      if (hi < 0 || (hi === 0 && lo < 0)) found.push([m, hi, lo]);
    }
    for (const m of sorted[groupDuty[g]! * 2 + groupKind[g]!]!) {
      if (inGraph[m] === g || streams.mark[m] === g + 1 || !problem.eligible(g, m)) continue;
      const [hi, lo] = reduced(g, m, problem.base(g, m));
      if (!(hi < 0 || (hi === 0 && lo < 0))) break; // sorted: every later mentor is priced higher still
      found.push([m, hi, lo]);
    }
    // The most negative few per group are enough to make progress; the next round checks again.
    found.sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0] - b[0]);
    const keep = Math.min(found.length, 2 * problem.groupNeed[g]! + 2);
    for (let i = 0; i < keep; i++) violations.push([g, found[i]![0]]);
  }
  return violations;
}
