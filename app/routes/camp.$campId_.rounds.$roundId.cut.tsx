import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { campHeading } from "~/camp/setup/camps.server.ts";
import { cutView } from "~/camp/setup/cut.server.ts";
import { CutPage } from "~/camp/setup/pages/cut.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export { cutAction as action } from "~/camp/setup/cut.actions.server.ts";
export default CutPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("camp.setup.page.cutLink"), data?.camp.title]);

/** The cut into a judged round: the ranking of the source round, ties at the border, and (for the organisers) applying it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view-all", access);
  const [camp, cut] = await Promise.all([campHeading(access.campId), cutView(access.campId, params.roundId ?? "")]);
  return data({ camp, cut, abilities: abilities(user, "camp", access) });
}
