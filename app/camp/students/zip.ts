import zlib from "node:zlib";

/**
 * Reading the .zip a college admin uploads for 人物辨识 (the student sheet and its photos), written
 * out here rather than taken from a package (decision 087): what matters is what a general zip
 * library hides — the raw bytes of each file name, because Windows' "send to compressed folder"
 * writes names in the system code page (GBK on a Chinese Windows) without saying so, and hard
 * limits checked before anything is inflated, so a zip bomb costs nothing. Only what those tools
 * write is read: stored or deflated entries, no encryption, no zip64, no multi-disk archives.
 */

export interface ZipLimits {
  /** Entries in the archive (folders included). */
  maxEntries: number;
  /** The bytes one file may inflate to. */
  maxEntryBytes: number;
  /** The bytes all files together may inflate to. */
  maxTotalBytes: number;
}

export interface ZipFile {
  /** The name as the person sees it, folders dropped ("照片/张三.jpg" → "张三.jpg"). */
  name: string;
  /** The path inside the archive, decoded. */
  path: string;
  bytes: Buffer;
}

export type ZipProblem = "unreadable" | "encrypted" | "tooManyEntries" | "entryTooLarge" | "tooLarge" | "unsupported";

export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    readonly entry?: string,
  ) {
    super(`zip: ${problem}${entry ? ` (${entry})` : ""}`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_FLAG = 0x0800;
/** Info-ZIP Unicode Path extra field: a UTF-8 name beside a code-page one. */
const UNICODE_PATH = 0x7075;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030");

/**
 * A name's bytes as text: UTF-8 when the flag or an Info-ZIP Unicode Path says so; otherwise UTF-8
 * if the bytes are valid UTF-8 (macOS and 7-Zip write UTF-8 without the flag), else GB18030 (a
 * superset of GBK, what Chinese Windows writes). Chinese names in GBK are almost never valid UTF-8.
 */
export function decodeEntryName(raw: Buffer, flags: number, extra: Buffer): string {
  if (flags & UTF8_FLAG) return raw.toString("utf8");
  const unicode = unicodePathOf(extra);
  if (unicode !== null) return unicode;
  try {
    return strictUtf8.decode(raw);
  } catch {
    return gb18030.decode(raw);
  }
}

function unicodePathOf(extra: Buffer): string | null {
  let offset = 0;
  while (offset + 4 <= extra.length) {
    const id = extra.readUInt16LE(offset);
    const size = extra.readUInt16LE(offset + 2);
    if (id === UNICODE_PATH && size >= 5 && offset + 4 + size <= extra.length) return extra.toString("utf8", offset + 9, offset + 4 + size);
    offset += 4 + size;
  }
  return null;
}

/** Every file of the archive (folders and macOS's __MACOSX/ and ._ companions left out), or a ZipError. */
export function readZip(archive: Buffer, limits: ZipLimits): ZipFile[] {
  const eocd = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(eocd + 10);
  const directoryOffset = archive.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError("unsupported");
  if (count > limits.maxEntries) throw new ZipError("tooManyEntries");

  const files: ZipFile[] = [];
  let total = 0;
  let offset = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > archive.length || archive.readUInt32LE(offset) !== CENTRAL) throw new ZipError("unreadable");
    const flags = archive.readUInt16LE(offset + 8);
    const method = archive.readUInt16LE(offset + 10);
    const crc = archive.readUInt32LE(offset + 16);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const nameEnd = offset + 46 + nameLength;
    if (nameEnd + extraLength > archive.length) throw new ZipError("unreadable");
    const path = decodeEntryName(archive.subarray(offset + 46, nameEnd), flags, archive.subarray(nameEnd, nameEnd + extraLength));
    offset = nameEnd + extraLength + commentLength;

    const name = path.slice(path.replace(/\\/g, "/").lastIndexOf("/") + 1);
    if (!name || path.startsWith("__MACOSX/") || name.startsWith("._")) continue;
    if (flags & 0x0001) throw new ZipError("encrypted", path);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new ZipError("unsupported", path);
    // The sizes the archive declares are checked before inflating; inflating is capped at them too,
    // so an archive that lies about its sizes cannot inflate beyond the limit either.
    if (size > limits.maxEntryBytes) throw new ZipError("entryTooLarge", path);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipError("tooLarge");

    if (localOffset + 30 > archive.length || archive.readUInt32LE(localOffset) !== LOCAL) throw new ZipError("unreadable", path);
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw new ZipError("unreadable", path);
    let bytes: Buffer;
    if (method === 0) bytes = Buffer.from(data);
    else if (method === 8) {
      try {
        bytes = zlib.inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      } catch (error) {
        throw new ZipError((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ? "entryTooLarge" : "unreadable", path);
      }
    } else throw new ZipError("unsupported", path);
    if (bytes.length !== size || zlib.crc32(bytes) !== crc) throw new ZipError("unreadable", path);
    files.push({ name, path, bytes });
  }
  return files;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65 535 bytes, at the very end.
  const earliest = Math.max(0, archive.length - 22 - 0xffff);
  for (let offset = archive.length - 22; offset >= earliest; offset--) {
    if (archive.readUInt32LE(offset) === EOCD) return offset;
  }
  throw new ZipError("unreadable");
}
