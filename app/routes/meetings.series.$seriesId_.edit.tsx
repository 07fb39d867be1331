import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { loadSeriesAccess } from "~/meetings/access.server.ts";
import { audienceOptions, seriesFormValues } from "~/meetings/pages.server.ts";
import { EditSeriesPage } from "~/meetings/pages/new-series.tsx";
import { seriesDetail } from "~/meetings/series.server.ts";
import { authorize } from "~/policy/index.ts";

export { action } from "~/meetings/series-edit.actions.server.ts";
export default EditSeriesPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("meetings.pages.editSeries.edit"), data?.series.title]);

/** The series' form filled with what it has now: for its organisers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadSeriesAccess(user, params.seriesId);
  authorize(user, "meeting-series:manage", access.resource);
  const [series, audience] = await Promise.all([seriesDetail(access.series.id, user), audienceOptions()]);
  return data({ series: { id: series.id, title: series.title, segments: series.segmentTemplate, version: series.updatedAt.toISOString() }, audience, values: await seriesFormValues(series) });
}
