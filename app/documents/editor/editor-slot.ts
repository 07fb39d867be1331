import type { AccessInfo, DocEventKind } from "../live.ts";
import type { AnchoredThread } from "./comment-highlights.ts";

/**
 * The editor's place on the document page. The page does not import an editor: the route hands
 * it one (the co-authoring editor, app/collab/collab-editor.tsx), so documents need nothing of
 * the collaboration feature (decision 052).
 */
export interface DocumentEditorProps {
  documentId: string;
  user: { id: string; name: string };
  /**
   * Server-rendered body, shown until the live editor is ready (and without JavaScript); empty in
   * the browser, where hydration keeps the server's markup (decision 099).
   */
  initialHtml: string;
  /** The longest body in characters (the school's setting, decision 097). */
  maxChars: number;
  threads: AnchoredThread[];
  activeThreadId: string | null;
  onActivateThread: (id: string) => void;
  onSelection: (selection: SelectionInfo | null) => void;
  onDocEvent: (kind: DocEventKind) => void;
  onAccess: (access: AccessInfo) => void;
}

/** The text a person selected, to anchor a new comment to. */
export interface SelectionInfo {
  anchor: { from: unknown; to: unknown };
  quote: string;
}

/** Where the route hands the document's server-rendered body to the page (useServerHtml). */
export const bodyHtmlKey = (documentId: string) => `document-body:${documentId}`;
