import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { collegesPageData } from "~/training/admin/admin.server.ts";
import { CollegesPage } from "~/training/admin/colleges-page.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.admin.colleges.title"), t("training.admin.title")]);

/** 校院两级: each college's live count, the ≥6 override and the joint training groups (学工部). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:administer", null);
  return data(await collegesPageData());
}

export { collegesAction as action } from "~/training/admin/colleges.actions.server.ts";

export default CollegesPage;
