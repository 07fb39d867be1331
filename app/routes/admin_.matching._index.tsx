import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { Duty } from "~/generated/prisma/enums.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { getBoard } from "~/mentors/matching.server.ts";
import { getMatchingSettings } from "~/mentors/matching-settings.server.ts";
import { MatchingBoardPage } from "~/mentors/pages/matching-board.tsx";
import { pageParam } from "~/mentors/route-helpers.server.ts";
import { authorize } from "~/policy/index.ts";

export { action } from "~/mentors/matching-board.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("mentors.matching.title")]);

const DUTIES = Object.values(Duty);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "matching:administer", null);
  const url = new URL(request.url);
  const view = url.searchParams.get("view") === "open" ? "open" : "all";
  const dutyParam = url.searchParams.get("duty");
  const duty = DUTIES.includes(dutyParam as Duty) ? (dutyParam as Duty) : null;
  const [board, settings] = await Promise.all([getBoard({ page: pageParam(url), view, duty }), getMatchingSettings()]);
  return data({ board, settings, view, duty });
}

export default MatchingBoardPage;
