import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/db/client.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { storedFileName } from "~/lib/uploads.server.ts";
import { imageUrl } from "./image-urls.ts";

/**
 * Images in documents. The bytes decide the type (never the file name or the browser's claim):
 * PNG, JPEG and GIF only — what Word, PDF and every browser show; no SVG, which could carry scripts. Files live under
 * <data>/uploads/images, named by their SHA-256 (the same picture twice is stored once).
 */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_PIXELS = 10_000;

const TYPES = [
  { mime: "image/png", ext: "png", test: (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { mime: "image/jpeg", ext: "jpg", test: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: "image/gif", ext: "gif", test: (b: Uint8Array) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
] as const;

export interface CheckedImage {
  bytes: Uint8Array;
  mimeType: string;
  ext: string;
  width: number;
  height: number;
  sha256: string;
}

/** Size, type (by content) and dimensions; throws UserError (400). */
export function checkImage(bytes: Uint8Array): CheckedImage {
  if (bytes.length === 0) throw new UserError("documents.errors.imageEmpty", {}, { status: 400 });
  if (bytes.length > MAX_IMAGE_BYTES) throw new UserError("documents.errors.imageTooLarge", {}, { status: 400 });
  const type = TYPES.find((candidate) => candidate.test(bytes));
  if (!type) throw new UserError("documents.errors.imageType", {}, { status: 400 });
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw new UserError("documents.errors.imageUnreadable", {}, { status: 400 });
  }
  if (!size.width || !size.height || size.width > MAX_PIXELS || size.height > MAX_PIXELS) throw new UserError("documents.errors.imageUnreadable", {}, { status: 400 });
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  return { bytes, mimeType: type.mime, ext: type.ext, width: size.width, height: size.height, sha256 };
}

function storagePathFor(image: CheckedImage): string {
  return path.join("uploads", "images", image.sha256.slice(0, 2), `${image.sha256}.${image.ext}`);
}

function absolute(storagePath: string): string {
  return path.join(getRuntime().dataDir, storagePath);
}

/** Writes the file (outside any transaction: an orphan file is harmless, a missing one is not). */
export function writeImageFile(image: CheckedImage): string {
  const storagePath = storagePathFor(image);
  const file = absolute(storagePath);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, image.bytes);
    fs.renameSync(temporary, file);
  }
  return storagePath;
}

export { imageUrl };

/** Records an image of a document in the caller's transaction; returns its URL and size. */
export async function attachImage(
  tx: Prisma.TransactionClient,
  input: { documentId: string; userId: string; name: string; image: CheckedImage; storagePath: string; fileId?: string },
) {
  const file = await tx.uploadedFile.create({
    data: {
      ...(input.fileId ? { id: input.fileId } : {}),
      name: storedFileName(input.name, `image.${input.image.ext}`),
      mimeType: input.image.mimeType,
      size: input.image.bytes.length,
      sha256: input.image.sha256,
      storagePath: input.storagePath,
      uploadedById: input.userId,
    },
    select: { id: true },
  });
  await tx.documentImage.create({ data: { documentId: input.documentId, fileId: file.id, width: input.image.width, height: input.image.height } });
  return { fileId: file.id, url: imageUrl(input.documentId, file.id), width: input.image.width, height: input.image.height };
}

export async function uploadImage(documentId: string, userId: string, name: string, bytes: Uint8Array) {
  const image = checkImage(bytes);
  const storagePath = writeImageFile(image);
  return prisma.$transaction((tx) => attachImage(tx, { documentId, userId, name, image, storagePath }));
}

/** An image of this document (null when the file is not one of its images). */
export async function findDocumentImage(documentId: string, fileId: string) {
  const link = await prisma.documentImage.findUnique({
    where: { documentId_fileId: { documentId, fileId } },
    select: { width: true, height: true, file: { select: { mimeType: true, storagePath: true, size: true, sha256: true } } },
  });
  if (!link) return null;
  return { ...link.file, width: link.width, height: link.height, path: absolute(link.file.storagePath) };
}

/** Images of a document by URL, for exports (bytes read from disk). */
export async function documentImages(documentId: string) {
  const links = await prisma.documentImage.findMany({
    where: { documentId },
    select: { fileId: true, width: true, height: true, file: { select: { mimeType: true, storagePath: true } } },
  });
  const byUrl = new Map<string, { bytes: Buffer; mimeType: string; width: number; height: number }>();
  for (const link of links) {
    try {
      byUrl.set(imageUrl(documentId, link.fileId), {
        bytes: fs.readFileSync(absolute(link.file.storagePath)),
        mimeType: link.file.mimeType,
        width: link.width,
        height: link.height,
      });
    } catch {
      // A missing file is left out of the export rather than failing it.
    }
  }
  return byUrl;
}
