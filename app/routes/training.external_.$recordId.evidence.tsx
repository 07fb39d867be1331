import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";
import { loadExternalRecordAccess } from "~/training/access.server.ts";
import { evidenceOf } from "~/training/evidence.server.ts";

/** The evidence file of an external training record, for whoever may see the record. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadExternalRecordAccess(params.recordId);
  authorize(user, "training-external:view", access.resource);
  const file = await evidenceOf(access.record.id);
  if (!file) throw new Response("Not Found", { status: 404 });
  const extension = file.name.includes(".") ? file.name.slice(file.name.lastIndexOf(".")).replace(/[^.\w]/g, "") : "";
  return fileResponse(file.body, { type: file.mimeType, fileName: file.name, fallbackName: `evidence${extension}` });
}
