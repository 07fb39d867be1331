import { describe, expect, it } from "vitest";
import { anniversary } from "~/lib/calendar-date.ts";
import { deriveCareerStage, DEFAULT_STAGE_THRESHOLDS, lastStartReaching, stageBoundaries } from "./career-stage.ts";

/** A DATE column value (UTC midnight) and an instant in Beijing time. */
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const beijing = (isoDateTime: string) => new Date(`${isoDateTime}+08:00`);

describe("deriveCareerStage", () => {
  it("puts a counselor with less than two years in 初任期 and says when 成长期 starts", () => {
    const result = deriveCareerStage({ counselorSince: day("2025-09-01"), title: "TEACHING_ASSISTANT" }, beijing("2026-11-21T10:00"));
    expect(result.stage).toBe("NOVICE");
    expect(result.yearsOfService).toBe(1);
    expect(result.next?.stage).toBe("GROWING");
    expect(result.next?.on).toEqual(day("2027-09-01"));
    expect(result.next?.inDays).toBe(284);
  });

  it("crosses into 成长期 at midnight Beijing time on the two-year anniversary", () => {
    const person = { counselorSince: day("2024-11-21"), title: "LECTURER" as const };
    expect(deriveCareerStage(person, beijing("2026-11-20T23:59")).stage).toBe("NOVICE");
    // 00:00 in Beijing is still 20 November in UTC: the school's calendar decides.
    expect(deriveCareerStage(person, beijing("2026-11-21T00:00")).stage).toBe("GROWING");
  });

  it("handles a 29 February start date on the anniversary", () => {
    const person = { counselorSince: day("2024-02-29"), title: "NONE" as const };
    expect(deriveCareerStage(person, beijing("2026-02-27T12:00")).stage).toBe("NOVICE");
    expect(deriveCareerStage(person, beijing("2026-02-28T12:00")).stage).toBe("GROWING");
  });

  it("moves to 经验期 at four years and has no time-based next stage after that", () => {
    const person = { counselorSince: day("2022-11-21"), title: "LECTURER" as const };
    expect(deriveCareerStage(person, beijing("2026-11-20T12:00")).stage).toBe("GROWING");
    const experienced = deriveCareerStage(person, beijing("2026-11-21T12:00"));
    expect(experienced.stage).toBe("EXPERIENCED");
    expect(experienced.yearsOfService).toBe(4);
    expect(experienced.next).toBeNull();
  });

  it.each(["ASSOCIATE_PROFESSOR", "ASSOCIATE_RESEARCHER", "PROFESSOR", "RESEARCHER"] as const)(
    "puts anyone titled %s in 成熟期 regardless of years",
    (title) => {
      expect(deriveCareerStage({ counselorSince: day("2026-01-01"), title }, beijing("2026-11-21T12:00")).stage).toBe("EXPERT");
    },
  );

  it("keeps a lecturer with twenty years in 经验期 (成熟期 needs 副高)", () => {
    expect(deriveCareerStage({ counselorSince: day("2006-09-01"), title: "LECTURER" }, beijing("2026-11-21T12:00")).stage).toBe("EXPERIENCED");
  });

  it("treats an unknown start date as 初任期 without a next stage", () => {
    const result = deriveCareerStage({ counselorSince: null, title: "NONE" }, beijing("2026-11-21T12:00"));
    expect(result).toEqual({ stage: "NOVICE", yearsOfService: null, next: null });
  });

  it("follows the school's own thresholds", () => {
    const thresholds = { ...DEFAULT_STAGE_THRESHOLDS, growingAfterYears: 1, experiencedAfterYears: 3, expertTitles: ["PROFESSOR" as const] };
    const person = { counselorSince: day("2025-06-01"), title: "ASSOCIATE_PROFESSOR" as const };
    expect(deriveCareerStage(person, beijing("2026-11-21T12:00"), thresholds).stage).toBe("GROWING");
  });
});

describe("stage cut-off days (the rule the database filters with)", () => {
  const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

  it("'started on or before the cut-off' is exactly 'the anniversary has come', for every start day of the year around each cut-off", () => {
    // Todays that include month ends and 29 February; every start day within 400 days of each cut-off.
    const todays = ["2024-02-28", "2024-02-29", "2024-03-01", "2025-02-28", "2025-03-01", "2026-11-21", "2026-12-31", "2028-02-29"].map(day);
    for (const today of todays) {
      for (const years of [1, 2, 3, 4, 10]) {
        const cutOff = lastStartReaching(today, years);
        const around = anniversary(today, -years);
        for (let start = addDays(around, -400); start <= addDays(around, 400); start = addDays(start, 1)) {
          expect(start <= cutOff, `${start.toISOString()} +${years}y vs ${today.toISOString()}`).toBe(anniversary(start, years) <= today);
        }
      }
    }
  });

  it("lets someone who started on 29 February reach the anniversary on 28 February of a common year", () => {
    expect(lastStartReaching(day("2026-02-28"), 2)).toEqual(day("2024-02-29"));
    expect(lastStartReaching(day("2026-03-01"), 2)).toEqual(day("2024-03-01"));
    expect(lastStartReaching(day("2028-02-29"), 4)).toEqual(day("2024-02-29"));
  });

  it("turns the school's thresholds into the day boundaries of today in Beijing", () => {
    const boundaries = stageBoundaries(beijing("2026-11-21T00:30"), DEFAULT_STAGE_THRESHOLDS);
    expect(boundaries.growingFrom).toEqual(day("2024-11-21"));
    expect(boundaries.experiencedFrom).toEqual(day("2022-11-21"));
    expect(boundaries.expertTitles).toEqual(DEFAULT_STAGE_THRESHOLDS.expertTitles);
  });
});
