import { SCHOOL_TIME_ZONE } from "./calendar-date.ts";

/**
 * Dates in the person's language: 2026年11月21日 / November 21, 2026. Date-only values (DATE
 * columns, UTC midnight) are shown as that calendar day in every timezone. Formatters are costly
 * to build, so each is made once per locale.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions, timeZone = "UTC"): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, format);
  }
  return format;
}

export function formatDate(date: Date | string, locale: string): string {
  return formatter(locale, { year: "numeric", month: "long", day: "numeric" }).format(new Date(date));
}

export function formatMonth(date: Date | string, locale: string): string {
  return formatter(locale, { year: "numeric", month: "long" }).format(new Date(date));
}

/** An instant (timestamp column) as the school's local time: 2026年11月21日 14:05. */
export function formatDateTime(date: Date | string, locale: string): string {
  return formatter(locale, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }, SCHOOL_TIME_ZONE).format(
    new Date(date),
  );
}
