import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadResult } from "~/camp/release/pages.server.ts";
import PersonResultsPage from "~/camp/release/pages/person-results.tsx";
import { dismissedRecommendations } from "~/camp/release/recommendations.server.ts";
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
  const [results, dismissed] = await Promise.all([personalResults(resource.camp.campId, resource.userId), dismissedRecommendations(resource.camp.campId, resource.userId)]);
  return data({ results, dismissed, mayViewAll: can(user, "camp:view-all", resource.camp), mayDismiss: can(user, "camp-recommendation:dismiss", resource) });
}

/** 不感兴趣 / 恢复 on one's own recommended courses (the same action as the training menu's). */
export { recommendationAction as action } from "~/camp/release/recommendation.actions.server.ts";

export default PersonResultsPage;
