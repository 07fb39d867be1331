import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import { getRuntime } from "~/infra/runtime.server.ts";

/**
 * Students' photos for 人物辨识: personal data, so they live in one directory per camp
 * (uploads/camp-identification/<campId>/, decision 080), which archiving removes whole. The bytes
 * decide the type (JPEG, PNG or WebP — what phones and cameras produce and every browser shows;
 * never SVG), not the file name.
 */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const MAX_PIXELS = 12_000;

const TYPES = [
  { mime: "image/jpeg", ext: "jpg", test: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: "image/png", ext: "png", test: (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  {
    mime: "image/webp",
    ext: "webp",
    test: (b: Uint8Array) => Buffer.from(b.subarray(0, 4)).toString("latin1") === "RIFF" && Buffer.from(b.subarray(8, 12)).toString("latin1") === "WEBP",
  },
] as const;

export type PhotoProblem = "photoEmpty" | "photoTooLarge" | "photoType" | "photoUnreadable";

export interface CheckedPhoto {
  bytes: Buffer;
  mimeType: string;
  ext: string;
  sha256: string;
}

/** The photo's type by its content, or what is wrong with it. */
export function checkPhoto(bytes: Buffer): CheckedPhoto | { problem: PhotoProblem } {
  if (bytes.length === 0) return { problem: "photoEmpty" };
  if (bytes.length > MAX_PHOTO_BYTES) return { problem: "photoTooLarge" };
  const type = TYPES.find((candidate) => candidate.test(bytes));
  if (!type) return { problem: "photoType" };
  try {
    const size = imageSize(bytes);
    if (!size.width || !size.height || size.width > MAX_PIXELS || size.height > MAX_PIXELS) return { problem: "photoUnreadable" };
  } catch {
    return { problem: "photoUnreadable" };
  }
  return { bytes, mimeType: type.mime, ext: type.ext, sha256: crypto.createHash("sha256").update(bytes).digest("hex") };
}

/** The camp's photo directory, relative to the data directory. */
export const campPhotoDirectory = (campId: string) => path.join("uploads", "camp-identification", campId);

export const absolutePath = (storagePath: string) => path.join(getRuntime().dataDir, storagePath);

/** Writes a photo under the camp's directory (before the rows: a file left over is harmless, a row without its file is not). */
export async function writePhoto(campId: string, photo: CheckedPhoto): Promise<string> {
  const storagePath = path.join(campPhotoDirectory(campId), `${crypto.randomUUID()}.${photo.ext}`);
  const file = absolutePath(storagePath);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, photo.bytes);
  return storagePath;
}

export async function removeFiles(storagePaths: readonly string[]): Promise<void> {
  await Promise.all(storagePaths.map((storagePath) => fs.rm(absolutePath(storagePath), { force: true })));
}

/** Removes a camp's whole photo directory (archive, and the start-up sweep after it). */
export async function removeCampPhotoDirectory(campId: string): Promise<void> {
  await fs.rm(absolutePath(campPhotoDirectory(campId)), { recursive: true, force: true });
}
