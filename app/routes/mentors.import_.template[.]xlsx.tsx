import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { attachmentDisposition } from "~/lib/download.server.ts";
import { buildTemplate } from "~/mentors/import.server.ts";
import { authorize } from "~/policy/index.ts";

/** The import template as a download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentor:curate", null);
  const body = await buildTemplate();
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentDisposition("导师导入模板.xlsx", "mentors-template.xlsx"),
      "Cache-Control": "no-store",
    },
  });
}
