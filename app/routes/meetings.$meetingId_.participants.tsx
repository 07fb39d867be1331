import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKnown } from "~/i18n/keys.ts";
import { loadMeetingAccess } from "~/meetings/access.server.ts";
import { lookupParticipants } from "~/meetings/pages.server.ts";
import { lookupQuerySchema } from "~/people/schemas.ts";
import { authorize } from "~/policy/index.ts";

/**
 * The meeting's participants by name, pinyin, initials or 工号 (JSON), for the person picker of
 * presenters and action-item owners on a meeting too large for a list: for its organisers.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadMeetingAccess(user, params.meetingId);
  authorize(user, "meeting:manage", access.resource);
  const parsed = lookupQuerySchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  if (!parsed.success) {
    const t = await getFixedT(request);
    return data({ q: null, people: [], error: translateKnown(t, parsed.error.issues[0]!.message) }, { status: 400 });
  }
  return data({ q: parsed.data.q, people: await lookupParticipants(access.meeting, parsed.data.q), error: null });
}
