import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { isoDay, schoolToday } from "~/lib/calendar-date.ts";
import { exportRoster } from "~/people/roster-export.server.ts";
import { parseDirectoryFilters } from "~/people/schemas.ts";
import { authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";

/** The filtered directory as .xlsx: 学工部 for any scope, a college admin for their own college. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { page: _page, ...filters } = parseDirectoryFilters(new URL(request.url).searchParams);
  // Without a college filter the export is the whole school's, which only 学工部 may take.
  authorize(user, "people:export", filters.collegeId ? { kind: "college", collegeId: filters.collegeId } : { kind: "school" });
  const settings = await getSchoolSettings();
  const now = new Date();
  const body = await exportRoster(filters, { now, thresholds: settings.stageThresholds });
  const day = isoDay(schoolToday(now));
  return fileResponse(body, { type: XLSX_TYPE, fileName: `人员名单-${day}.xlsx`, fallbackName: `roster-${day}.xlsx` });
}
