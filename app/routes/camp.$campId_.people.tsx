import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { campHeading } from "~/camp/setup/camps.server.ts";
import { campPeople } from "~/camp/setup/people.server.ts";
import { CampPeoplePage } from "~/camp/setup/pages/people.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export { peopleAction as action } from "~/camp/setup/people.actions.server.ts";
export default CampPeoplePage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("camp.setup.page.people"), data?.camp.title]);

/** Targets, named participants and judges of a camp, with how many people the targets give now: its organisers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view-all", access);
  const camp = await campHeading(access.campId);
  const people = await campPeople(access.campId, { preview: camp.status === "DRAFT" });
  return data({ camp, people, abilities: abilities(user, "camp", access), school: abilities(user, "school", null) });
}
