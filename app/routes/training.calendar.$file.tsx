import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/policy/index.ts";
import { calendarFeedBody, calendarFeedOwner } from "~/training/calendar.server.ts";

/**
 * /training/calendar/<token>.ics — the feed calendars subscribe to, without a session: the
 * private token is the key. Unknown, reset or malformed tokens are 404, like a page that is not there.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = /^(.+)\.ics$/.exec(params.file ?? "");
  const owner = match ? await calendarFeedOwner(match[1]!) : null;
  if (!owner || !can(owner, "training:calendar-feed", null)) throw new Response("Not Found", { status: 404 });
  const body = await calendarFeedBody(owner, new URL(request.url).origin);
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="training.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
