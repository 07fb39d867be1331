import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { campReportDocx } from "~/camp/release/reports.server.ts";
import { DOCX_TYPE, fileResponse } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";

/** The camp report (.docx) for the organisers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const resource = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view-all", resource);
  const { body, fileName } = await campReportDocx(resource.campId);
  return fileResponse(body, { type: DOCX_TYPE, fileName, fallbackName: "camp-report.docx" });
}
