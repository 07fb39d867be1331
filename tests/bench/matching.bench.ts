/**
 * npm run bench:matching
 * 2,000 directions × 6,000 mentors (a generated school, fixed seed): time to the certified
 * optimum (problem build + min-cost flow + pricing), memory, and the objective next to the
 * greedy baseline's on the same instance. Ends with one JSON line.
 *
 * BENCH_DIRECTIONS / BENCH_MENTORS / BENCH_SEED / BENCH_REPEAT change the instance and repetitions.
 */
import { buildProblem } from "~/mentors/matching/problem.ts";
import { describe, greedySolution } from "~/mentors/matching/engine.ts";
import { solveMatching } from "~/mentors/matching/min-cost-flow.ts";
import { randomInstance } from "~/mentors/matching/random-instance.ts";

const directions = Number(process.env.BENCH_DIRECTIONS ?? 2000);
const mentors = Number(process.env.BENCH_MENTORS ?? 6000);
const seed = Number(process.env.BENCH_SEED ?? 2026);
const repeat = Number(process.env.BENCH_REPEAT ?? 5);

const input = randomInstance({ directions, mentors, seed, colleges: 50, settings: { excludeLeaderCollege: true } });
const rssBefore = process.memoryUsage().rss;

const times: number[] = [];
let last: ReturnType<typeof describe> | null = null;
let peakRss = rssBefore;
for (let i = 0; i < repeat; i++) {
  const started = performance.now();
  const built = buildProblem(input);
  if (!built.ok) throw new Error(JSON.stringify(built.problems.slice(0, 5)));
  const solution = solveMatching(built.problem);
  last = describe(built.problem, solution);
  times.push(performance.now() - started);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
times.sort((a, b) => a - b);
const result = last!;

const built = buildProblem(input);
if (!built.ok) throw new Error("unreachable");
const greedy = describe(built.problem, greedySolution(built.problem));

const round = (n: number) => Math.round(n);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const s = result.stats;
const g = greedy.stats;
console.error(
  [
    `instance: ${directions} directions × ${mentors} mentors, ${s.slots} open slots (${s.firstSlots} first slots), seed ${seed}`,
    `optimal: ${s.filled} filled, ${s.firstFilled} first slots, total fit ${(s.objective / 100).toFixed(1)}; ${s.rounds} pricing round(s), ${s.arcs} candidate arcs`,
    `greedy:  ${g.filled} filled, ${g.firstFilled} first slots, total fit ${(g.objective / 100).toFixed(1)}`,
    `time (build + solve + explain), ${repeat} runs: min ${round(times[0]!)} ms, median ${round(times[Math.floor(times.length / 2)]!)} ms, max ${round(times.at(-1)!)} ms`,
  ].join("\n"),
);
console.log(
  JSON.stringify({
    directions,
    mentors,
    ms: round(times[Math.floor(times.length / 2)]!),
    ms_min: round(times[0]!),
    ms_max: round(times.at(-1)!),
    rss_mb: mb(peakRss),
    rss_before_mb: mb(rssBefore),
    slots: s.slots,
    filled: s.filled,
    first_slots: s.firstSlots,
    first_filled: s.firstFilled,
    objective: s.objective / 100,
    greedy_filled: g.filled,
    greedy_first_filled: g.firstFilled,
    greedy_objective: g.objective / 100,
    pricing_rounds: s.rounds,
    arcs: s.arcs,
  }),
);
