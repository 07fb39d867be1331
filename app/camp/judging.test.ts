import { describe, expect, it } from "vitest";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import {
  assignJudges,
  CASE_TEMPLATE,
  type JudgeScore,
  judgeConsistency,
  type Party,
  type RubricCriterion,
  roundScores,
  rubricFromTemplate,
  sheetTotal,
  TALK_TEMPLATE,
  validateRubric,
  validateScoreSheet,
} from "./judging.ts";

const criterion = (key: string, weight: number, options: Partial<RubricCriterion> = {}): RubricCriterion => ({ key, label: key, weight, duties: ["IDEOLOGY"], ...options });

/** Sheets of one contestant: judge ids j1, j2, … in order. */
const sheets = (contestantId: string, totals: number[], judgePrefix = "j"): JudgeScore[] =>
  totals.map((total, i) => ({ judgeId: `${judgePrefix}${i + 1}`, contestantId, total }));

describe("rubrics", () => {
  it("ship 谈心谈话 (25, 25, 20, 20, 10) and 案例研讨 (25, 25, 25, 15, 10), both valid, labelled in both languages", async () => {
    const zh = (await i18nFor("zh-CN")).t;
    const en = (await i18nFor("en")).t;
    const talk = rubricFromTemplate(TALK_TEMPLATE, (key) => translateKey(zh, key));
    expect(talk.map((c) => [c.label, c.weight])).toEqual([
      ["抓住主题", 25],
      ["以理服人", 25],
      ["语言与态度", 20],
      ["消除顾虑", 20],
      ["效果", 10],
    ]);
    const caseStudy = rubricFromTemplate(CASE_TEMPLATE, (key) => translateKey(en, key));
    expect(caseStudy.map((c) => c.weight)).toEqual([25, 25, 25, 15, 10]);
    expect(caseStudy[2]).toMatchObject({ label: "Handles the emergency", duties: ["CRISIS"] });
    expect(validateRubric(talk)).toEqual([]);
    expect(validateRubric(caseStudy)).toEqual([]);
  });

  it("refuse weights that do not add up to 100, a criterion without a duty or a whole-point weight, twins and an empty rubric", () => {
    expect(validateRubric([criterion("a", 50), criterion("b", 45)])).toEqual([{ key: "camp.scoring.rubric.weightsNot100", params: { sum: 95, total: 100 } }]);
    expect(validateRubric([criterion("a", 50), criterion("b", 50, { duties: [] })])).toEqual([{ key: "camp.scoring.rubric.noDuty", params: { criterion: "b" } }]);
    expect(validateRubric([criterion("a", 87.5), criterion("b", 12.5)]).map((e) => e.key)).toEqual(["camp.scoring.rubric.badWeight", "camp.scoring.rubric.badWeight"]);
    expect(validateRubric([criterion("a", 50), criterion("b", 50, { label: "a" })])).toEqual([{ key: "camp.scoring.rubric.duplicate", params: { criterion: "a" } }]);
    expect(validateRubric([criterion("a", 100, { label: "  " })])).toEqual([{ key: "camp.scoring.rubric.badLabel", params: { number: 1, max: 40 } }]);
    expect(validateRubric([])).toEqual([{ key: "camp.scoring.rubric.empty", params: {} }]);
  });
});

describe("a judge's score sheet", () => {
  const rubric = [criterion("theme", 25, { label: "抓住主题" }), criterion("effect", 75, { label: "效果" })];

  it("takes every criterion from 0 to its weight in tenths, the bounds included", () => {
    expect(validateScoreSheet(rubric, { theme: 25, effect: 0 })).toEqual([]);
    expect(validateScoreSheet(rubric, { theme: 12.5, effect: 60.3 })).toEqual([]);
    expect(sheetTotal({ theme: 8.1, effect: 7.2 })).toBe(15.3);
  });

  it("refuses a score above the weight or below 0, two decimals, a missing criterion and one the rubric lacks", () => {
    expect(validateScoreSheet(rubric, { theme: 25.1, effect: -1 })).toEqual([
      { key: "camp.scoring.sheet.outOfRange", params: { criterion: "抓住主题", max: 25 } },
      { key: "camp.scoring.sheet.outOfRange", params: { criterion: "效果", max: 75 } },
    ]);
    expect(validateScoreSheet(rubric, { theme: 12.25, effect: Number.NaN }).map((e) => e.key)).toEqual(["camp.scoring.sheet.oneDecimal", "camp.scoring.sheet.outOfRange"]);
    expect(validateScoreSheet(rubric, { theme: 20, extra: 3 })).toEqual([
      { key: "camp.scoring.sheet.unknownCriterion", params: { criterion: "extra" } },
      { key: "camp.scoring.sheet.missing", params: { criterion: "效果", max: 75 } },
    ]);
  });
});

