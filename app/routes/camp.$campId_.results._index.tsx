import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { parseRankingQuery, RANKING_PAGE_SIZE } from "~/camp/release/pages.server.ts";
import CampResultsPage from "~/camp/release/pages/camp-results.tsx";
import { releaseCheck } from "~/camp/release/release.server.ts";
import { campOverview } from "~/camp/release/views.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export { resultsAction as action } from "~/camp/release/results.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.release.overview.title")]);

/** 训练营成绩 for the organisers: the release check while scoring, then the ranking and statistics. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const resource = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view-all", resource);
  const query = parseRankingQuery(request.url);
  const [overview, check] = await Promise.all([
    campOverview(resource.campId, { stage: query.stage, group: query.group }),
    resource.status === "SCORING" ? releaseCheck(resource.campId) : Promise.resolve(null),
  ]);
  const pages = Math.max(1, Math.ceil(overview.ranking.length / RANKING_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return data({
    ...overview,
    ranking: overview.ranking.slice((page - 1) * RANKING_PAGE_SIZE, page * RANKING_PAGE_SIZE),
    rankedCount: overview.ranking.length,
    page,
    pages,
    filter: { stage: query.stage ?? "", group: query.group ?? "" },
    check,
    abilities: abilities(user, "camp", resource),
  });
}

export default CampResultsPage;
