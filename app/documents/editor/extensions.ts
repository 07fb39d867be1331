import type { AnyExtension } from "@tiptap/core";
import Highlight from "@tiptap/extension-highlight";
import Image from "@tiptap/extension-image";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { LINK_PROTOCOLS } from "../links.ts";

/**
 * The document schema, shared by the editor in the browser and the server (plain text, word
 * count, import, export, templates, versions). Changing it changes what stored documents may
 * contain: add, never remove, node types.
 *
 * Collaboration replaces undo/redo (Yjs keeps its own history per person), so the starter kit's
 * undo is off; opening a document never changes it (no trailing paragraph); links open in a new
 * tab and only with safe protocols. The editor names each task's checkbox in the person's
 * language (`taskCheckboxLabel`, given the task's own line of text).
 */
export function documentExtensions({ taskCheckboxLabel }: { taskCheckboxLabel?: (task: string, checked: boolean) => string } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      // It appends an empty paragraph to a body that ends in a list, table or heading as soon as
      // an editor opens it: a silent edit of a shared document (and a new version) by whoever
      // opens it first. The gap cursor and Enter reach the end without it.
      trailingNode: false,
      heading: { levels: [1, 2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: LINK_PROTOCOLS,
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
      },
    }),
    TaskList,
    TaskItem.configure({
      nested: true,
      // The item's first paragraph: its whole text would include the tasks nested under it.
      a11y: taskCheckboxLabel ? { checkboxLabel: (node, checked) => taskCheckboxLabel(node.firstChild?.textContent ?? "", checked) } : undefined,
    }),
    TableKit.configure({ table: { resizable: false } }),
    Highlight,
    Image.configure({ inline: false, allowBase64: false }),
  ];
}

/** Name of the Y.XmlFragment holding the body (Tiptap's Collaboration default). */
export const BODY_FIELD = "default";
