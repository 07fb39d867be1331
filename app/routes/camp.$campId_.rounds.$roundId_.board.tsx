import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadJudgedRound } from "~/camp/judged/access.server.ts";
import { boardPage, parseBoardQuery } from "~/camp/judged/pages.server.ts";
import JudgedBoardPage from "~/camp/judged/pages/board.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.judged.board.title")]);

/** The organisers' live board of a judged round: which sheets are in, which are missing, the flags. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { round, camp } = await loadJudgedRound(user, params.campId, params.roundId);
  authorize(user, "camp:view-all", camp);
  return data(await boardPage(round.id, parseBoardQuery(request.url)), { headers: { "Cache-Control": "no-store" } });
}

export default JudgedBoardPage;
