import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { formatDateTime } from "~/lib/format.ts";
import { loadMeetingAccess } from "~/meetings/access.server.ts";
import type { groupsAction } from "~/meetings/groups.actions.server.ts";
import { meetingGroups } from "~/meetings/groups.server.ts";
import { GroupsPanel } from "~/meetings/pages/groups-panel.tsx";
import { can, authorize } from "~/policy/index.ts";

export { groupsAction as action } from "~/meetings/groups.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("meetings.live.groups.title")]);

/** 分组研讨 of one meeting on its own page; the meeting page mounts the same panel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadMeetingAccess(user, params.meetingId);
  authorize(user, "meeting:view", access.resource);
  return data({ meeting: access.meeting, ...(await meetingGroups(access.meeting.id)), canEdit: can(user, "meeting:edit", access.resource) });
}

export default function MeetingGroupsRoute() {
  const { meeting, groups, participants, canEdit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof groupsAction>();
  const { t, i18n } = useTranslation();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("meetings.live.groups.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <Content>{meeting.seriesTitle}</Content> · {formatDateTime(meeting.startsAt, i18n.language)}
        </p>
        <Link to={`/meetings/${meeting.id}`} className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("meetings.live.checkIn.back")}
        </Link>
      </div>
      <ActionFeedback reply={reply} intent={["split", "reporter"]} />
      <GroupsPanel meetingId={meeting.id} groups={groups} participants={participants} canEdit={canEdit} />
    </div>
  );
}
