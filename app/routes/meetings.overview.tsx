import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { overview } from "~/meetings/meetings.server.ts";
import OverviewPage from "~/meetings/report/overview-page.tsx";
import { overviewForPage, overviewScope, parseReportQuery } from "~/meetings/report/query.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("meetings.report.title")]);

/** 督导落实: 学工部 the school (or `?college=`), a college admin their own college's series; `?year=`. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { year, college } = parseReportQuery(request.url);
  const scope = overviewScope(user, college);
  return data({ year, collegeId: scope.kind === "college" ? scope.collegeId : null, overview: overviewForPage(await overview(scope, year)) });
}

export default OverviewPage;
