import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { audienceOptions, organiserChoices } from "~/meetings/pages.server.ts";
import { NewSeriesPage } from "~/meetings/pages/new-series.tsx";
import { authorize } from "~/policy/index.ts";

export { action } from "~/meetings/new-series.actions.server.ts";
export default NewSeriesPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("meetings.pages.newSeries.title")]);

/** The form offers only the organisers the policy lets this person create a series for; none is a 403. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "meetings:use", null);
  const [organisers, audience] = await Promise.all([organiserChoices(user), audienceOptions()]);
  if (!organisers.length) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return data({ organisers, audience });
}
