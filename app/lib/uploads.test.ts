import { describe, expect, it } from "vitest";
import { HARD_FILE_NAMES } from "../../tests/support/file-names.ts";
import { readUploadForm, storedFileName, UploadTooLargeError, UploadUnreadableError } from "./uploads.server.ts";

const HARD_NAMES = HARD_FILE_NAMES.map((name) => `${name}.pdf`);

/**
 * A request as a browser (here: Node's fetch, which encodes multipart exactly as browsers do) sends
 * it. Encoded first and sent as bytes, as a server receives it: a body streamed from a FormData
 * by Node 24's fetch throws from its own stream when the reader stops early (an unhandled error
 * of the test's stream, not of the code under test).
 */
async function upload(files: Array<[string, Blob, string]>, fields: Record<string, string> = {}): Promise<Request> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const [field, blob, name] of files) form.append(field, blob, name);
  const encoded = new Response(form);
  const headers = { "Content-Type": encoded.headers.get("Content-Type")! };
  return new Request("http://localhost/upload", { method: "POST", headers, body: await encoded.arrayBuffer() });
}

describe("readUploadForm", () => {
  it.each(HARD_NAMES)("keeps the file name %j exactly as given, with the other fields", async (name) => {
    const form = await readUploadForm(await upload([["file", new Blob(["%PDF-1.4"], { type: "application/pdf" }), name]], { title: "成果；一=二" }), { maxFileBytes: 1024 });
    const file = form.get("file");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe(name);
    expect((file as File).type).toBe("application/pdf");
    expect(await (file as File).text()).toBe("%PDF-1.4");
    expect(form.get("title")).toBe("成果；一=二");
  });

  it("keeps only the file's own name of a path a folder upload sends", async () => {
    const form = await readUploadForm(await upload([["files", new Blob(["# 纪要"]), "例会/2026;春/纪要=1.md"]]), { maxFileBytes: 1024 });
    expect((form.get("files") as File).name).toBe("纪要=1.md");
  });

  it("refuses a file over the limit as too large, and a request over the whole budget without reading it all", async () => {
    await expect(readUploadForm(await upload([["file", new Blob([new Uint8Array(2048)]), "大;文件.pdf"]]), { maxFileBytes: 1024 })).rejects.toBeInstanceOf(UploadTooLargeError);
    const huge = await upload([["file", new Blob([new Uint8Array(3 * 1024 * 1024)]), "big.pdf"]]);
    await expect(readUploadForm(huge, { maxFileBytes: 1024 })).rejects.toBeInstanceOf(UploadTooLargeError);
  });

  it("calls a garbled or non-multipart body unreadable, not too large", async () => {
    const boundary = "----fudao-test-boundary-0123456789";
    const truncated = new Request("http://localhost/upload", {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nhalf a fi`,
    });
    await expect(readUploadForm(truncated, { maxFileBytes: 1024 })).rejects.toBeInstanceOf(UploadUnreadableError);
    const plain = new Request("http://localhost/upload", { method: "POST", body: new URLSearchParams({ file: "x" }) });
    await expect(readUploadForm(plain, { maxFileBytes: 1024 })).rejects.toBeInstanceOf(UploadUnreadableError);
  });
});

describe("storedFileName", () => {
  it("stores names up to 255 characters whole, emoji and all", () => {
    for (const name of HARD_NAMES) expect(storedFileName(name)).toBe(name);
  });

  it("shortens a longer name in whole characters and keeps its extension", () => {
    const stored = storedFileName(`${"😀".repeat(300)}.docx`);
    expect(Array.from(stored)).toHaveLength(255);
    expect(stored.endsWith("😀.docx")).toBe(true);
    expect(storedFileName("", "image.png")).toBe("image.png");
  });
});
