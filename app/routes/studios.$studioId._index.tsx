import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { getStudioMentors } from "~/mentors/studio-mentors.server.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { StudioOverviewPage } from "~/studios/pages/studio-overview.tsx";
import { studioPageTitle } from "~/studios/studio-context.ts";
import { getStudioPage, joiningState } from "~/studios/studios.server.ts";

export { action } from "~/studios/studio-overview.actions.server.ts";
export default StudioOverviewPage;

export const meta: MetaFunction<typeof loader> = ({ matches }) => studioPageTitle(matches, () => []);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view", access.resource);
  const settings = await getSchoolSettings();
  const abilities = abilitiesOf(user, "studio", access.resource);
  const [page, mentors, joining] = await Promise.all([
    getStudioPage(access.studio.id, { workspace: abilities["studio:view-workspace"], settings }),
    getStudioMentors(access.studio.id),
    abilities["studio:apply"] ? joiningState(user.id, settings) : null,
  ]);
  const pending = joining?.pending.find((p) => p.studio.id === access.studio.id) ?? null;
  return data({
    page,
    mentors,
    viewer: {
      role: access.resource.viewerRole,
      pending: pending ? { id: pending.id, kind: pending.kind } : null,
      canApply: joining !== null && !pending && !joining.atLimit && !page.archivedAt,
      atLimit: joining?.atLimit ? joining.limit : null,
    },
  });
}

