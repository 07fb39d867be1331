import type { JSONContent } from "@tiptap/core";

/**
 * How long a document's body may be (decision 097): characters of its text, counted the same way
 * everywhere — the import (Tiptap JSON), the editor (ProseMirror) and the collaboration worker
 * (Yjs) all add up the text of the body's text nodes (UTF-16 code units, as `String.length`),
 * without line breaks between paragraphs or picture descriptions. The number is a school setting
 * (`documentMaxChars`, /admin/settings).
 */
export const DOCUMENT_MAX_CHARS = {
  /** About 1 MB of text: a long thesis is a fifth of it. */
  default: 1_000_000,
  lowest: 1_000,
  highest: 5_000_000,
} as const;

/** From this share of the limit on, the editor warns that the end is near. */
export const NEAR_LIMIT_SHARE = 0.9;

/** The text length of a body in Tiptap JSON. */
export function jsonTextLength(node: JSONContent): number {
  let length = node.type === "text" ? (node.text?.length ?? 0) : 0;
  for (const child of node.content ?? []) length += jsonTextLength(child);
  return length;
}

/** A count as people write it in Chinese and English alike: 1,000,000. */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}
