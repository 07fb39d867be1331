/**
 * What the live copy of a document tells the page while it is open (the collaboration channel
 * carries it, app/collab/protocol.ts): who may edit now, and which panel's data changed.
 */

/** Sent at connection and whenever the person's rights change (review locks the text, membership changes). */
export interface AccessInfo {
  canEdit: boolean;
  status: string;
}

/** A panel's data changed (refresh it), or the document was deleted. */
export type DocEventKind = "comments" | "status" | "versions" | "details" | "deleted";
