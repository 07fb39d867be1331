import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { loadSeriesAccess } from "~/meetings/access.server.ts";
import { audienceNames, meetingCounts, openMeetingSlots } from "~/meetings/pages.server.ts";
import { SeriesPage } from "~/meetings/pages/series.tsx";
import { seriesDetail } from "~/meetings/series.server.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";

export { action } from "~/meetings/series.actions.server.ts";
export default SeriesPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, () => [data?.series.title]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadSeriesAccess(user, params.seriesId);
  authorize(user, "meeting-series:view", access.resource);
  const abilities = abilitiesOf(user, "meetingSeries", access.resource);
  const series = await seriesDetail(access.series.id, user);
  const [counts, slots, names] = await Promise.all([
    meetingCounts(series.meetings.map((m) => m.id)),
    abilities["meeting-series:manage"] ? openMeetingSlots(series.id) : [],
    audienceNames(series.targets),
  ]);
  // This year's meetings for the Excel export (the school's calendar year).
  const year = schoolToday(new Date()).getUTCFullYear();
  const url = new URL(request.url);
  // After a change: how many untouched meetings followed it (series-edit.actions.server.ts).
  const updated = url.searchParams.get("updated");
  return data({ series, counts, slots, names, abilities, year, created: url.searchParams.has("created"), updated: updated && /^\d{1,4}$/.test(updated) ? Number(updated) : null });
}
