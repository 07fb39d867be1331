import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { studentTemplate } from "~/camp/students/import.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";

/** The empty sheet for uploading students (人物辨识), for whoever may upload them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const camp = await loadCampAccess(user, params.campId);
  authorize(user, "camp:upload-students", camp);
  return fileResponse(await studentTemplate(), { type: XLSX_TYPE, fileName: "人物辨识学生名单模板.xlsx", fallbackName: "students-template.xlsx" });
}
