import { Transform, type TransformCallback } from "node:stream";

const NUL = 0;

/**
 * The server-rendered page on its way from React to the response (app/entry.server.tsx).
 *
 * - **No NUL bytes.** React 18.3's renderToPipeableStream writes its whole 2 KB buffer when a text
 *   does not fit the rest of it, so the one or two bytes a three-byte Chinese character could not
 *   use go out as NULs (facebook/react#31134). The browser shows them as "�" in text and
 *   attributes ("标�记到场"). A NUL byte is never part of another UTF-8 character and React writes
 *   none of its own (text and JSON escape U+0000), so every one is dropped.
 * - **Fewer, larger pieces.** Each piece written to the gzip stream on its own is a trip through
 *   zlib's thread pool: the 督导落实 overview (110 KB) took 14 ms longer gzipped in its pieces than in
 *   one. The pieces written in one turn of the event loop go out as one chunk (or sooner at 64 KB),
 *   so the page still streams where React waits for data.
 */
export class PageChunks extends Transform {
  private pieces: Buffer[] = [];
  private size = 0;
  private scheduled = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    const piece = withoutNul(chunk);
    this.pieces.push(piece);
    this.size += piece.length;
    if (this.size >= 64 * 1024) this.release();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.release();
      });
    }
    done();
  }

  override _flush(done: TransformCallback) {
    this.release();
    done();
  }

  private release() {
    if (this.size === 0) return;
    this.push(Buffer.concat(this.pieces, this.size));
    this.pieces = [];
    this.size = 0;
  }
}

/** The bytes without NULs: the same buffer when there are none (nearly always). */
function withoutNul(chunk: Buffer): Buffer {
  let at = chunk.indexOf(NUL);
  if (at === -1) return chunk;
  const kept: Buffer[] = [];
  let from = 0;
  while (at !== -1) {
    kept.push(chunk.subarray(from, at));
    from = at + 1;
    at = chunk.indexOf(NUL, from);
  }
  kept.push(chunk.subarray(from));
  return Buffer.concat(kept);
}
