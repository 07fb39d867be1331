import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadResult } from "~/camp/release/pages.server.ts";
import PersonResultsPage from "~/camp/release/pages/person-results.tsx";
import { personalResults } from "~/camp/release/views.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, can } from "~/policy/index.ts";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, (t) => [data ? t("camp.release.person.title", { name: data.results.person.name }) : t("camp.release.overview.title")]);

/** One participant's results: the organisers; the person once released. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { resource } = await loadResult(user, params.campId, params.userId);
  authorize(user, "camp-result:view", resource);
  return data({ results: await personalResults(resource.camp.campId, resource.userId), mayViewAll: can(user, "camp:view-all", resource.camp) });
}

export default PersonResultsPage;
