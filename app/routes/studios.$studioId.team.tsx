import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { listStudioRequests } from "~/studios/membership.server.ts";
import { TeamPage } from "~/studios/pages/team.tsx";
import { studioPageTitle } from "~/studios/studio-context.ts";
import { getStudioPage } from "~/studios/studios.server.ts";

export { action } from "~/studios/team.actions.server.ts";
export default TeamPage;

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.team.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:manage", access.resource);
  const settings = await getSchoolSettings();
  const [page, requests] = await Promise.all([getStudioPage(access.studio.id, { workspace: false, settings }), listStudioRequests(access.studio.id)]);
  return data({ team: page.team, requests });
}
