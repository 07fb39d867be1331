import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { questionTemplate } from "~/camp/question-xlsx.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";

/** The empty question template (题库导入模板) with its sheet of instructions. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camp-bank:manage", null);
  return fileResponse(await questionTemplate(), { type: XLSX_TYPE, fileName: "题库导入模板.xlsx", fallbackName: "question-bank-template.xlsx" });
}
