import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { CollabEditor } from "~/collab/collab-editor.tsx";
import { bodyHtmlKey } from "~/documents/editor/editor-slot.ts";
import editorStyles from "~/documents/editor/editor.css?url";
import { pageTitle } from "~/i18n/page-title.ts";
import { loadMeetingAccess } from "~/meetings/access.server.ts";
import { minutesPage } from "~/meetings/minutes-page.server.ts";
import { MinutesPage } from "~/meetings/pages/minutes.tsx";
import { serverHtml } from "~/lib/server-html.server.ts";
import { authorize } from "~/policy/index.ts";

export { minutesAction as action } from "~/meetings/minutes.actions.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("meetings.live.minutes.title")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadMeetingAccess(user, params.meetingId);
  authorize(user, "meeting:read-minutes", access.resource);
  const { bodyHtml, ...page } = await minutesPage(access.meeting, access.resource, user);
  // The body goes into the server-rendered markup only, not also into the page's data (decision 099).
  if (page.documentId) serverHtml(bodyHtmlKey(page.documentId), bodyHtml);
  return data(page, { headers: { "Cache-Control": "no-store" } });
}

/** The route hands the page its editor, as the document page's route does (decision 052). */
export default function MinutesRoute() {
  const page = useLoaderData<typeof loader>();
  return <MinutesPage page={page} Editor={CollabEditor} />;
}
