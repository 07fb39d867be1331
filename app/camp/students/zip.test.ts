import { describe, expect, it } from "vitest";
import { gbkName, writeZip } from "../../../tests/support/zip-writer.ts";
import { readZip, ZipError } from "./zip.ts";

const LIMITS = { maxEntries: 10, maxEntryBytes: 1024, maxTotalBytes: 4096 };
const problemOf = async (archive: Buffer, limits = LIMITS) => {
  try {
    await readZip(archive, limits);
    return null;
  } catch (error) {
    return error instanceof ZipError ? error.problem : String(error);
  }
};

describe("reading the students' .zip", async () => {
  it("reads names written in GBK without the UTF-8 flag (Windows' compressed folders), in UTF-8 with or without the flag, and drops folders", async () => {
    const archive = writeZip([
      { name: gbkName("照片/张三.jpg"), bytes: Buffer.from("a") },
      { name: "照片/李四.png", bytes: Buffer.from("bb") },
      { name: "学生名单.xlsx", bytes: Buffer.from("ccc"), utf8Flag: false, store: true },
      { name: "照片/", bytes: Buffer.alloc(0), store: true },
      { name: "__MACOSX/照片/._张三.jpg", bytes: Buffer.from("x") },
    ]);
    const files = await readZip(archive, LIMITS);
    expect(files.map((f) => [f.name, f.path, f.bytes.toString()])).toEqual([
      ["张三.jpg", "照片/张三.jpg", "a"],
      ["李四.png", "照片/李四.png", "bb"],
      ["学生名单.xlsx", "学生名单.xlsx", "ccc"],
    ]);
  });

  it("prefers the UTF-8 name of an Info-ZIP Unicode Path field to the code-page name beside it", async () => {
    const archive = writeZip([{ name: Buffer.from("?.png", "latin1"), bytes: Buffer.from("a"), unicodePath: "照片/王五.png" }]);
    expect((await readZip(archive, LIMITS)).map((f) => f.name)).toEqual(["王五.png"]);
  });

  it("refuses a zip bomb by its declared size before inflating, and one that lies about its size while inflating", async () => {
    const huge = Buffer.alloc(1024 * 1024);
    expect(await problemOf(writeZip([{ name: "bomb.jpg", bytes: huge }]))).toBe("entryTooLarge");
    // Claims 100 bytes but inflates to a megabyte: inflating stops at the claim.
    expect(await problemOf(writeZip([{ name: "liar.jpg", bytes: huge, declaredSize: 100 }]))).toBe("entryTooLarge");
    // Many small files that add up beyond the total.
    expect(await problemOf(writeZip(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.jpg`, bytes: Buffer.alloc(1000) }))))).toBe("tooLarge");
    expect(await problemOf(writeZip(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.jpg`, bytes: Buffer.from("x") }))))).toBe("tooManyEntries");
  });

  it("refuses what is not a zip, a damaged entry and an encrypted one", async () => {
    expect(await problemOf(Buffer.from("not a zip at all, just text"))).toBe("unreadable");
    const archive = writeZip([{ name: "a.jpg", bytes: Buffer.from("hello hello hello"), store: true }]);
    const damaged = Buffer.from(archive);
    damaged[30 + "a.jpg".length] = 0x58; // the first byte of the stored data: the checksum no longer matches
    expect(await problemOf(damaged)).toBe("unreadable");
    // (A stored entry that is really encrypted is 12 bytes longer than its content, so the flag is set on a deflated one.)
    const encrypted = writeZip([{ name: "a.jpg", bytes: Buffer.from("hello hello hello") }]);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    expect(await problemOf(encrypted)).toBe("encrypted");
  });
});
