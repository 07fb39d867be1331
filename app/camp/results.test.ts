import { describe, expect, it } from "vitest";
import { TALK_TEMPLATE } from "./judging.ts";
import { campTotal, combineRadars, DEFAULT_ROUND_SETTINGS, DUTIES, judgedItems, median, type Radar, radarOf, stageMedians, validateRoundSettings, weakAreas } from "./results.ts";

const radar = (values: Partial<Radar>): Radar => ({ ...(Object.fromEntries(DUTIES.map((duty) => [duty, null])) as Radar), ...values });

describe("the radar", () => {
  it("is points earned over points possible per duty; an item of two duties counts for both; unmeasured duties are null", () => {
    // CRISIS: question 2/2 + question (CRISIS, MENTAL_HEALTH) 0/2 → 2/4 = 0.5.
    // MENTAL_HEALTH: that question 0/2 + rubric criterion 消除顾虑 15/20 → 15/22 = 0.68.
    const result = radarOf([
      { duties: ["CRISIS"], earned: 2, max: 2 },
      { duties: ["CRISIS", "MENTAL_HEALTH"], earned: 0, max: 2 },
      { duties: ["MENTAL_HEALTH"], earned: 15, max: 20 },
    ]);
    expect(result.CRISIS).toBe(0.5);
    expect(result.MENTAL_HEALTH).toBeCloseTo(15 / 22, 10);
    expect(result.CAREER).toBeNull();
    expect(Object.keys(result)).toHaveLength(9);
    // Measured and all wrong is 0, not null.
    expect(radarOf([{ duties: ["CAREER"], earned: 0, max: 3 }]).CAREER).toBe(0);
  });
});

describe("one radar from several rounds", () => {
  it("gives each round that measured a duty the same say: test 0.9 and talk 0.5 → 0.7, whatever their points", () => {
    // Pooled, ten 1-point questions (9 right) and a 20-point criterion (10) would give 19/30 = 0.63.
    const test = radarOf(Array.from({ length: 10 }, (_, i) => ({ duties: ["MENTAL_HEALTH"], earned: i < 9 ? 1 : 0, max: 1 })));
    const talk = radarOf([{ duties: ["MENTAL_HEALTH", "IDEOLOGY"], earned: 10, max: 20 }]);
    const combined = combineRadars([test, talk]);
    expect(combined.MENTAL_HEALTH).toBeCloseTo(0.7, 10);
    expect(combined.IDEOLOGY).toBe(0.5);
    expect(combined.CRISIS).toBeNull();
  });
});

describe("a judged round's part of the radar", () => {
  it("is each criterion's mean over the judges, out of its weight, on the criterion's duties", () => {
    const criteria = TALK_TEMPLATE.criteria.map((criterion) => ({ ...criterion, label: criterion.key }));
    // 消除顾虑 (MENTAL_HEALTH, 20): judges gave 14 and 16 → 15 of 20.
    const sheets = [
      { theme: 20, reasoning: 20, manner: 15, concerns: 14, effect: 8 },
      { theme: 22, reasoning: 18, manner: 17, concerns: 16, effect: 6 },
    ];
    const items = judgedItems(criteria, sheets);
    expect(items.find((item) => item.max === 20 && item.earned === 15)).toEqual({ duties: ["MENTAL_HEALTH"], earned: 15, max: 20 });
    // MENTAL_HEALTH: manner 16/20 + concerns 15/20 + effect 7/10 → 38/50 = 0.76; IDEOLOGY: reasoning 19/25 + effect 7/10 → 26/35.
    const result = radarOf(items);
    expect(result.MENTAL_HEALTH).toBeCloseTo(0.76, 10);
    expect(result.IDEOLOGY).toBeCloseTo(26 / 35, 10);
    expect(result.CRISIS).toBeNull();
    expect(judgedItems(criteria, [])).toEqual([]);
  });
});

