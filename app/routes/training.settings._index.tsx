import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { settingsPageData } from "~/training/admin/admin.server.ts";
import { SettingsPage } from "~/training/admin/settings-page.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.admin.title")]);

/** 培训设置: stage plans, national rules and platforms (学工部). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:administer", null);
  return data(await settingsPageData());
}

export { settingsAction as action } from "~/training/admin/settings.actions.server.ts";

export default SettingsPage;
