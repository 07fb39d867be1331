import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadPreferencesStudio } from "~/mentors/mentor-preferences.actions.server.ts";
import { MentorPreferencesPage } from "~/mentors/pages/mentor-preferences.tsx";
import { getPreferencesPage } from "~/mentors/preferences.server.ts";
import { authorize } from "~/policy/index.ts";
import { studioPageTitle } from "~/studios/studio-context.ts";

export { action } from "~/mentors/mentor-preferences.actions.server.ts";
export default MentorPreferencesPage;

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.tabs.mentorPreferences")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { studio, resource } = await loadPreferencesStudio(user, params.studioId);
  authorize(user, "matching:state-preferences", resource);
  return data(await getPreferencesPage(studio.id));
}
