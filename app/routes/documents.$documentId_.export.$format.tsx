import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import { exportDocument } from "~/documents/export-response.server.ts";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { authorize } from "~/policy/index.ts";

/** Downloads the document as .docx, .pdf, .md or .html (whoever may read it). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadDocumentAccess(params.documentId!, user);
  if (!access) throw new Response("Not Found", { status: 404 });
  authorize(user, "document:read", access.resource);
  return exportDocument(access.documentId, params.format!, await getFixedT(request), await getLocale(request));
}