describe("the round score", () => {
  it("by mean: 85, 90, 78 → 84.33", () => {
    expect(roundScores(sheets("c1", [85, 90, 78]), "MEAN", 20).contestants[0]).toMatchObject({ score: 84.33, judges: 3, spread: 12 });
  });

  it("by trimmed mean: 85, 90, 78, 92, 88 → drop 92 and 78 → (85 + 90 + 88) / 3 = 87.67", () => {
    expect(roundScores(sheets("c1", [85, 90, 78, 92, 88]), "TRIMMED_MEAN", 20).contestants[0]!.score).toBe(87.67);
  });

  it("by trimmed mean with exactly 3 judges keeps the middle one (70, 80, 90 → 80), and refuses 2 judges", () => {
    const { contestants } = roundScores([...sheets("c1", [90, 70, 80]), ...sheets("c2", [80, 90])], "TRIMMED_MEAN", 20);
    expect(contestants[0]).toMatchObject({ contestantId: "c1", score: 80, error: null });
    expect(contestants[1]).toMatchObject({ contestantId: "c2", score: null, error: { key: "camp.scoring.round.trimmedNeedsThree", params: { count: 2 } } });
  });

  it("gives the common score when all judges agree (88.5 × 4), under every rule, with no disagreement", () => {
    for (const rule of ["MEAN", "TRIMMED_MEAN"] as const) {
      expect(roundScores(sheets("c1", [88.5, 88.5, 88.5, 88.5]), rule, 0).contestants[0]).toMatchObject({ score: 88.5, spread: 0, disagreement: false });
    }
  });

  it("flags disagreement only beyond the tolerance: spread 10 with tolerance 10 is not flagged, 10.1 is", () => {
    const { contestants } = roundScores([...sheets("c1", [80, 90, 85]), ...sheets("c2", [80, 90.1, 85]), ...sheets("c3", [72.2, 83.3])], "MEAN", 10);
    expect(contestants.map((c) => [c.contestantId, c.spread, c.disagreement])).toEqual([
      ["c1", 10, false],
      ["c2", 10.1, true],
      ["c3", 11.1, true],
    ]);
    // 83.3 − 72.2 is 11.099999999999994 in floating point: the spread is counted in tenths.
    expect(roundScores(sheets("c3", [72.2, 83.3]), "MEAN", 11.1).contestants[0]!.disagreement).toBe(false);
  });

  it("by z-score puts a strict panel and a lenient one on one scale", () => {
    // Panel 1 (judge a): c1 90, c2 80 → mean 85, sd 5 → z +1, −1. Panel 2 (judge b, strict): c3 70,
    // c4 60 → z +1, −1. All totals 90, 80, 70, 60: M = 75, S = √125 = 11.18. Scores: 86.18, 63.82.
    const scores: JudgeScore[] = [
      { judgeId: "a", contestantId: "c1", total: 90 },
      { judgeId: "a", contestantId: "c2", total: 80 },
      { judgeId: "b", contestantId: "c3", total: 70 },
      { judgeId: "b", contestantId: "c4", total: 60 },
    ];
    const { contestants, unusedJudges } = roundScores(scores, "Z_SCORE", 20);
    expect(contestants.map((c) => c.score)).toEqual([86.18, 63.82, 86.18, 63.82]);
    expect(unusedJudges).toEqual([]);
    // The mean, by contrast, ranks c2 (80, best of panel 1's worst) above c3 (the best of panel 2).
    expect(roundScores(scores, "MEAN", 20).contestants.map((c) => c.score)).toEqual([90, 80, 70, 60]);
  });

  it("by z-score: a judge with zero spread sees equals (z = 0 → M), a judge of one contestant is left out", () => {
    const scores: JudgeScore[] = [
      { judgeId: "a", contestantId: "c1", total: 90 },
      { judgeId: "a", contestantId: "c2", total: 80 },
      { judgeId: "flat", contestantId: "c3", total: 70 },
      { judgeId: "flat", contestantId: "c4", total: 70 },
      { judgeId: "lone", contestantId: "c1", total: 99 },
      { judgeId: "lone-only", contestantId: "c5", total: 95 },
    ];
    const { contestants, unusedJudges } = roundScores(scores, "Z_SCORE", 50);
    // Used totals 90, 80, 70, 70: M = 77.5, S = √68.75 = 8.29. c1: z +1 → 85.79 (lone's 99 ignored).
    expect(contestants.map((c) => [c.contestantId, c.score])).toEqual([
      ["c1", 85.79],
      ["c2", 69.21],
      ["c3", 77.5],
      ["c4", 77.5],
      ["c5", null],
    ]);
    expect(contestants[4]!.error).toEqual({ key: "camp.scoring.round.noComparableSheet", params: {} });
    expect(unusedJudges).toEqual(["lone", "lone-only"]);
  });

  it("by z-score never leaves the 0–100 scale, and gives M to everyone when all totals are equal", () => {
    // Judge b's 100 stands far above their 99s (z = 2.83): M + S·z would pass 100.
    const scores: JudgeScore[] = [
      { judgeId: "a", contestantId: "c1", total: 100 },
      { judgeId: "a", contestantId: "c2", total: 98 },
      { judgeId: "b", contestantId: "c3", total: 100 },
      ...Array.from({ length: 8 }, (_, i) => ({ judgeId: "b", contestantId: `d${i}`, total: 99 })),
    ];
    const top = roundScores(scores, "Z_SCORE", 20).contestants.find((c) => c.contestantId === "c3")!;
    expect(top.score).toBe(100);
    const equal = roundScores([...sheets("c1", [80, 80]), ...sheets("c2", [80, 80])], "Z_SCORE", 20);
    expect(equal.contestants.map((c) => c.score)).toEqual([80, 80]);
  });

  it("by z-score takes six equal sheets of 80.1 as no spread, though floating point makes their sd 1.4e-14", () => {
    // Used totals 80.1 × 6, 70, 90: M = 640.6 / 8 = 80.075 → the flat judge's contestants get 80.08.
    const flat = Array.from({ length: 6 }, (_, i) => ({ judgeId: "flat", contestantId: `f${i}`, total: 80.1 }));
    const other = [
      { judgeId: "b", contestantId: "g1", total: 70 },
      { judgeId: "b", contestantId: "g2", total: 90 },
    ];
    const { contestants } = roundScores([...flat, ...other], "Z_SCORE", 20);
    expect(contestants.filter((c) => c.contestantId.startsWith("f")).map((c) => c.score)).toEqual(Array(6).fill(80.08));
  });
});

