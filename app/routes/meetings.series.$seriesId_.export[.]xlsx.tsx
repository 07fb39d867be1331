import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { loadSeriesAccess } from "~/meetings/access.server.ts";
import { seriesYearXlsx } from "~/meetings/report/archive.server.ts";
import { parseReportQuery } from "~/meetings/report/query.server.ts";
import { authorize } from "~/policy/index.ts";

/** A year's meetings of a series as .xlsx (`?year=`, this year by default): the series' organisers and 学工部. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { resource } = await loadSeriesAccess(user, params.seriesId);
  authorize(user, "meeting-series:manage", resource);
  const { year } = parseReportQuery(request.url);
  const { body, fileName } = await seriesYearXlsx(resource.seriesId, year);
  return fileResponse(body, { type: XLSX_TYPE, fileName, fallbackName: `meetings-${year}.xlsx` });
}
