import type { JSONContent } from "@tiptap/core";

/**
 * The only pictures a document shows are its own uploads, served by the app under the document's
 * URL (readers need the document's access to load them). Anything else — another site, another
 * document's picture — would make every reader's browser fetch it: a tracking pixel at best.
 * Shared by the app and the collaboration worker, so it imports nothing at run time.
 */
export const imageUrl = (documentId: string, fileId: string) => `/documents/${documentId}/images/${fileId}`;

export function isOwnImageUrl(documentId: string, src: unknown): boolean {
  if (typeof src !== "string") return false;
  const prefix = imageUrl(documentId, "");
  return src.startsWith(prefix) && /^[A-Za-z0-9_-]{1,64}$/.test(src.slice(prefix.length));
}

/** The body without pictures from elsewhere (for rendering a body stored before they were refused). */
export function ownImagesOnly(json: JSONContent, documentId: string): JSONContent {
  if (!json.content) return json;
  const content = json.content.filter((child) => child.type !== "image" || isOwnImageUrl(documentId, child.attrs?.src)).map((child) => ownImagesOnly(child, documentId));
  return { ...json, content: content.length || !json.content.length ? content : [{ type: "paragraph" }] };
}
