import crypto from "node:crypto";
import type { DocumentStatus, DocumentType } from "~/generated/prisma/enums.ts";

/**
 * Helpers for search tests. Documents are written straight into the database (the documents
 * feature owns their editor), with plainText, as the documents feature keeps it.
 */

export interface NewDocument {
  studioId: string;
  title: string;
  plainText?: string;
  type?: DocumentType;
  status?: DocumentStatus;
  tags?: string[];
  createdById: string;
  authorIds?: string[];
  createdAt?: Date;
  updatedAt?: Date;
}

export async function createDocument(doc: NewDocument): Promise<string> {
  const { prisma } = await import("~/db/client.server.ts");
  const id = crypto.randomUUID();
  await prisma.$transaction(async (tx) => {
    await tx.document.create({
      data: {
        id,
        studioId: doc.studioId,
        title: doc.title,
        plainText: doc.plainText ?? "",
        type: doc.type ?? "RESEARCH_NOTE",
        status: doc.status ?? "DRAFT",
        tags: doc.tags ?? [],
        createdById: doc.createdById,
        ...(doc.createdAt ? { createdAt: doc.createdAt } : {}),
        ...(doc.updatedAt ? { updatedAt: doc.updatedAt } : {}),
      },
    });
    const authors = doc.authorIds ?? [doc.createdById];
    if (authors.length) await tx.documentAuthor.createMany({ data: authors.map((userId) => ({ documentId: id, userId })) });
  });
  return id;
}
