import zlib from "node:zlib";
import yauzl from "yauzl";

/**
 * Reading the .zip a college admin uploads for 人物辨识 (the student sheet and its photos) with
 * yauzl (decision 087). What matters is what the usual reading hides: the raw bytes of each file
 * name, because Windows' "send to compressed folder" writes names in the system code page (GBK on
 * a Chinese Windows) without saying so, so names are decoded here; and hard limits checked on the
 * declared sizes before anything is inflated, with yauzl stopping an entry that inflates beyond
 * what it declared, so a zip bomb costs nothing.
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

/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_FLAG = 0x0800;
/** Info-ZIP Unicode Path extra field: a UTF-8 name beside a code-page one (version, CRC, name). */
const UNICODE_PATH = 0x7075;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030");

/**
 * A name's bytes as text: UTF-8 when the flag or an Info-ZIP Unicode Path says so; otherwise UTF-8
 * if the bytes are valid UTF-8 (macOS and 7-Zip write UTF-8 without the flag), else GB18030 (a
 * superset of GBK, what Chinese Windows writes). Chinese names in GBK are almost never valid UTF-8.
 */
export function decodeEntryName(raw: Buffer, flags: number, extraFields: ReadonlyArray<{ id: number; data: Buffer }>): string {
  if (flags & UTF8_FLAG) return raw.toString("utf8");
  const unicode = extraFields.find((field) => field.id === UNICODE_PATH && field.data.length >= 5);
  if (unicode) return unicode.data.toString("utf8", 5);
  try {
    return strictUtf8.decode(raw);
  } catch {
    return gb18030.decode(raw);
  }
}

const open = (archive: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(archive, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );

const entries = (zip: yauzl.ZipFile) =>
  (async function* () {
    for (;;) {
      const next = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once("entry", resolve).once("end", () => resolve(null)).once("error", reject);
        zip.readEntry();
      });
      zip.removeAllListeners("entry").removeAllListeners("end").removeAllListeners("error");
      if (!next) return;
      yield next;
    }
  })();

async function contents(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file of the archive (folders and macOS's __MACOSX/ and ._ companions left out), or a ZipError. */
export async function readZip(archive: Buffer, limits: ZipLimits): Promise<ZipFile[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(archive);
  } catch {
    throw new ZipError("unreadable");
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new ZipError("tooManyEntries");
    const files: ZipFile[] = [];
    let total = 0;
    for await (const entry of entries(zip)) {
      const path = decodeEntryName(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag, entry.extraFields);
      const name = path.slice(path.replace(/\\/g, "/").lastIndexOf("/") + 1);
      if (!name || path.startsWith("__MACOSX/") || name.startsWith("._")) continue;
      if (entry.isEncrypted()) throw new ZipError("encrypted", path);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new ZipError("unsupported", path);
      // Checked on the declared sizes before inflating; yauzl stops an entry that inflates beyond its
      // declared size, so an archive that lies about its sizes cannot get past the limit either.
      if (entry.uncompressedSize > limits.maxEntryBytes) throw new ZipError("entryTooLarge", path);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new ZipError("tooLarge");
      let bytes: Buffer;
      try {
        bytes = await contents(zip, entry);
      } catch (error) {
        throw new ZipError(/too many bytes/.test(String(error)) ? "entryTooLarge" : "unreadable", path);
      }
      // yauzl leaves the checksum to its caller.
      if (zlib.crc32(bytes) !== entry.crc32) throw new ZipError("unreadable", path);
      files.push({ name, path, bytes });
    }
    return files;
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError("unreadable");
  } finally {
    zip.close();
  }
}
