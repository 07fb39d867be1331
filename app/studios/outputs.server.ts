import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Level, OutputType } from "~/generated/prisma/enums.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { storedFileName } from "~/lib/uploads.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { MAX_OUTPUT_FILE_BYTES, OUTPUT_FILE_TYPES } from "./output-files.ts";

export { MAX_OUTPUT_FILE_BYTES, OUTPUT_FILE_TYPES };

/**
 * Outputs (成果): papers, books, projects, cases, culture products, awards, courses. Authors are
 * people of the school (linked to their account) or outside co-authors (name only); an output may
 * point to a studio document or carry an uploaded file.
 */
export const OUTPUTS_PAGE_SIZE = 20;

export async function listOutputs(studioId: string, filters: { year?: number; page: number }) {
  const where = {
    studioId,
    ...(filters.year ? { date: { gte: new Date(Date.UTC(filters.year, 0, 1)), lt: new Date(Date.UTC(filters.year + 1, 0, 1)) } } : {}),
  };
  const [total, outputs] = await Promise.all([
    prisma.output.count({ where }),
    prisma.output.findMany({
      where,
      orderBy: [{ date: "desc" }, { createdAt: "desc" }],
      skip: (filters.page - 1) * OUTPUTS_PAGE_SIZE,
      take: OUTPUTS_PAGE_SIZE,
      select: {
        id: true,
        type: true,
        title: true,
        level: true,
        date: true,
        description: true,
        document: { select: { id: true, title: true } },
        file: { select: { id: true, name: true, size: true } },
        authors: { orderBy: { position: "asc" }, select: { name: true, userId: true } },
      },
    }),
  ]);
  return { total, page: filters.page, pages: Math.max(1, Math.ceil(total / OUTPUTS_PAGE_SIZE)), outputs };
}

/**
 * "张明华、20240001、Smith J." → authors in order: a 工号 or the name of a studio member links the
 * person; anything else is an outside co-author.
 */
export async function resolveAuthors(db: Db, studioId: string, text: string) {
  const names = [...new Set(text.split(/[、,，;；\n]+/).map((s) => s.trim()).filter(Boolean))];
  if (!names.length) throw new UserError("studios.errors.authorsRequired");
  if (names.length > 20) throw new UserError("studios.errors.tooManyAuthors");
  if (names.some((n) => n.length > 50)) throw new UserError("studios.errors.authorNameTooLong");
  const [byUsername, members] = await Promise.all([
    db.user.findMany({ where: { username: { in: names } }, select: { id: true, name: true, username: true } }),
    db.studioMembership.findMany({ where: { studioId, user: { name: { in: names } } }, select: { user: { select: { id: true, name: true } } } }),
  ]);
  return names.map((token, position) => {
    const account = byUsername.find((u) => u.username === token);
    if (account) return { userId: account.id, name: account.name, position };
    const same = members.filter((m) => m.user.name === token);
    if (same.length === 1) return { userId: same[0]!.user.id, name: token, position };
    return { userId: null, name: token, position };
  });
}

export interface OutputInput {
  type: OutputType;
  title: string;
  level: Level;
  date: Date;
  description?: string;
  authors: string;
  documentId?: string;
}

async function storeFile(file: File, uploadedById: string) {
  const extension = path.extname(file.name).toLowerCase();
  const mimeType = OUTPUT_FILE_TYPES[extension];
  if (!mimeType) throw new UserError("studios.errors.badFileType", { types: Object.keys(OUTPUT_FILE_TYPES).join(" ") });
  if (file.size > MAX_OUTPUT_FILE_BYTES) throw new UserError("studios.errors.fileTooLarge", { mb: MAX_OUTPUT_FILE_BYTES / 1024 / 1024 });
  const buffer = Buffer.from(await file.arrayBuffer());
  const relative = path.join("uploads", "outputs", `${crypto.randomUUID()}${extension}`);
  const absolute = path.join(getRuntime().dataDir, relative);
  await fs.mkdir(path.dirname(absolute), { recursive: true });
  await fs.writeFile(absolute, buffer);
  return {
    absolute,
    row: {
      name: storedFileName(file.name),
      mimeType,
      size: buffer.length,
      sha256: crypto.createHash("sha256").update(buffer).digest("hex"),
      storagePath: relative,
      uploadedById,
    },
  };
}

export async function createOutput(studioId: string, input: OutputInput, file: File | undefined, actorId: string): Promise<string> {
  const stored = file && file.size > 0 ? await storeFile(file, actorId) : null;
  try {
    return await prisma.$transaction(async (tx) => {
      const authors = await resolveAuthors(tx, studioId, input.authors);
      if (input.documentId && !(await tx.document.findFirst({ where: { id: input.documentId, studioId }, select: { id: true } }))) {
        throw new UserError("studios.errors.unknownDocument");
      }
      const upload = stored ? await tx.uploadedFile.create({ data: stored.row }) : null;
      const output = await tx.output.create({
        data: {
          studioId,
          type: input.type,
          title: input.title,
          level: input.level,
          date: input.date,
          description: input.description ?? "",
          documentId: input.documentId || null,
          fileId: upload?.id ?? null,
          authors: { createMany: { data: authors } },
        },
      });
      await recordAudit(tx, { actorId, action: "output.create", entityType: "Output", entityId: output.id, data: { studioId, title: input.title, type: input.type } });
      return output.id;
    });
  } catch (error) {
    if (stored) await fs.rm(stored.absolute, { force: true });
    throw error;
  }
}

/** The output with what the policy needs: is the viewer one of its authors? */
export async function loadOutput(studioId: string, outputId: string | undefined, viewerId: string) {
  const output = await prisma.output.findFirst({
    where: { id: outputId ?? "", studioId },
    select: { id: true, title: true, fileId: true, file: true, authors: { select: { userId: true } } },
  });
  if (!output) throw new Response("Not Found", { status: 404 });
  return { output, viewerIsAuthor: output.authors.some((a) => a.userId === viewerId) };
}

export async function deleteOutput(outputId: string, actorId: string) {
  const file = await prisma.$transaction(async (tx) => {
    const output = await tx.output.delete({ where: { id: outputId }, include: { file: true } });
    if (output.file) await tx.uploadedFile.delete({ where: { id: output.file.id } });
    await recordAudit(tx, { actorId, action: "output.delete", entityType: "Output", entityId: outputId, data: { studioId: output.studioId, title: output.title } });
    return output.file;
  });
  if (file) await fs.rm(path.join(getRuntime().dataDir, file.storagePath), { force: true });
}

export async function readOutputFile(file: { storagePath: string }) {
  return fs.readFile(path.join(getRuntime().dataDir, file.storagePath));
}

/** Documents of the studio an output can point to. */
export function studioDocuments(studioId: string) {
  return prisma.document.findMany({ where: { studioId }, orderBy: { updatedAt: "desc" }, take: 100, select: { id: true, title: true, type: true } });
}
