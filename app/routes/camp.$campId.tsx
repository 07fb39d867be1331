import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { myJudgedRounds } from "~/camp/judged/pages.server.ts";
import { campPage } from "~/camp/setup/pages.server.ts";
import { CampPage } from "~/camp/setup/pages/camp-page.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export { campAction as action } from "~/camp/setup/camp.actions.server.ts";
export default CampPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [data?.camp.title ?? t("camp.setup.home.title")]);

/** The camp: its set-up and transitions for the organisers, their rounds for participants, a way to judging for judges. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view", access);
  const [camp, myJudged] = await Promise.all([campPage(access.campId, user.id), access.viewerParticipates ? myJudgedRounds(user, access.campId) : []]);
  return data({
    camp,
    myJudged,
    viewer: { id: user.id, participates: access.viewerParticipates, judges: access.viewerJudges },
    abilities: abilities(user, "camp", access),
  });
}
