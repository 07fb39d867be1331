import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { prisma } from "~/db/client.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { storedFileName } from "~/lib/uploads.server.ts";
import { recordExternalTraining } from "./external.server.ts";
import type { ExternalRecordInput } from "./schemas.ts";

/**
 * Evidence of external training (结业证书, 学时证明): the file is written under the data directory,
 * then its UploadedFile row and the record in one transaction; the file goes again if that fails.
 * The person's own file name is kept whole (any characters), only its extension decides the type.
 */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_FILE_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export async function recordWithEvidence(input: Omit<ExternalRecordInput, "evidenceFileId">, file: File | undefined, actorId: string): Promise<string> {
  if (!file || file.size === 0) throw new UserError("training.errors.evidenceRequired", {}, { status: 400 });
  const extension = path.extname(file.name).toLowerCase();
  const mimeType = EVIDENCE_FILE_TYPES[extension];
  if (!mimeType) throw new UserError("training.external.badFileType", { types: Object.keys(EVIDENCE_FILE_TYPES).join(" ") }, { status: 400 });
  if (file.size > MAX_EVIDENCE_BYTES) throw new UserError("training.external.fileTooLarge", { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }, { status: 413 });
  const buffer = Buffer.from(await file.arrayBuffer());
  const relative = path.join("uploads", "training-evidence", `${crypto.randomUUID()}${extension}`);
  const absolute = path.join(getRuntime().dataDir, relative);
  await fs.mkdir(path.dirname(absolute), { recursive: true });
  await fs.writeFile(absolute, buffer);
  try {
    return await prisma.$transaction(async (tx) => {
      const upload = await tx.uploadedFile.create({
        data: {
          name: storedFileName(file.name),
          mimeType,
          size: buffer.length,
          sha256: crypto.createHash("sha256").update(buffer).digest("hex"),
          storagePath: relative,
          uploadedById: actorId,
        },
        select: { id: true },
      });
      return recordExternalTraining({ ...input, evidenceFileId: upload.id }, actorId, { tx });
    });
  } catch (error) {
    await fs.rm(absolute, { force: true });
    throw error;
  }
}

/** The evidence of a record (authorise "training-external:view" first): its file row and bytes, or null. */
export async function evidenceOf(recordId: string) {
  const record = await prisma.externalTrainingRecord.findUnique({ where: { id: recordId }, select: { evidence: { select: { name: true, mimeType: true, storagePath: true } } } });
  if (!record?.evidence) return null;
  const body = await fs.readFile(path.join(getRuntime().dataDir, record.evidence.storagePath)).catch(() => null);
  return body ? { ...record.evidence, body } : null;
}
