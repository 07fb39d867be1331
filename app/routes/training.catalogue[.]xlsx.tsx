import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse, XLSX_TYPE } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";
import { exportCatalogue } from "~/training/catalogue-io.server.ts";

/** The catalogue the viewer may see (list scope training-course:view), in the import's columns; `?year=` narrows it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:browse", null);
  const year = Number(new URL(request.url).searchParams.get("year"));
  const body = await exportCatalogue(user, Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {});
  return fileResponse(body, { type: XLSX_TYPE, fileName: "培训项目目录.xlsx", fallbackName: "training-catalogue.xlsx" });
}
