import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { loadMeetingAccess } from "~/meetings/access.server.ts";
import { meetingCheckInScreen } from "~/meetings/check-in-screen.server.ts";
import MeetingCheckInScreen from "~/meetings/pages/check-in-screen.tsx";
import { abilities, authorize } from "~/policy/index.ts";

export { meetingCheckInScreenAction as action } from "~/meetings/check-in.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("meetings.live.checkIn.title")]);

/** The organiser's check-in screen of one meeting: code, QR code, live count, invitees by name. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadMeetingAccess(user, params.meetingId);
  authorize(user, "meeting:manage", access.resource);
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(url.searchParams.get("page"))) || 1));
  const screen = await meetingCheckInScreen(access.meeting.id, url.origin, { q: url.searchParams.get("q") ?? "", page });
  return data({ ...screen, abilities: abilities(user, "meeting", access.resource) }, { headers: { "Cache-Control": "no-store" } });
}

export default MeetingCheckInScreen;
