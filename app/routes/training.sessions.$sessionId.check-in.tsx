import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { loadSessionAccess } from "~/training/access.server.ts";
import { checkInScreen } from "~/training/check-in-screen.server.ts";
import { checkInScreenAction } from "~/training/check-in.actions.server.ts";
import CheckInScreen from "~/training/pages/check-in-screen.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.checkin.screenTitle")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadSessionAccess(user, params.sessionId);
  authorize(user, "training-course:manage", access.resource);
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(url.searchParams.get("page"))) || 1));
  return data(await checkInScreen(access.sessionId, url.origin, page), { headers: { "Cache-Control": "no-store" } });
}

export const action = checkInScreenAction;

export default CheckInScreen;
