import * as Y from "yjs";

/** The body's Y.XmlFragment (BODY_FIELD of documents/editor/extensions.ts, not imported: the worker stays lean). */
const BODY_FIELD = "default";

/**
 * The body's text length as documents count it (documents/body-limit.ts): the characters of its
 * text nodes. y-prosemirror keeps each text run in a Y.XmlText whose length Yjs maintains, and
 * marks as formatting that does not count; so this is one step per element, not per character.
 */
export function bodyTextLength(doc: Y.Doc): number {
  return lengthOf(doc.getXmlFragment(BODY_FIELD));
}

function lengthOf(type: Y.XmlFragment | Y.XmlElement): number {
  let length = 0;
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) length += child.length;
    else if (child instanceof Y.XmlElement) length += lengthOf(child);
  }
  return length;
}

/** Characters an update inserts at most (text it carries; some of it may already be known or deleted). */
export function insertedChars(update: Uint8Array): number {
  let inserted = 0;
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.parentSub === null && struct.content instanceof Y.ContentString) inserted += struct.content.str.length;
  }
  return inserted;
}

/**
 * Holds a live document to its length limit (decision 097). Checking every change exactly would
 * walk the whole body at every keystroke, so it keeps an upper bound of the length: exact after a
 * measurement, raised by what each accepted change inserts (deletions only make it looser). A
 * change that would take the bound over the limit measures again; one that still seems to go over
 * is tried on a copy of the document, so a replacement that does not lengthen the body passes.
 */
export class BodyLimit {
  private bound: number;

  constructor(
    private readonly doc: Y.Doc,
    readonly maxChars: number,
  ) {
    this.bound = bodyTextLength(doc);
  }

  /** Whether applying `update` (from a person) would make the body longer than allowed. Call before applying. */
  refuses(update: Uint8Array): boolean {
    const inserted = insertedChars(update);
    if (inserted === 0) return false;
    if (this.bound + inserted <= this.maxChars) {
      this.bound += inserted;
      return false;
    }
    const current = bodyTextLength(this.doc);
    this.bound = current;
    if (current + inserted <= this.maxChars) {
      this.bound += inserted;
      return false;
    }
    const copy = new Y.Doc({ gc: false });
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      Y.applyUpdate(copy, update);
      const after = bodyTextLength(copy);
      // A body already over (the limit was lowered) may still be shortened.
      if (after <= this.maxChars || after <= current) {
        this.bound = Math.max(after, current);
        return false;
      }
      return true;
    } finally {
      copy.destroy();
    }
  }
}
