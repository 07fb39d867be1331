/**
 * Date-only arithmetic for anniversaries (career stages, eligibility). PostgreSQL DATE values
 * arrive as UTC midnight; "today" is the calendar day at the school (Chinese universities all
 * keep Beijing time), whatever timezone the server process runs in.
 */
export const SCHOOL_TIME_ZONE = "Asia/Shanghai";

/** "YYYY-MM-DD" of a DATE column value. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const schoolDayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: SCHOOL_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The school's calendar day at instant `now`, as UTC midnight (comparable with DATE values). */
export function schoolToday(now: Date): Date {
  return new Date(`${schoolDayFormat.format(now)}T00:00:00Z`);
}

/** The n-th anniversary of a day; 29 February falls on 28 February in common years. */
export function anniversary(day: Date, years: number): Date {
  const y = day.getUTCFullYear() + years;
  const m = day.getUTCMonth();
  const lastDayOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(day.getUTCDate(), lastDayOfMonth)));
}

/** Completed years from `since` to `today` (both calendar days). */
export function fullYearsBetween(since: Date, today: Date): number {
  let years = today.getUTCFullYear() - since.getUTCFullYear();
  if (anniversary(since, years) > today) years -= 1;
  return Math.max(0, years);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}
