import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { myActionItems } from "~/meetings/action-items.server.ts";
import MyActionsPage from "~/meetings/pages/my-actions.tsx";
import { authorize } from "~/policy/index.ts";

export { myActionsAction as action } from "~/meetings/my-actions.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("meetings.live.actions.title")]);

/** 我的督办事项: every action item I own across all series, overdue ones first among the open. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "meetings:use", null);
  const url = new URL(request.url);
  const list = await myActionItems(user, { status: url.searchParams.get("status") ?? undefined, page: url.searchParams.get("page") ?? undefined });
  return data({ ...list, status: url.searchParams.get("status") ?? "" });
}

export default MyActionsPage;
