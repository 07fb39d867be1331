import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { DOCX_TYPE, fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { annualReport, reportDocx, reportXlsx, reportYear } from "~/studios/report.server.ts";

/** The annual report as .docx or .xlsx (?year=2026&format=docx). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view-report", access.resource);
  const format = new URL(request.url).searchParams.get("format");
  if (format !== "docx" && format !== "xlsx") throw new Response("Bad Request", { status: 400 });
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const year = reportYear(request);
  const report = await annualReport(access.studio.id, year);
  const body = format === "docx" ? await reportDocx(report, t, locale) : await reportXlsx(report, t, locale);
  return fileResponse(body, {
    type: format === "docx" ? DOCX_TYPE : XLSX_TYPE,
    fileName: `${t("studios.report.fileTitle", { studio: report.studio.name, year })}.${format}`,
    fallbackName: `studio-report-${year}.${format}`,
  });
}
