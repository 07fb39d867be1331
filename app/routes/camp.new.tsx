import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { campFormValues } from "~/camp/setup/form-values.ts";
import { NewCampPage } from "~/camp/setup/pages/camp-form.tsx";
import { defaultCampInput } from "~/camp/setup/schemas.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { authorize } from "~/policy/index.ts";

export { newCampAction as action } from "~/camp/setup/form.actions.server.ts";
export default NewCampPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.setup.form.newTitle")]);

/** The form with the seed's four rounds, weighted 30/20/25/25, for this year: 学工部 only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camp:create", null);
  return data({ values: campFormValues(defaultCampInput(schoolToday(new Date()).getUTCFullYear())) });
}
