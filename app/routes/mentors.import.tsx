import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { ImportMentorsPage } from "~/mentors/pages/import-mentors.tsx";
import { authorize } from "~/policy/index.ts";

export { action } from "~/mentors/import-mentors.actions.server.ts";
export default ImportMentorsPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("mentors.import.title"), t("mentors.pool.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentor:curate", null);
  return null;
}
