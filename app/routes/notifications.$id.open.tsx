import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { findNotification, markRead } from "~/notifications/notify.server.ts";
import { authorize } from "~/policy/index.ts";

/** Opening a notification marks it read and goes where it points. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const notification = await findNotification(params.id ?? "");
  if (!notification) throw new Response("Not Found", { status: 404 });
  authorize(user, "notification:open", notification);
  return redirect(safeRedirect(await markRead(notification), "/notifications"));
}

export async function loader() {
  return redirect("/notifications");
}
