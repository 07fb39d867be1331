import { describe, expect, it } from "vitest";
import { backboneEligibilityGaps, leaderEligibilityGaps } from "./eligibility.ts";

const now = new Date("2026-11-21T00:00:00+08:00");
const rules = { minYears: 10, seniorTitleRequired: true, minHonours: 1 };

describe("leader eligibility", () => {
  it("accepts ten years, 副高 and an honour", () => {
    expect(leaderEligibilityGaps({ counselorSince: new Date("2016-09-01T00:00:00Z"), title: "ASSOCIATE_PROFESSOR", honourCount: 1 }, rules, now)).toEqual([]);
  });

  it("explains every unmet condition with what is missing", () => {
    const gaps = leaderEligibilityGaps({ counselorSince: new Date("2018-09-01T00:00:00Z"), title: "LECTURER", honourCount: 0 }, rules, now);
    expect(gaps).toEqual([
      { kind: "years", required: 10, missing: 2, eligibleOn: new Date("2028-09-01T00:00:00Z") },
      { kind: "title", current: "LECTURER" },
      { kind: "honours", required: 1, missing: 1 },
    ]);
  });

  it("cannot count years without a start date", () => {
    expect(leaderEligibilityGaps({ counselorSince: null, title: "PROFESSOR", honourCount: 2 }, rules, now)).toEqual([{ kind: "startDateUnknown" }]);
  });

  it("follows relaxed school rules", () => {
    const relaxed = { minYears: 5, seniorTitleRequired: false, minHonours: 0 };
    expect(leaderEligibilityGaps({ counselorSince: new Date("2020-01-01T00:00:00Z"), title: "LECTURER", honourCount: 0 }, relaxed, now)).toEqual([]);
  });
});

describe("backbone eligibility", () => {
  it("needs three completed years by default", () => {
    expect(backboneEligibilityGaps({ counselorSince: new Date("2023-11-21T00:00:00Z"), title: "NONE", honourCount: 0 }, 3, now)).toEqual([]);
    // One day short of two completed years: 工作年限 1 年, so 还差 2 年, eligible on the third anniversary.
    expect(backboneEligibilityGaps({ counselorSince: new Date("2024-11-22T00:00:00Z"), title: "NONE", honourCount: 0 }, 3, now)).toEqual([
      { kind: "years", required: 3, missing: 2, eligibleOn: new Date("2027-11-22T00:00:00Z") },
    ]);
  });
});
