import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

const LIST_ITEMS = ["listItem", "taskItem"];
const TABLE_CELLS = ["tableCell", "tableHeader"];

/**
 * Tab never changes a shared document unasked. Tiptap's own bindings sink a list item, merge a
 * paragraph into the list above it (ListKeymap) and add a table row at the last cell, and a key
 * pressed on a task's checkbox acts on the text where the cursor last was. Here Tab and Shift+Tab
 * indent or outdent a list item where that is possible (as Outline and Docmost do) and move
 * between table cells; anywhere else they do what they do on every page: move focus to the next or
 * previous control. Keys pressed on a control inside the body belong to that control.
 *
 * It works on the DOM event, before ProseMirror's keymaps: a handler that returns true there keeps
 * ProseMirror away from the event without cancelling it, so the browser moves focus itself.
 */
export const TabMovesFocus = Extension.create({
  name: "tabMovesFocus",
  // Ahead of every other extension's plugins.
  priority: 1000,

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey("tabMovesFocus"),
        props: {
          handleDOMEvents: {
            keydown: (view, event) => {
              if (event.target !== view.dom) return true;
              if (event.key !== "Tab" || event.ctrlKey || event.metaKey || event.altKey || view.composing) return false;
              // A caret just placed by a click or a key reaches the editor's state on the next
              // selectionchange: read it now (ProseMirror's internal DOM observer, as its own key
              // handling does), so that the decision is about where the caret really is.
              const observer = (view as unknown as { domObserver?: { forceFlush(): void; flush(): void } }).domObserver;
              observer?.forceFlush();
              observer?.flush();
              if (view.editable && tabInsideTheBody(editor, event.shiftKey)) event.preventDefault();
              return true;
            },
            keypress: (view, event) => event.target !== view.dom,
            // Toggling a task with Space: the task item's handler gives focus back to the text one
            // frame later (right for a click, which never leaves the text); the keyboard's place is
            // on the checkbox, so Tab goes on to the next one.
            change: (view, event) => {
              const box = event.target;
              if (box instanceof HTMLInputElement && box !== view.dom && box.ownerDocument.activeElement === box) {
                requestAnimationFrame(() => box.isConnected && box.focus());
              }
              return false;
            },
          },
        },
      }),
    ];
  },
});

/**
 * Tab's work inside the body, by the innermost list item or table cell around the cursor; false
 * (nothing done) where focus is to move on. Shift+Tab outdents only a nested item: at the top
 * level it would turn the item into a paragraph.
 */
function tabInsideTheBody(editor: Editor, backwards: boolean): boolean {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const name = $from.node(depth).type.name;
    if (LIST_ITEMS.includes(name)) {
      if (!backwards) return editor.commands.sinkListItem(name);
      const nested = depth > 2 && LIST_ITEMS.includes($from.node(depth - 2).type.name);
      return nested && editor.commands.liftListItem(name);
    }
    if (TABLE_CELLS.includes(name)) return backwards ? editor.commands.goToPreviousCell() : editor.commands.goToNextCell();
  }
  return false;
}
