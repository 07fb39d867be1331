import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { overview } from "~/meetings/meetings.server.ts";
import { overviewXlsx } from "~/meetings/report/archive.server.ts";
import { overviewScope, parseReportQuery } from "~/meetings/report/query.server.ts";

/** The 督导落实 overview as .xlsx: same parameters and rights as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { year, college } = parseReportQuery(request.url);
  const scope = overviewScope(user, college);
  const { body, fileName } = await overviewXlsx(await overview(scope, year));
  return fileResponse(body, { type: XLSX_TYPE, fileName, fallbackName: `meetings-overview-${year}.xlsx` });
}
