import { getSchema, type JSONContent } from "@tiptap/core";
import type { Node as PMNode, Schema } from "@tiptap/pm/model";
import { prosemirrorJSONToYDoc, updateYFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { singleton } from "~/infra/runtime.server.ts";
import { BODY_FIELD, documentExtensions } from "./editor/extensions.ts";
import { countWords } from "./word-count.ts";

/** Server-side view of document bodies: Yjs state ⇄ ProseMirror JSON ⇄ plain text. */
export function documentSchema(): Schema {
  return singleton("documentSchema", () => getSchema(documentExtensions()));
}

export function extensions() {
  return singleton("documentExtensionList", () => documentExtensions());
}

export const EMPTY_DOCUMENT: JSONContent = { type: "doc", content: [{ type: "paragraph" }] };

/** The body of a Y.Doc as a ProseMirror node of our schema (content the schema rejects is dropped). */
export function bodyNode(doc: Y.Doc): PMNode {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(BODY_FIELD), documentSchema());
}

export function stateToDoc(state: Uint8Array | null | undefined): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.length) Y.applyUpdate(doc, state);
  return doc;
}

export function stateToJSON(state: Uint8Array | null | undefined): JSONContent {
  const doc = stateToDoc(state);
  try {
    return bodyNode(doc).toJSON() as JSONContent;
  } finally {
    doc.destroy();
  }
}

/** A fresh Yjs state holding `json` (templates, imports, seed). */
export function jsonToState(json: JSONContent): Uint8Array<ArrayBuffer> {
  const node = documentSchema().nodeFromJSON(json);
  node.check();
  const doc = prosemirrorJSONToYDoc(documentSchema(), node.toJSON(), BODY_FIELD);
  try {
    return Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>;
  } finally {
    doc.destroy();
  }
}

/**
 * Replaces the body of a live Y.Doc with `json` as a minimal change (unchanged paragraphs keep
 * their identity, so comments anchored in them survive). Call inside doc.transact.
 */
export function replaceBody(doc: Y.Doc, json: JSONContent): void {
  const node = documentSchema().nodeFromJSON(json);
  updateYFragment(doc, doc.getXmlFragment(BODY_FIELD), node, { mapping: new Map(), isOMark: new Map() });
}

/** Plain text: one line per paragraph, heading, list item or table cell; image descriptions kept. */
export function plainTextOf(node: PMNode): string {
  const lines: string[] = [];
  node.descendants((child) => {
    if (child.isTextblock) {
      lines.push(child.textContent);
      return false;
    }
    if (child.type.name === "image") {
      const alt = (child.attrs.alt as string | null) ?? "";
      if (alt) lines.push(alt);
      return false;
    }
    return true;
  });
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** Plain text and word count of a stored body (compaction keeps them beside the state). */
export function textStats(state: Uint8Array): { plainText: string; wordCount: number } {
  const doc = stateToDoc(state);
  try {
    const plainText = plainTextOf(bodyNode(doc));
    return { plainText, wordCount: countWords(plainText) };
  } finally {
    doc.destroy();
  }
}

export function jsonStats(json: JSONContent): { plainText: string; wordCount: number } {
  const plainText = plainTextOf(documentSchema().nodeFromJSON(json));
  return { plainText, wordCount: countWords(plainText) };
}
