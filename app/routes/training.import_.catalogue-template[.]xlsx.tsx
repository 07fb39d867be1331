import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { authorize, requireOwnScope } from "~/policy/index.ts";
import { catalogueTemplate } from "~/training/catalogue-io.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:view-scope", requireOwnScope(user));
  return fileResponse(await catalogueTemplate(), { type: XLSX_TYPE, fileName: "培训项目导入模板.xlsx", fallbackName: "training-catalogue-template.xlsx" });
}
