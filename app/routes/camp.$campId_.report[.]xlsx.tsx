import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { campReportXlsx } from "~/camp/release/reports.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";

/** The camp's results as a workbook for the organisers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const resource = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view-all", resource);
  const { body, fileName } = await campReportXlsx(resource.campId);
  return fileResponse(body, { type: XLSX_TYPE, fileName, fallbackName: "camp-results.xlsx" });
}
