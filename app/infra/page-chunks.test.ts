import { PassThrough, Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { createElement as h } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageChunks } from "./page-chunks.server.ts";

/** 300 list items in Chinese: their bytes cross React's 2 KB buffer mid-character several times. */
const NAMES = ["王小雨", "张明华", "李雪", "赵立群", "阿依古丽·买买提"];
const page = () => h("ul", null, ...Array.from({ length: 300 }, (_, i) => h("li", { key: i, "aria-label": `标记到场 ${NAMES[i % 5]}` }, `标记到场${i}`)));

function rendered(through?: PageChunks): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
    const { pipe } = renderToPipeableStream(page(), {
      onAllReady() {
        if (through) {
          through.pipe(out);
          pipe(through);
        } else pipe(out);
      },
      onError: reject,
    });
  });
}

describe("the page's bytes from React to the response", () => {
  it("carry Chinese across React's buffer boundaries without the NULs React 18 leaves there", async () => {
    // What React alone writes (facebook/react#31134): if this stops failing, React fixed it.
    expect((await rendered()).includes(0)).toBe(true);
    const html = (await rendered(new PageChunks())).toString("utf8");
    expect(html).not.toContain("\0");
    expect(html.match(/aria-label="标记到场 (王小雨|张明华|李雪|赵立群|阿依古丽·买买提)"/g)).toHaveLength(300);
    expect(html.match(/>标记到场\d+</g)).toHaveLength(300);
  });

  it("passes other bytes through unchanged, in fewer pieces", async () => {
    const pieces = Array.from({ length: 50 }, (_, i) => Buffer.from(`<p>第${i}段</p>`));
    const chunks: Buffer[] = [];
    const out = Readable.from(pieces).pipe(new PageChunks());
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    expect(await text(out)).toBe(pieces.map(String).join(""));
    expect(chunks.length).toBeLessThan(pieces.length);
  });
});
