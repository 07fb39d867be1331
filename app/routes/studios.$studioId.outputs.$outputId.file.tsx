import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { fileResponse } from "~/lib/download.server.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { loadOutput, readOutputFile } from "~/studios/outputs.server.ts";

/** The file attached to an output, for those who may see the studio's working material. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const { output, viewerIsAuthor } = await loadOutput(access.studio.id, params.outputId, user.id);
  authorize(user, "output:download", { studio: access.resource, viewerIsAuthor });
  if (!output.file) throw new Response("Not Found", { status: 404 });
  const body = await readOutputFile(output.file).catch(() => null);
  if (!body) throw new Response("Not Found", { status: 404 });
  const extension = output.file.name.includes(".") ? output.file.name.slice(output.file.name.lastIndexOf(".")) : "";
  return fileResponse(body, { type: output.file.mimeType, fileName: output.file.name, fallbackName: `output${extension.replace(/[^.\w]/g, "")}` });
}
