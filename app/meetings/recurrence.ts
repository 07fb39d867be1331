import type { Recurrence } from "./schemas.ts";

/**
 * Monthly rules ("每月第二个周三 14:30", "每月最后一个周五 15:00") in school time. The school keeps
 * Beijing time, UTC+8 all year with no daylight saving (app/lib/calendar-date.ts), so a local time
 * is the instant eight hours earlier in UTC. A month without the rule's day (a 5th Wednesday) has
 * no meeting.
 */

const SCHOOL_OFFSET_MINUTES = 8 * 60;

/** The calendar day (UTC midnight) of the rule in one month, or null when the month has no such day. */
export function ruleDayInMonth(rule: Pick<Recurrence, "weekOfMonth" | "weekday">, year: number, month: number): Date | null {
  const isoWeekday = (date: Date) => date.getUTCDay() || 7;
  if (rule.weekOfMonth === -1) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    const back = (isoWeekday(last) - rule.weekday + 7) % 7;
    return new Date(Date.UTC(year, month, last.getUTCDate() - back));
  }
  const first = new Date(Date.UTC(year, month, 1));
  const day = 1 + ((rule.weekday - isoWeekday(first) + 7) % 7) + (rule.weekOfMonth - 1) * 7;
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCMonth() === month ? date : null;
}

/** The instant a school-time "HH:MM" on a calendar day is. */
export function schoolTimeOn(day: Date, time: string): Date {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return new Date(day.getTime() + (hours * 60 + minutes - SCHOOL_OFFSET_MINUTES) * 60_000);
}

export interface Occurrence {
  scheduledOn: Date;
  startsAt: Date;
  endsAt: Date;
}

/** The next `count` occurrences of the rule on or after the calendar day `from` (UTC midnight). */
export function occurrencesFrom(rule: Recurrence, from: Date, count: number): Occurrence[] {
  const result: Occurrence[] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  // A rule on the 5th weekday meets in about one month of three; 4 × count months always suffice.
  for (let tries = 0; result.length < count && tries < count * 4 + 12; tries += 1) {
    const day = ruleDayInMonth(rule, year, month);
    if (day && day >= from) {
      const startsAt = schoolTimeOn(day, rule.startTime);
      result.push({ scheduledOn: day, startsAt, endsAt: new Date(startsAt.getTime() + rule.durationMinutes * 60_000) });
    }
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return result;
}
