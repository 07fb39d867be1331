import crypto from "node:crypto";
import pg from "pg";

/**
 * Several app instances on one database (decision 116): every instance's collaboration worker
 * holds the documents its own clients have open, and tells the others what changed through
 * PostgreSQL's LISTEN/NOTIFY on one shared channel. Each message names the document; instances
 * that do not hold it ignore it.
 *
 *   "u"  an edit, as its Yjs update (base64), sent as it is applied: the fast path to the peers'
 *        editors. Best effort: an edit too large for a notification (8000 bytes) or sent while
 *        the database is away is not announced here, the log catch-up ("l") brings it.
 *   "l"  new rows of the update log were committed: read those not yet applied. The durable path:
 *        whatever was acknowledged reaches every instance holding the document through it.
 *   "c"  the document was compacted (rows deleted, Document.yState rewritten): read the stored state.
 *   "a"  an awareness update (presence, carets), base64.
 *   "e"  a doc-event for the panels (comments, status, versions, details).
 *   "x"  the document was deleted: close it.
 *   "r"  rights to the document changed (review, membership): re-check this instance's editors.
 *
 * The listening connection reconnects by itself; after a reconnect every held document is read
 * again from the database (whatever was announced meanwhile is in the log or the stored state).
 */
export const FAN_OUT_CHANNEL = "fudao_collab";
export type FanOutKind = "u" | "l" | "c" | "a" | "e" | "x" | "r";

/** PostgreSQL refuses notification payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7_900;

export interface FanOutHandlers {
  message(kind: FanOutKind, documentId: string, data: string): void;
  /** The listening connection is (again) up: messages may have been missed before it. */
  reconnected(): void;
}

export class FanOut {
  /** Tells this instance's own messages apart (they come back to it, as to every listener). */
  readonly instanceId = crypto.randomUUID().slice(0, 8);
  private readonly sender: pg.Pool;
  private listener: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly handlers: FanOutHandlers,
    private readonly log: (line: string) => void,
  ) {
    // One connection: notifications of one instance leave in the order they were sent.
    this.sender = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: "fudao-collab-fanout" });
    this.sender.on("error", () => {});
    void this.connect();
  }

  /** Whether the listening connection is up (messages sent now reach the other instances). */
  get listening(): boolean {
    return this.listener !== null;
  }

  /** Sends a message to the other instances; false when it is too large to go (the log then carries it). */
  publish(kind: FanOutKind, documentId: string, data = ""): boolean {
    const payload = `${kind}\t${this.instanceId}\t${documentId}\t${data}`;
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) return false;
    this.sender.query("SELECT pg_notify($1, $2)", [FAN_OUT_CHANNEL, payload]).catch(() => {
      // The database is away: the log and the resync after reconnecting make up for it.
    });
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = null;
    await Promise.all([listener?.end().catch(() => {}), this.sender.end().catch(() => {})]);
  }

  private scheduleReconnect() {
    if (this.closed || this.retry) return;
    const delay = Math.min(5_000, 250 * 2 ** Math.min(this.failures, 5));
    this.failures += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
    this.retry.unref();
  }

  private async connect() {
    if (this.closed) return;
    const db = new pg.Client({ connectionString: this.databaseUrl, application_name: "fudao-collab-listen" });
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      if (this.listener === db) this.listener = null;
      db.end().catch(() => {});
      this.scheduleReconnect();
    };
    db.on("error", lost);
    db.on("end", lost);
    db.on("notification", (message) => {
      if (message.channel !== FAN_OUT_CHANNEL || !message.payload) return;
      const [kind, instanceId, documentId, data] = message.payload.split("\t");
      if (instanceId === this.instanceId || !kind || !documentId) return;
      try {
        this.handlers.message(kind as FanOutKind, documentId, data ?? "");
      } catch (error) {
        this.log(`处理其他实例的协同消息失败：${error instanceof Error ? error.message : String(error)}`);
      }
    });
    try {
      await db.connect();
      (db as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await db.query(`LISTEN ${FAN_OUT_CHANNEL}`);
      if (this.closed) return void db.end().catch(() => {});
      this.listener = db;
      if (this.failures > 1) this.log("已重新连接数据库，继续接收其他实例的协同修改。");
      this.failures = 0;
      // Documents loaded before this connection listened may have missed messages (at start-up too).
      this.handlers.reconnected();
    } catch (error) {
      if (this.failures === 0) this.log(`无法接收其他实例的协同修改，稍后重试：${error instanceof Error ? error.message : String(error)}`);
      lost();
    }
  }
}

export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));
