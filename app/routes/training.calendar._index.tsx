import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { calendarFeedAction } from "~/training/calendar-feed.actions.server.ts";
import { calendarFeedState } from "~/training/calendar.server.ts";
import CalendarFeedPage, { type CalendarFeedData } from "~/training/pages/calendar-feed.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.calendar.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:calendar-feed", null);
  const feed = await calendarFeedState(user.id);
  return data<CalendarFeedData>({ feed: feed ? { createdAt: feed.createdAt.toISOString() } : null });
}

export const action = calendarFeedAction;

export default CalendarFeedPage;