describe("judge consistency", () => {
  it("measures each judge against the others' mean: a judge always 6 above is +6, the two others −3, all correlating 1", () => {
    const base = [70, 80, 75, 90];
    const scores = base.flatMap((total, i) => [
      { judgeId: "lenient", contestantId: `c${i}`, total: total + 6 },
      { judgeId: "p", contestantId: `c${i}`, total },
      { judgeId: "q", contestantId: `c${i}`, total },
    ]);
    expect(judgeConsistency(scores)).toEqual([
      { judgeId: "lenient", compared: 4, meanOffset: 6, meanAbsoluteOffset: 6, correlation: 1 },
      { judgeId: "p", compared: 4, meanOffset: -3, meanAbsoluteOffset: 3, correlation: 1 },
      { judgeId: "q", compared: 4, meanOffset: -3, meanAbsoluteOffset: 3, correlation: 1 },
    ]);
  });

  it("gives a reversed judge a negative correlation, and no figures where there is nothing to compare", () => {
    const scores = [60, 70, 80].flatMap((total, i) => [
      { judgeId: "a", contestantId: `c${i}`, total },
      { judgeId: "reversed", contestantId: `c${i}`, total: 140 - total },
    ]);
    expect(judgeConsistency(scores).find((j) => j.judgeId === "reversed")!.correlation).toBe(-1);
    const alone = judgeConsistency([...sheets("x", [80, 85]), { judgeId: "solo", contestantId: "y", total: 70 }]);
    expect(alone.find((j) => j.judgeId === "solo")).toEqual({ judgeId: "solo", compared: 0, meanOffset: null, meanAbsoluteOffset: null, correlation: null });
    // Two shared contestants are too few for a correlation.
    expect(alone.find((j) => j.judgeId === "j1")).toMatchObject({ compared: 1, meanOffset: -5, correlation: null });
  });
});

