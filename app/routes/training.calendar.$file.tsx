import type { LoaderFunctionArgs } from "@remix-run/node";
import { meetingCalendarEvents } from "~/meetings/calendar.server.ts";
import { can } from "~/policy/index.ts";
import { calendarFeedBody, calendarFeedOwner } from "~/training/calendar.server.ts";

/**
 * /training/calendar/<token>.ics — the feed calendars subscribe to, without a session (training
 * sessions, meetings I am invited to, my action items' due days): the
 * private token is the key. Unknown, reset or malformed tokens are 404, like a page that is not there.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = /^(.+)\.ics$/.exec(params.file ?? "");
  const owner = match ? await calendarFeedOwner(match[1]!) : null;
  if (!owner || !can(owner, "training:calendar-feed", null)) throw new Response("Not Found", { status: 404 });
  const origin = new URL(request.url).origin;
  const now = new Date();
  const body = await calendarFeedBody(owner, origin, { now, extra: await meetingCalendarEvents(owner, origin, now) });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="training.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
