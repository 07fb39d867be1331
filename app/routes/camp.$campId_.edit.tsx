import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { campHeading, campInput } from "~/camp/setup/camps.server.ts";
import { campFormValues } from "~/camp/setup/form-values.ts";
import { EditCampPage } from "~/camp/setup/pages/camp-form.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export { editCampAction as action } from "~/camp/setup/form.actions.server.ts";
export default EditCampPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.setup.page.edit")]);

/** The camp's set-up as the form's values: its organisers, until it is archived. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadCampAccess(user, params.campId);
  authorize(user, "camp:manage", access);
  const [camp, input] = await Promise.all([campHeading(access.campId), campInput(access.campId)]);
  return data({ camp, values: campFormValues(input) });
}
