import fs from "node:fs";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import { findDocumentImage } from "~/documents/images.server.ts";
import { authorize } from "~/policy/index.ts";

/** An image of a document, for whoever may read the document. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadDocumentAccess(params.documentId!, user);
  if (!access) throw new Response("Not Found", { status: 404 });
  authorize(user, "document:read", access.resource);
  const image = await findDocumentImage(access.documentId, params.fileId!);
  if (!image || !fs.existsSync(image.path)) throw new Response("Not Found", { status: 404 });
  const etag = `"${image.sha256}"`;
  const headers = {
    "Content-Type": image.mimeType,
    "Cache-Control": "private, max-age=86400",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(image.path)), { headers: { ...headers, "Content-Length": String(image.size) } });
}
