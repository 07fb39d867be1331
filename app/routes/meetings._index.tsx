import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { myUpcomingMeetings, organiserChoices } from "~/meetings/pages.server.ts";
import { MeetingsHome } from "~/meetings/pages/meetings-home.tsx";
import { seriesList } from "~/meetings/series.server.ts";
import { authorize } from "~/policy/index.ts";

export default MeetingsHome;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("meetings.pages.home.title")]);

/** My upcoming meetings and the series I see; "new series" only for who may organise one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "meetings:use", null);
  const [upcoming, series, organisers] = await Promise.all([myUpcomingMeetings(user), seriesList(user), organiserChoices(user)]);
  return data({ upcoming, series, mayCreate: organisers.length > 0 });
}
