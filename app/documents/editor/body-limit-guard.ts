import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

/** Lengths of nodes already measured: ProseMirror keeps unchanged nodes, so a keystroke measures one path. */
const measured = new WeakMap<PMNode, number>();

/** The body's text length as documents count it (app/documents/body-limit.ts): characters of its text nodes. */
export function textLength(node: PMNode): number {
  if (node.isText) return node.text?.length ?? 0;
  const known = measured.get(node);
  if (known !== undefined) return known;
  let length = 0;
  node.forEach((child) => {
    length += textLength(child);
  });
  measured.set(node, length);
  return length;
}

export interface BodyLimitOptions {
  maxChars: number;
  /** Told when typing, pasting or dropping was refused. */
  onRefused: () => void;
}

/**
 * The editor's side of the length limit (decision 097): a change of one's own that would make the
 * body longer than `maxChars` is not made (a paste whole or not at all); one that shortens a body
 * already over the limit is. Changes from other people and from the server (Yjs) always pass: the
 * collaboration worker holds those to the limit, and refusing them here would split this editor
 * from the shared document.
 */
export const BodyLimitGuard = Extension.create<BodyLimitOptions>({
  name: "bodyLimitGuard",
  addOptions() {
    return { maxChars: Number.POSITIVE_INFINITY, onRefused: () => {} };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key: new PluginKey("bodyLimitGuard"),
        filterTransaction(transaction, state) {
          if (!transaction.docChanged) return true;
          if ((transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin) return true;
          const after = textLength(transaction.doc);
          if (after <= options.maxChars || after <= textLength(state.doc)) return true;
          options.onRefused();
          return false;
        },
      }),
    ];
  },
});
