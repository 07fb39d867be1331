import { describe, expect, it } from "vitest";
import { compareCandidates, isEligible, placesByTotal, scoreCandidate, type CandidateFacts } from "./ranking.ts";

const plain: CandidateFacts = { stage: "GROWING", groups: [], camp: null, hoursThisYear: 0, outputs: 0, earlierChoices: 0 };

describe("quota ranking", () => {
  it("lets in only the stages and groups asked for (none asked: anyone)", () => {
    expect(isEligible({ stages: [], groups: [] }, { stage: "NOVICE", groups: [] })).toBe(true);
    expect(isEligible({ stages: ["GROWING"], groups: [] }, { stage: "NOVICE", groups: [] })).toBe(false);
    expect(isEligible({ stages: [], groups: ["BACKBONE"] }, { stage: "NOVICE", groups: ["NEW_HIRES"] })).toBe(false);
    expect(isEligible({ stages: ["NOVICE"], groups: ["BACKBONE"] }, { stage: "NOVICE", groups: ["NEW_HIRES", "BACKBONE"] })).toBe(true);
  });

  it("caps hours, outputs, groups and counted duties, and takes 10 per earlier choice", () => {
    const { score, reasons } = scoreCandidate(
      { stages: [], groups: ["BACKBONE", "NEW_HIRES", "AFFAIRS_CADRES"] },
      {
        ...plain,
        groups: ["BACKBONE", "NEW_HIRES", "AFFAIRS_CADRES"],
        camp: { title: "训练营", rank: 1, of: 1, strong: ["IDEOLOGY", "CRISIS", "CAREER", "RESEARCH"], weak: [] },
        hoursThisYear: 120,
        outputs: 9,
        earlierChoices: 2,
      },
    );
    expect(Object.fromEntries(reasons.map((r) => [r.key, r.points]))).toEqual({
      "quotas.reasons.groups": 10,
      "quotas.reasons.campRank": 40,
      "quotas.reasons.campStrong": 6,
      "quotas.reasons.hours": 20,
      "quotas.reasons.outputs": 15,
      "quotas.reasons.earlierChoices": -20,
    });
    expect(score).toBe(71);
  });

  it("gives equal totals the same place", () => {
    const places = placesByTotal([
      { userId: "a", total: 80 },
      { userId: "b", total: 90 },
      { userId: "c", total: 80 },
      { userId: "d", total: 70 },
    ]);
    expect(Object.fromEntries(places)).toEqual({ b: 1, a: 2, c: 2, d: 4 });
  });

  it("orders equal scores by fewer earlier choices, then by name", () => {
    const rows = [
      { id: "x", score: 50, earlierChoices: 1, sortKey: "a" },
      { id: "y", score: 50, earlierChoices: 0, sortKey: "z" },
      { id: "z", score: 50, earlierChoices: 0, sortKey: "b" },
      { id: "w", score: 60, earlierChoices: 3, sortKey: "c" },
    ];
    expect([...rows].sort(compareCandidates).map((row) => row.id)).toEqual(["w", "z", "y", "x"]);
  });
});
