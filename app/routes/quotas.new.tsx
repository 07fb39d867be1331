import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { NewQuotaPage } from "~/quotas/pages/new-quota.tsx";
import { releasedCamps } from "~/quotas/quotas.server.ts";

export { action } from "~/quotas/new-quota.actions.server.ts";
export default NewQuotaPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("quotas.form.title")]);

/** The form offers the camps whose results are released. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "quota:manage", null);
  return data({ camps: await releasedCamps() });
}
