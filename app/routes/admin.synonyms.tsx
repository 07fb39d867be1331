import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { SynonymsPage } from "~/search/pages/synonyms.tsx";
import { listSynonymGroups } from "~/search/synonyms.server.ts";

export { action } from "~/search/synonyms.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("search.synonyms.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "search:administer", null);
  const groups = await listSynonymGroups();
  const editing = new URL(request.url).searchParams.get("edit");
  return data({ groups, editing: groups.some((g) => g.id === editing) ? editing : null });
}

export default SynonymsPage;
