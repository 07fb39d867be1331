import { prisma } from "~/db/client.server.ts";

/**
 * Durable storage of document bodies: Document.yState holds the compacted state, DocumentUpdate
 * the increments received since (appended by the collaboration worker, app/collab/worker/update-log.ts).
 * This is the app's side: loading, compaction, and finding increments left by a crash.
 */

/** A body as stored: the compacted state and the increments appended since. */
export interface StoredState {
  state: Uint8Array | null;
  updates: Uint8Array[];
  /** Highest DocumentUpdate id included (0n when none). */
  watermark: bigint;
}

/** Yjs encodes into ArrayBuffer-backed arrays; Prisma's Bytes type says so explicitly. */
export const bytes = (data: Uint8Array) => data as Uint8Array<ArrayBuffer>;

/**
 * Both reads see one snapshot: a compaction committing between them would otherwise leave the
 * state from before it and the increments from after it — the folded-in edits in neither.
 */
export async function loadStoredState(documentId: string): Promise<StoredState | null> {
  const [document, rows] = await prisma.$transaction(
    [
      prisma.document.findUnique({ where: { id: documentId }, select: { yState: true } }),
      prisma.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" }, select: { id: true, update: true } }),
    ],
    { isolationLevel: "RepeatableRead" },
  );
  if (!document) return null;
  return {
    state: document.yState,
    updates: rows.map((row) => row.update),
    watermark: rows.length ? rows[rows.length - 1]!.id : 0n,
  };
}

export interface CompactionInput {
  documentId: string;
  state: Uint8Array;
  watermark: bigint;
  /** The searchable text, when it is to be refreshed (a change of it re-indexes the document). */
  plainText?: string;
  wordCount?: number;
}

/** Folds the increments up to `watermark` into Document.yState, and refreshes the text when given. */
export async function compact(input: CompactionInput): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.document.updateMany({
      where: { id: input.documentId },
      data: { yState: bytes(input.state), plainText: input.plainText, wordCount: input.wordCount },
    });
    if (!count) return false;
    await tx.documentUpdate.deleteMany({ where: { documentId: input.documentId, id: { lte: input.watermark } } });
    return true;
  });
}

/** Documents with increments not yet folded in (after a crash): compacted at start-up. */
export async function documentsWithPendingUpdates(): Promise<string[]> {
  const rows = await prisma.documentUpdate.groupBy({ by: ["documentId"], orderBy: { documentId: "asc" } });
  return rows.map((row) => row.documentId);
}
