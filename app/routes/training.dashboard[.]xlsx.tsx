import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { trainingDashboard } from "~/training/dashboard/dashboard.server.ts";
import { exportDashboard } from "~/training/dashboard/export.server.ts";
import { dashboardQuery, parseQuery } from "~/training/dashboard/filters.ts";
import { trainingScope } from "~/training/dashboard/scope.server.ts";
import { trainingYear } from "~/training/ledger.server.ts";

/** The training dashboard as .xlsx, one sheet per breakdown; same parameters and rights as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseQuery(dashboardQuery, request.url);
  const scope = trainingScope(user, query.college);
  const year = query.year ?? trainingYear(new Date());
  const dashboard = await trainingDashboard(scope, year);
  const scopeName = scope.kind === "school" ? "全校" : (dashboard.colleges[0]?.name ?? "");
  return fileResponse(await exportDashboard(dashboard, scopeName), { type: XLSX_TYPE, fileName: `${year}年培训看板.xlsx`, fallbackName: `training-dashboard-${year}.xlsx` });
}
