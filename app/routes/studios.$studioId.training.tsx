import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { studioPageTitle } from "~/studios/studio-context.ts";
import { teamTraining } from "~/training/dashboard/team.server.ts";
import TeamTrainingPage from "~/training/dashboard/team-page.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("training.dashboard.team.title")]);

/** 培训进度: the studio's members against their stage plans, for its leader and 学工部. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "training:view-team", access.resource);
  return data(await teamTraining(access.studio.id));
}

export default TeamTrainingPage;
