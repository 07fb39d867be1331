import zlib from "node:zlib";

/**
 * A .zip as the tools people use write them, for tests of uploads: names as raw bytes (so a test
 * can write GBK names without the UTF-8 flag, as Windows' compressed folders do), deflated or
 * stored, and sizes that may lie (a zip bomb that claims to be small).
 */
export interface ZipEntryInput {
  /** The name: a string (written as UTF-8, flagged unless `utf8Flag: false`) or raw bytes (no flag). */
  name: string | Buffer;
  bytes: Buffer;
  store?: boolean;
  utf8Flag?: boolean;
  /** Declare this uncompressed size instead of the true one. */
  declaredSize?: number;
  /** An Info-ZIP Unicode Path extra field (0x7075) with this UTF-8 name, in the central directory. */
  unicodePath?: string;
}

export function writeZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === "string" ? Buffer.from(entry.name, "utf8") : entry.name;
    const flags = typeof entry.name === "string" && entry.utf8Flag !== false ? 0x0800 : 0;
    const data = entry.store ? entry.bytes : zlib.deflateRawSync(entry.bytes);
    const crc = zlib.crc32(entry.bytes);
    const size = entry.declaredSize ?? entry.bytes.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(entry.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(entry.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    let extra = Buffer.alloc(0);
    if (entry.unicodePath !== undefined) {
      const utf8 = Buffer.from(entry.unicodePath, "utf8");
      extra = Buffer.alloc(9 + utf8.length);
      extra.writeUInt16LE(0x7075, 0);
      extra.writeUInt16LE(5 + utf8.length, 2);
      extra[4] = 1; // version
      extra.writeUInt32LE(zlib.crc32(name), 5);
      utf8.copy(extra, 9);
      central.writeUInt16LE(extra.length, 30);
    }
    locals.push(local, name, data);
    centrals.push(central, name, extra);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A name in GBK bytes (what Chinese Windows writes into a zip), for the few characters tests use. */
export function gbkName(name: string): Buffer {
  const parts: Buffer[] = [];
  for (const char of name) {
    if (char.charCodeAt(0) < 0x80) parts.push(Buffer.from(char, "latin1"));
    else {
      const code = GBK[char];
      if (!code) throw new Error(`no GBK code for ${char} in tests/support/zip-writer.ts`);
      parts.push(Buffer.from([code >> 8, code & 0xff]));
    }
  }
  return Buffer.concat(parts);
}

/** GBK codes of the characters the tests' names use (checked against TextDecoder("gb18030") by the zip test). */
const GBK: Record<string, number> = { 张: 0xd5c5, 三: 0xc8fd, 李: 0xc0ee, 四: 0xcbc4, 照: 0xd5d5, 片: 0xc6ac, 学: 0xd1a7, 生: 0xc9fa, 名: 0xc3fb, 单: 0xb5a5 };
