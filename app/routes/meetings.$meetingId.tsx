import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { languageOf, pageTitle } from "~/i18n/page-title.ts";
import { formatDate } from "~/lib/format.ts";
import { loadMeetingAccess } from "~/meetings/access.server.ts";
import { meetingGroups } from "~/meetings/groups.server.ts";
import { meetingDetail } from "~/meetings/meetings.server.ts";
import { linkableDocuments, linkableOutputs, participantOptions } from "~/meetings/pages.server.ts";
import { MeetingPage } from "~/meetings/pages/meeting.tsx";
import { abilities as abilitiesOf, authorize, can } from "~/policy/index.ts";

export { action } from "~/meetings/meeting.actions.server.ts";
export default MeetingPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, () => [data ? `${data.meeting.series.title} ${formatDate(data.meeting.startsAt, languageOf(matches))}` : undefined]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadMeetingAccess(user, params.meetingId);
  authorize(user, "meeting:view", access.resource);
  const abilities = abilitiesOf(user, "meeting", access.resource);
  const meeting = await meetingDetail(access.meeting.id);
  const editing = abilities["meeting:edit"];
  const [participants, documents, outputs, groups] = await Promise.all([
    editing ? participantOptions(meeting) : { people: [], total: 0 },
    editing ? linkableDocuments(user) : [],
    editing ? linkableOutputs() : [],
    meetingGroups(access.meeting.id),
  ]);
  // Which action items (carried over, or recorded here) the viewer may update: their owner and the organisers.
  const ownerIds = [...meeting.carriedOver.map((i) => i.owner.id), ...meeting.segments.flatMap((s) => s.items.flatMap((i) => i.outcomes.flatMap((o) => (o.actionItem ? [o.actionItem.owner.id] : []))))];
  const mayUpdateFor = [...new Set(ownerIds)].filter((ownerId) => can(user, "action-item:update", { ownerId, series: access.resource }));
  const url = new URL(request.url);
  return data({ meeting, abilities, groups, participants, documents, outputs, mayUpdateFor, editingItemId: url.searchParams.get("item"), itemSaved: url.searchParams.has("itemSaved") });
}
