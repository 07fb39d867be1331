import { describe, expect, it } from "vitest";
import { occurrencesFrom, ruleDayInMonth } from "./recurrence.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("monthly rules in school time", () => {
  it("finds the n-th and the last weekday of a month", () => {
    // December 2026 starts on a Tuesday: its second Wednesday is the 9th, its last Friday the 25th.
    expect(ruleDayInMonth({ weekOfMonth: 2, weekday: 3 }, 2026, 11)).toEqual(day("2026-12-09"));
    expect(ruleDayInMonth({ weekOfMonth: -1, weekday: 5 }, 2026, 11)).toEqual(day("2026-12-25"));
    // The last Thursday of December 2026 is the 31st; of February 2027 the 25th.
    expect(ruleDayInMonth({ weekOfMonth: -1, weekday: 4 }, 2026, 11)).toEqual(day("2026-12-31"));
    expect(ruleDayInMonth({ weekOfMonth: -1, weekday: 4 }, 2027, 1)).toEqual(day("2027-02-25"));
    // February 2027 has no fifth Monday.
    expect(ruleDayInMonth({ weekOfMonth: 5, weekday: 1 }, 2027, 1)).toBeNull();
  });

  it("turns 14:30 Beijing time into 06:30 UTC all year (no daylight saving) and skips months without the day", () => {
    const rule = { weekOfMonth: -1, weekday: 5, startTime: "14:30", durationMinutes: 120 };
    const next = occurrencesFrom(rule, day("2026-12-07"), 8);
    expect(next.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-12-25T06:30:00.000Z",
      "2027-01-29T06:30:00.000Z",
      "2027-02-26T06:30:00.000Z",
      "2027-03-26T06:30:00.000Z",
      "2027-04-30T06:30:00.000Z",
      "2027-05-28T06:30:00.000Z",
      "2027-06-25T06:30:00.000Z",
      "2027-07-30T06:30:00.000Z",
    ]);
    expect(next[0]!.endsAt.toISOString()).toBe("2026-12-25T08:30:00.000Z");
    const fifthMondays = occurrencesFrom({ weekOfMonth: 5, weekday: 1, startTime: "09:00", durationMinutes: 60 }, day("2027-01-01"), 3);
    expect(fifthMondays.map((o) => o.scheduledOn.toISOString().slice(0, 10))).toEqual(["2027-03-29", "2027-05-31", "2027-08-30"]);
  });

  it("starts from the given day: a meeting earlier in the month is not generated again", () => {
    const rule = { weekOfMonth: 2, weekday: 3, startTime: "14:30", durationMinutes: 90 };
    expect(occurrencesFrom(rule, day("2026-12-10"), 1)[0]!.scheduledOn).toEqual(day("2027-01-13"));
    expect(occurrencesFrom(rule, day("2026-12-09"), 1)[0]!.scheduledOn).toEqual(day("2026-12-09"));
  });
});
