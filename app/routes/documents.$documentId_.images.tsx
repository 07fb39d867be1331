import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import { MAX_IMAGE_BYTES, uploadImage } from "~/documents/images.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { authorize } from "~/policy/index.ts";

/**
 * POST an image (field "image") into a document; answers its URL and size (editor only).
 * A resource route: plain Response.json, because single fetch drops the status of data() here.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getFixedT(request);
  const access = await loadDocumentAccess(params.documentId!, user);
  if (!access) throw new Response("Not Found", { status: 404 });
  authorize(user, "document:edit", access.resource);
  let form: FormData;
  try {
    form = await readUploadForm(request, { maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return Response.json({ error: t("documents.errors.imageTooLarge") }, { status: 413 });
    return Response.json({ error: t("kit.uploadUnreadable") }, { status: 400 });
  }
  const file = form.get("image");
  if (!(file instanceof File)) return Response.json({ error: t("documents.errors.imageEmpty") }, { status: 400 });
  try {
    const image = await uploadImage(access.documentId, user.id, file.name, new Uint8Array(await file.arrayBuffer()));
    return Response.json(image);
  } catch (error) {
    if (isUserError(error)) return Response.json({ error: translateKey(t, error.key, error.params) }, { status: error.status });
    throw error;
  }
}
