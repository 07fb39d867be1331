import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { rosterTemplate } from "~/people/roster-export.server.ts";
import { authorize, requireOwnScope } from "~/policy/index.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "people:import", requireOwnScope(user));
  return fileResponse(await rosterTemplate(), { type: XLSX_TYPE, fileName: "人员名单模板.xlsx", fallbackName: "roster-template.xlsx" });
}
