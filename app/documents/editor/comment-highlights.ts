import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/**
 * Comment anchors: a thread remembers its text range as two Yjs relative positions, which keep
 * pointing at the same characters while anyone edits around them. This extension paints the
 * ranges of open threads and tells the page which thread was clicked.
 */
export interface AnchoredThread {
  id: string;
  anchor: { from: unknown; to: unknown };
}

export interface CommentHighlightsStorage {
  threads: AnchoredThread[];
  activeId: string | null;
}

export const commentHighlightsKey = new PluginKey<DecorationSet>("commentHighlights");

function yState(state: EditorState) {
  const sync = ySyncPluginKey.getState(state) as { doc: Y.Doc; type: Y.XmlFragment; binding?: { mapping: Map<unknown, unknown> } } | undefined;
  return sync?.binding ? sync : null;
}

function decorations(state: EditorState, storage: CommentHighlightsStorage): DecorationSet {
  const sync = yState(state);
  if (!sync) return DecorationSet.empty;
  const found: Decoration[] = [];
  for (const thread of storage.threads) {
    try {
      const from = relativePositionToAbsolutePosition(sync.doc, sync.type, Y.createRelativePositionFromJSON(thread.anchor.from), sync.binding!.mapping as never);
      const to = relativePositionToAbsolutePosition(sync.doc, sync.type, Y.createRelativePositionFromJSON(thread.anchor.to), sync.binding!.mapping as never);
      if (from === null || to === null || to <= from || to > state.doc.content.size) continue;
      found.push(
        Decoration.inline(
          from,
          to,
          {
            class: thread.id === storage.activeId ? "comment-highlight comment-highlight--active" : "comment-highlight",
            "data-comment-id": thread.id,
          },
          { commentId: thread.id },
        ),
      );
    } catch {
      // An anchor from another document state: nothing to paint.
    }
  }
  return DecorationSet.create(state.doc, found);
}

/** The current selection as an anchor and its text, or null when nothing is selected. */
export function selectionAnchor(state: EditorState): { anchor: { from: unknown; to: unknown }; quote: string } | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const sync = yState(state);
  if (!sync) return null;
  const quote = state.doc.textBetween(from, to, " ").replace(/\s+/g, " ").trim();
  if (!quote) return null;
  const mapping = sync.binding!.mapping as never;
  return {
    anchor: {
      from: Y.relativePositionToJSON(absolutePositionToRelativePosition(from, sync.type, mapping)),
      to: Y.relativePositionToJSON(absolutePositionToRelativePosition(to, sync.type, mapping)),
    },
    quote: quote.length > 200 ? `${quote.slice(0, 199)}…` : quote,
  };
}

export const CommentHighlights = Extension.create<{ onActivate: (id: string) => void }, CommentHighlightsStorage>({
  name: "commentHighlights",
  addOptions() {
    return { onActivate: () => {} };
  },
  addStorage() {
    return { threads: [], activeId: null };
  },
  addProseMirrorPlugins() {
    const storage = this.storage;
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, previous, _oldState, newState) {
            if (tr.getMeta(commentHighlightsKey) || tr.docChanged || tr.getMeta(ySyncPluginKey)) return decorations(newState, storage);
            return previous.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state),
          handleClick(view, pos) {
            const set = commentHighlightsKey.getState(view.state);
            const hit = set?.find(pos, pos)[0];
            const commentId = (hit?.spec as { commentId?: string } | undefined)?.commentId;
            if (commentId) options.onActivate(commentId);
            return false;
          },
        },
      }),
    ];
  },
});
