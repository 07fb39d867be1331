import * as Y from "yjs";
import { isOwnImageUrl } from "../../documents/image-urls.ts";

/** Marks a transaction in which pictures were taken out, so that its sender is told as well. */
export const FOREIGN_IMAGES_REMOVED = Symbol("foreign images removed");

/** The body's Y.XmlFragment (BODY_FIELD of documents/editor/extensions.ts, not imported: the worker stays lean). */
const BODY_FIELD = "default";

const isImage = (type: unknown): type is Y.XmlElement => type instanceof Y.XmlElement && type.nodeName === "image";

/**
 * Takes out, inside the running transaction, every picture the transaction added or re-pointed
 * whose source is not one of the document's own uploads (see image-urls.ts): a new image element,
 * or a new "src" on an existing one. Only what the transaction integrated is looked at (the
 * structs past its before-state): per change, one step per client of the document — what Yjs
 * itself spends on the transaction's state vector — plus a glance at the new structs.
 * The picture goes in the same transaction as it came, so the update that is stored and relayed
 * never shows it to anyone (its content is garbage-collected before the update is encoded).
 * Returns how many pictures were taken out.
 */
export function removeForeignImages(transaction: Y.Transaction, documentId: string): number {
  // Until asked for by name, a root type is untyped and its children cannot be deleted by index.
  transaction.doc.getXmlFragment(BODY_FIELD);
  const candidates = new Set<Y.XmlElement>();
  for (const [client, structs] of transaction.doc.store.clients) {
    const before = transaction.beforeState.get(client) ?? 0;
    for (let i = structs.length - 1; i >= 0; i--) {
      const struct = structs[i]!;
      if (struct.id.clock + struct.length <= before) break;
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      if (struct.content instanceof Y.ContentType && isImage(struct.content.type)) candidates.add(struct.content.type);
      else if (struct.parentSub === "src" && isImage(struct.parent)) candidates.add(struct.parent);
    }
  }
  let removed = 0;
  for (const image of candidates) {
    const src = image.getAttribute("src");
    if (src === undefined || isOwnImageUrl(documentId, src) || image._item?.deleted) continue;
    const parent = image.parent;
    if (!(parent instanceof Y.XmlFragment)) continue; // outside the body: never rendered
    const index = parent.toArray().indexOf(image);
    if (index < 0) continue;
    parent.delete(index, 1);
    removed++;
  }
  if (removed) transaction.meta.set(FOREIGN_IMAGES_REMOVED, true);
  return removed;
}
