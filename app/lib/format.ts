/**
 * Dates in the person's language: 2026年11月21日 / November 21, 2026. Date-only values (DATE
 * columns, UTC midnight) are shown as that calendar day in every timezone. Formatters are costly
 * to build, so each is made once per locale.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
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
