import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { authorize, requireOwnScope } from "~/policy/index.ts";
import { hoursTemplate } from "~/training/hours-import.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:import-hours", requireOwnScope(user));
  return fileResponse(await hoursTemplate(), { type: XLSX_TYPE, fileName: "外部平台学时导入模板.xlsx", fallbackName: "training-hours-template.xlsx" });
}
