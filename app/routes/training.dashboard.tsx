import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { listColleges } from "~/people/directory.server.ts";
import { can } from "~/policy/index.ts";
import { trainingDashboard } from "~/training/dashboard/dashboard.server.ts";
import { dashboardQuery, parseQuery } from "~/training/dashboard/filters.ts";
import DashboardPage from "~/training/dashboard/dashboard-page.tsx";
import { trainingScope } from "~/training/dashboard/scope.server.ts";
import { trainingYear } from "~/training/ledger.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.dashboard.title")]);

/** 培训看板: 学工部 the school or any college (`?college=`), a college admin their own college; `?year=`. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseQuery(dashboardQuery, request.url);
  const scope = trainingScope(user, query.college);
  const year = query.year ?? trainingYear(new Date());
  const [dashboard, colleges] = await Promise.all([
    trainingDashboard(scope, year),
    can(user, "training:view-scope", { kind: "school" }) ? listColleges() : null,
  ]);
  return data({
    year,
    collegeId: scope.kind === "college" ? scope.collegeId : null,
    colleges: colleges?.map((c) => ({ id: c.id, name: c.name })) ?? null,
    dashboard,
  });
}

export default DashboardPage;
