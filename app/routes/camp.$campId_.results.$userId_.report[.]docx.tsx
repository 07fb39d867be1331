import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadResult } from "~/camp/release/pages.server.ts";
import { personalReportDocx } from "~/camp/release/reports.server.ts";
import { DOCX_TYPE, fileResponse } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";

/** The personal feedback report (.docx): whoever may see these results. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { resource } = await loadResult(user, params.campId, params.userId);
  authorize(user, "camp-result:view", resource);
  const { body, fileName } = await personalReportDocx(resource.camp.campId, resource.userId);
  return fileResponse(body, { type: DOCX_TYPE, fileName, fallbackName: "camp-feedback.docx" });
}
