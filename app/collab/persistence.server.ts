import { prisma } from "~/db/client.server.ts";

/**
 * Durable storage of document bodies: Document.yState holds the compacted state, DocumentUpdate
 * the increments received since. An increment is acknowledged to its sender only after its row
 * is committed, so whatever a client was told is saved survives a crash of the server.
 */

/** Yjs encodes into ArrayBuffer-backed arrays; Prisma's Bytes type says so explicitly. */
export const bytes = (data: Uint8Array) => data as Uint8Array<ArrayBuffer>;

export interface StoredState {
  state: Uint8Array | null;
  updates: Uint8Array[];
  /** Highest DocumentUpdate id included (0n when none). */
  watermark: bigint;
}

export async function loadStoredState(documentId: string): Promise<StoredState | null> {
  const document = await prisma.document.findUnique({ where: { id: documentId }, select: { yState: true } });
  if (!document) return null;
  const rows = await prisma.documentUpdate.findMany({
    where: { documentId },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });
  return {
    state: document.yState,
    updates: rows.map((row) => row.update),
    watermark: rows.length ? rows[rows.length - 1]!.id : 0n,
  };
}

interface PendingWrite {
  documentId: string;
  update: Uint8Array;
  resolve: (id: bigint) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: increments that arrive while a write is running are written together by the next
 * one (one INSERT for many documents), which keeps acknowledgement latency low under load.
 */
export class UpdateWriter {
  private pending: PendingWrite[] = [];
  private running: Promise<void> | null = null;

  append(documentId: string, update: Uint8Array): Promise<bigint> {
    return new Promise<bigint>((resolve, reject) => {
      this.pending.push({ documentId, update, resolve, reject });
      if (!this.running) this.running = this.drain();
    });
  }

  /** Resolves when everything appended so far has been written (or has failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, 500);
        await this.write(batch);
      }
    } finally {
      this.running = null;
    }
  }

  private async write(batch: PendingWrite[]): Promise<void> {
    try {
      const rows = await prisma.documentUpdate.createManyAndReturn({
        data: batch.map((item) => ({ documentId: item.documentId, update: bytes(item.update) })),
        select: { id: true },
      });
      batch.forEach((item, index) => item.resolve(rows[index]!.id));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad row (e.g. its document was just deleted) must not fail the others.
      for (const item of batch) await this.write([item]);
    }
  }
}

export interface CompactionInput {
  documentId: string;
  state: Uint8Array;
  watermark: bigint;
  plainText: string;
  wordCount: number;
}

/** Folds the increments up to `watermark` into Document.yState and refreshes the searchable text. */
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

export async function recordAuthor(documentId: string, userId: string): Promise<void> {
  await prisma.documentAuthor.createMany({ data: [{ documentId, userId }], skipDuplicates: true });
}

/** Documents with increments not yet folded in (after a crash): compacted at start-up. */
export async function documentsWithPendingUpdates(): Promise<string[]> {
  const rows = await prisma.documentUpdate.groupBy({ by: ["documentId"], orderBy: { documentId: "asc" } });
  return rows.map((row) => row.documentId);
}
