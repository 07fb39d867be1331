import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadSheet } from "~/camp/judged/access.server.ts";
import ScoreSheetPage from "~/camp/judged/pages/sheet.tsx";
import { sheetView } from "~/camp/judged/sheets.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, can } from "~/policy/index.ts";

export { sheetAction as action } from "~/camp/judged/sheet.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.judged.judging.title")]);

/** One score sheet: the judge's own (to score while judging is open), or any of the camp's for its organisers (read-only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sheet = await loadSheet(user, params.assignmentId);
  if (sheet.own) authorize(user, "camp-entry:view", sheet.entry);
  else authorize(user, "camp:view-all", sheet.camp);
  return data({ sheet: await sheetView(sheet.assignmentId), canScore: can(user, "camp-entry:score", sheet.entry) }, { headers: { "Cache-Control": "no-store" } });
}

export default ScoreSheetPage;
