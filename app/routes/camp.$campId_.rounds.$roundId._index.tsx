import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadJudgedRound, undrawnEntryOf } from "~/camp/judged/access.server.ts";
import { roundPage } from "~/camp/judged/pages.server.ts";
import JudgedRoundPage from "~/camp/judged/pages/round.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize, can } from "~/policy/index.ts";

export { roundAction as action } from "~/camp/judged/round.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.judged.round.topics")]);

/** A judged round (案例研讨 or 谈心谈话) for its organisers: topics, draw, judges, scores. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { round, camp } = await loadJudgedRound(user, params.campId, params.roundId);
  authorize(user, "camp:view-all", camp);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(new URL(request.url).searchParams.get("page"))) || 1));
  const canDraw = can(user, "camp-entry:draw", undrawnEntryOf(camp));
  return data({ ...(await roundPage(round.id, { page })), abilities: abilities(user, "camp", camp), canDraw }, { headers: { "Cache-Control": "no-store" } });
}

export default JudgedRoundPage;