describe("the stage median", () => {
  it("is the middle value (odd), the mean of the middle two (even), null when no one was measured", () => {
    expect(median([0.3, 0.9, 0.5])).toBe(0.5);
    expect(median([0.3, null, 0.9, 0.5, 0.7])).toBe(0.6);
    expect(median([null, null])).toBeNull();
  });

  it("is taken per stage and duty over the people measured on it", () => {
    const medians = stageMedians([
      { stage: "NOVICE", radar: radar({ CRISIS: 0.2, CAREER: 0.5 }) },
      { stage: "NOVICE", radar: radar({ CRISIS: 0.6 }) },
      { stage: "NOVICE", radar: radar({ CRISIS: 0.4 }) },
      { stage: "EXPERT", radar: radar({ CRISIS: 0.9 }) },
    ]);
    expect(medians.get("NOVICE")).toMatchObject({ CRISIS: 0.4, CAREER: 0.5, IDEOLOGY: null });
    expect(medians.get("EXPERT")!.CRISIS).toBe(0.9);
    expect(medians.has("GROWING")).toBe(false);
  });
});

describe("weak areas", () => {
  const mine = radar({ CRISIS: 0.5, CAREER: 0.6, IDEOLOGY: 0.7, STUDY_STYLE: 0.9 });
  const stage = radar({ CRISIS: 0.75, CAREER: 0.7, IDEOLOGY: 0.8, STUDY_STYLE: 0.8, RESEARCH: 0.6 });

  it("below the median by more than the margin, weakest first; exactly the margin below is not weak", () => {
    // CRISIS 0.25 below, CAREER 0.1 below (= margin), IDEOLOGY 0.1 below (0.8 − 0.7 is 0.10000000000000009).
    expect(weakAreas(mine, stage, { mode: "BELOW_MEDIAN", margin: 0.1 })).toEqual([{ duty: "CRISIS", share: 0.5, median: 0.75 }]);
    expect(weakAreas(mine, stage, { mode: "BELOW_MEDIAN", margin: 0.05 }).map((area) => area.duty)).toEqual(["CRISIS", "IDEOLOGY", "CAREER"]);
  });

  it("or the lowest k measured duties; a duty nobody measured is never weak", () => {
    expect(weakAreas(mine, stage, { mode: "LOWEST", count: 2 }).map((area) => area.duty)).toEqual(["CRISIS", "CAREER"]);
    expect(weakAreas(radar({ CRISIS: 0.1 }), radar({}), { mode: "BELOW_MEDIAN", margin: 0 })).toEqual([]);
  });
});

describe("the camp total", () => {
  const results = { TEST: { points: 80, max: 100 }, IDENTIFICATION: { points: 30, max: 50 }, CASE: { points: 90, max: 100 }, TALK: { points: 70, max: 100 } };

  it("weighs each round by its share: four rounds at 25 → (80 + 60 + 90 + 70) / 4 = 75", () => {
    expect(campTotal(results, DEFAULT_ROUND_SETTINGS)).toEqual({ total: 75, missing: [], appliedWeights: { TEST: 0.25, IDENTIFICATION: 0.25, CASE: 0.25, TALK: 0.25 } });
  });

  it("leaves a switched-off round out and re-normalises: test 40, case 30, talk 10 → (32 + 27 + 7) / 0.8 = 82.5", () => {
    const settings = { TEST: { enabled: true, weight: 40 }, IDENTIFICATION: { enabled: false, weight: 20 }, CASE: { enabled: true, weight: 30 }, TALK: { enabled: true, weight: 10 } };
    expect(campTotal(results, settings)).toMatchObject({ total: 82.5, missing: [], appliedWeights: { TEST: 0.5, CASE: 0.375, TALK: 0.125 } });
  });

  it("counts an enabled round without a result as 0 and says so", () => {
    expect(campTotal({ ...results, CASE: null }, DEFAULT_ROUND_SETTINGS)).toMatchObject({ total: 52.5, missing: ["CASE"] });
  });

  it("refuses weights outside 0–100 and settings with no weighted round", () => {
    expect(validateRoundSettings(DEFAULT_ROUND_SETTINGS)).toEqual([]);
    expect(validateRoundSettings({ ...DEFAULT_ROUND_SETTINGS, TALK: { enabled: true, weight: 101 } })).toEqual([{ key: "camp.scoring.total.badWeight", params: { max: 100 } }]);
    const off = { enabled: false, weight: 25 };
    expect(validateRoundSettings({ TEST: off, IDENTIFICATION: off, CASE: { enabled: true, weight: 0 }, TALK: off })).toEqual([{ key: "camp.scoring.total.noWeightedRound", params: {} }]);
  });
});
