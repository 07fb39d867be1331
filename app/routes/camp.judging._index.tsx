import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import JudgingListPage from "~/camp/judged/pages/judging-list.tsx";
import { judgeSheets } from "~/camp/judged/sheets.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, whereCan } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.judged.judging.title")]);

/** A judge's list of the contestants assigned to them (phone first). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camps:use", null);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(new URL(request.url).searchParams.get("page"))) || 1));
  return data(await judgeSheets(whereCan(user, "camp-entry:view"), user.id, { page }), { headers: { "Cache-Control": "no-store" } });
}

export default JudgingListPage;
