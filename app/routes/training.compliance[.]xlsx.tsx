import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { complianceRows } from "~/training/dashboard/compliance.server.ts";
import { exportCompliance } from "~/training/dashboard/export.server.ts";
import { complianceQuery, parseQuery } from "~/training/dashboard/filters.ts";
import { trainingScope } from "~/training/dashboard/scope.server.ts";

/** The compliance list as .xlsx: every row of the filtered list (not one page); same rights as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseQuery(complianceQuery, request.url);
  const scope = trainingScope(user, query.college);
  const list = await complianceRows(scope, { stage: query.stage, rule: query.rule });
  return fileResponse(await exportCompliance(list), { type: XLSX_TYPE, fileName: `${list.year}年培训合规名单.xlsx`, fallbackName: `training-compliance-${list.year}.xlsx` });
}