describe("assigning judges", () => {
  const judge = (id: string, collegeId: string | null): Party => ({ id, collegeId });

  it("gives each contestant k different judges, none of their own college, loads as even as the colleges allow", () => {
    const judges = [judge("j1", "A"), judge("j2", "A"), judge("j3", "B"), judge("j4", "C"), judge("j5", null)];
    const contestants = Array.from({ length: 12 }, (_, i) => ({ id: `c${String(i).padStart(2, "0")}`, collegeId: ["A", "B", "C", "D"][i % 4]! }));
    const result = assignJudges(judges, contestants, 3);
    if (!result.ok) throw new Error("expected an assignment");
    for (const contestant of contestants) {
      const assigned = result.judgesOf.get(contestant.id)!;
      expect(new Set(assigned).size).toBe(3);
      for (const id of assigned) expect(judges.find((j) => j.id === id)!.collegeId).not.toBe(contestant.collegeId);
    }
    // 36 places over 5 judges: the busiest takes ⌈36 / 5⌉ = 8.
    expect(Math.max(...result.load.values())).toBe(8);
    expect([...result.load.values()].reduce((a, b) => a + b)).toBe(36);
  });

  it("spreads load evenly when no college is in the way: 10 contestants × 3 over 4 judges → 8, 8, 7, 7", () => {
    const judges = ["j1", "j2", "j3", "j4"].map((id) => judge(id, null));
    const contestants = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, collegeId: "A" }));
    const result = assignJudges(judges, contestants, 3);
    expect(result.ok && [...result.load.values()].sort()).toEqual([7, 7, 8, 8]);
  });

  it("raises the busiest load above the even share only as far as the colleges force: college A's four contestants all need the outside judge", () => {
    // 6 contestants × 1 over 2 judges is 3 each, but j1 (A) may judge only the two of college B.
    const contestants = ["A", "A", "A", "A", "B", "B"].map((collegeId, i) => ({ id: `c${i}`, collegeId }));
    const result = assignJudges([judge("j1", "A"), judge("j2", null)], contestants, 1);
    expect(result.ok && Object.fromEntries(result.load)).toEqual({ j1: 2, j2: 4 });
  });

  it("moves an earlier contestant to another judge when a later one can only have that one", () => {
    // c1 (college B) may have j1 or j2; c2 (college A) only j1 (outside). With one each, c1 must take j2.
    const result = assignJudges([judge("j1", null), judge("j2", "A")], [{ id: "c1", collegeId: "B" }, { id: "c2", collegeId: "A" }], 1);
    expect(result.ok && Object.fromEntries(result.judgesOf)).toEqual({ c1: ["j2"], c2: ["j1"] });
  });

  it("is the same whatever order the people come in", () => {
    const judges = [judge("j1", "A"), judge("j2", "B"), judge("j3", "C"), judge("j4", null)];
    const contestants = Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, collegeId: ["A", "B", "C"][i % 3]! }));
    const one = assignJudges(judges, contestants, 2);
    const other = assignJudges([...judges].reverse(), [...contestants].reverse(), 2);
    expect(one.ok && Object.fromEntries(one.judgesOf)).toEqual(other.ok && Object.fromEntries(other.judgesOf));
  });

  it("names who cannot be covered and how many eligible judges they have, assigning nobody", () => {
    const judges = [judge("j1", "A"), judge("j2", "A"), judge("j3", "B")];
    const result = assignJudges(judges, [{ id: "c1", collegeId: "A" }, { id: "c2", collegeId: "C" }], 2);
    expect(result).toEqual({ ok: false, errors: [{ key: "camp.scoring.assign.uncovered", params: { contestant: "c1", eligible: 1, needed: 2 } }] });
    expect(assignJudges(judges, [], 0)).toEqual({ ok: false, errors: [{ key: "camp.scoring.assign.badCount", params: { max: 15 } }] });
  });
});
