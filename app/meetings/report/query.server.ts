import { z } from "zod";
import type { SessionUser } from "~/auth/session.server.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import type { overview } from "~/meetings/meetings.server.ts";
import { authorize, requireOwnScope, type SchoolScope } from "~/policy/index.ts";

/**
 * The query of the overview and the yearly files (`?year=`, `?college=`), checked on the server: a
 * wrong one is a 400, never a silently different year.
 */
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const reportQuery = z.object({
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100).optional()),
  college: z.preprocess(blankToUndefined, z.string().max(64).optional()),
});

export function parseReportQuery(url: string, now = new Date()): { year: number; college: string | undefined } {
  const parsed = reportQuery.safeParse(Object.fromEntries(new URL(url).searchParams));
  if (!parsed.success) throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  return { year: parsed.data.year ?? schoolToday(now).getUTCFullYear(), college: parsed.data.college };
}

/** The slice the overview shows: the college asked for (学工部 any, a college admin only their own), or what the viewer looks after. */
export function overviewScope(user: SessionUser, collegeId: string | undefined): SchoolScope {
  const scope: SchoolScope = collegeId ? { kind: "college", collegeId } : requireOwnScope(user);
  authorize(user, "meetings:view-overview", scope);
  return scope;
}

/**
 * What the overview page shows of it: the meetings held summed per month (the .xlsx keeps them per
 * series). Forty series' twelve months each are most of the page's data and none of what it shows.
 */
export function overviewForPage(report: Awaited<ReturnType<typeof overview>>) {
  const heldByMonth = Array.from({ length: 12 }, () => 0);
  for (const series of report.series) for (const month of series.months) heldByMonth[month.month - 1]! += month.held;
  return { ...report, series: report.series.map(({ months: _months, ...series }) => series), heldByMonth };
}
