import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Socket } from "socket.io";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { SessionUser } from "~/auth/session.server.ts";
import type { StoredState } from "~/documents/body-storage.server.ts";
import { colorFor, MAX_MESSAGE_BYTES, type AckResult, type CollabErrorCode, type PresenceUser } from "../protocol.ts";
import type { CollabSettings } from "../worker-link.ts";
import { BodyLimit } from "./body-length.ts";
import { FOREIGN_IMAGES_REMOVED, removeForeignImages } from "./image-sources.ts";
import { toBase64, type FanOut } from "./fan-out.ts";
import type { UpdateLog } from "./update-log.ts";

/** What a shared document needs from its surroundings: the durable log and the app's cold path. */
export interface DocStore {
  log: UpdateLog;
  settings: CollabSettings;
  /** The stored body, and the longest body the school allows (none: no limit). */
  load(documentId: string): Promise<(StoredState & { maxChars?: number }) | null>;
  /** Compaction and what follows it (text, word count, automatic versions) are the app's. */
  compact(documentId: string, state: Uint8Array, watermark: bigint, text: boolean): Promise<boolean>;
  /** Several instances (decision 116): how this worker tells the others and hears from them; null alone. */
  fanOut?: FanOut | null;
}

/**
 * Origin of changes that are stored already and reach this instance from elsewhere: another
 * instance's edits (announced or read from the log) and the stored state another one compacted.
 * They go to this instance's editors, but not into the log again.
 */
export const ELSEWHERE = Object.freeze({ elsewhere: true });

export interface Connection {
  socket: Socket;
  /** The signed-in person (as the policy sees them). */
  user: SessionUser;
  canEdit: boolean;
  /** Awareness client ids this connection speaks for. */
  clientIds: Set<number>;
  /** Rejected changes from a read-only connection; the channel is closed after a few. */
  rejected: number;
}

/** Origin of changes the server makes itself (restore, import). */
export interface ServerOrigin {
  server: true;
  userId: string | null;
}

/**
 * One document held in memory while people work on it: the Y.Doc, who is connected, presence,
 * and the saving schedule. The only writer of the document's body while it is loaded.
 */
export class SharedDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<string, Connection>();
  /** Highest stored increment included in `doc`. */
  private watermark: bigint;
  /** Settles when every increment handed to the log so far has been written or has failed. */
  private lastWrite: Promise<unknown> = Promise.resolve();
  private failedWrites = 0;
  private readonly knownAuthors = new Set<string>();
  private dirty = false;
  private firstDirtyAt = 0;
  private lastChangeAt = 0;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;
  /**
   * When the stored plain text last caught up with the document. At loading it matches the stored
   * state (sessions end with a refresh), unless a crash left increments behind.
   */
  private textSavedAt = Date.now();
  /** The stored state is ahead of the stored plain text (see CollabSettings.textRefreshMs). */
  private textBehind = false;
  private textTimer: NodeJS.Timeout | null = null;
  private unloadTimer: NodeJS.Timeout | null = null;
  /** Server-side users of the document (restore, import) keep it loaded. */
  holds = 0;
  closed = false;
  /** Several instances: the log rows included in `doc` (own and others'), deleted at this instance's next compaction. */
  private readonly applied = new Set<bigint>();
  private syncQueued: "rows" | "full" | null = null;
  private syncing: Promise<void> = Promise.resolve();
  /** People's changes may not take the body over the school's limit (decision 097); the server's own may. */
  private readonly limit: BodyLimit | null;

  constructor(
    readonly documentId: string,
    stored: StoredState & { maxChars?: number },
    private readonly registry: DocRegistry,
    private readonly store: DocStore,
  ) {
    this.watermark = stored.watermark;
    let cleaned = 0;
    this.doc.transact((transaction) => {
      if (stored.state?.length) Y.applyUpdate(this.doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
      // A body stored before pictures from elsewhere were refused loses them here.
      cleaned = removeForeignImages(transaction, documentId);
    }, "load");
    // Crash leftovers are folded in at the first save, text included.
    this.dirty = stored.updates.length > 0 || cleaned > 0;
    if (this.dirty) this.textSavedAt = 0;
    this.limit = stored.maxChars ? new BodyLimit(this.doc, stored.maxChars) : null;
    this.awareness.setLocalState(null);
    this.doc.on("update", this.onUpdate);
    this.awareness.on("update", this.onAwarenessChange);
  }

  private onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    const message = encodeSync(syncProtocol.messageYjsUpdate, update);
    if (origin === ELSEWHERE) {
      // Stored already (by another instance, or in the stored state): only this instance's editors need it.
      this.broadcast("sync", message, undefined);
      this.markDirty();
      return;
    }
    const from = origin as Connection | ServerOrigin | undefined;
    const fanOut = this.store.fanOut;
    // The fast path to the other instances' editors; the log (announced once committed) is the sure one.
    fanOut?.publish("u", this.documentId, toBase64(update));
    // When pictures were taken out of a change, its sender gets the update too, and loses them.
    this.broadcast("sync", message, transaction.meta.has(FOREIGN_IMAGES_REMOVED) ? undefined : from);
    const userId = from && "socket" in from ? from.user.id : from && "server" in from ? from.userId : null;
    this.track(
      this.store.log.append(this.documentId, update).then((id) => {
        if (id > this.watermark) this.watermark = id;
        if (fanOut) this.applied.add(id);
      }),
    );
    if (userId && !this.knownAuthors.has(userId)) {
      this.knownAuthors.add(userId);
      this.track(this.store.log.addAuthor(this.documentId, userId), false);
    }
    this.markDirty();
  };

  /**
   * The log writes in order, so the last write settling means every write before it has settled.
   * Authors are written beside the log, hence joined in.
   */
  private track(write: Promise<unknown>, ordered = true) {
    const settled = write.then(undefined, (error) => {
      this.failedWrites += 1;
      console.error(`[collab] 保存文档 ${this.documentId} 的修改失败：`, error);
    });
    this.lastWrite = ordered ? settled : Promise.all([this.lastWrite, settled]);
  }

  /**
   * Resolves true when every change applied so far is stored (a failed increment counts until a
   * compaction has stored the whole state).
   */
  async whenStored(): Promise<boolean> {
    await this.lastWrite;
    return this.failedWrites === 0;
  }

  /** Saves `saveDebounceMs` after the last change, and at least every `saveMaxWaitMs` while changes continue. */
  private markDirty() {
    const now = Date.now();
    if (!this.dirty) this.firstDirtyAt = now;
    this.dirty = true;
    this.lastChangeAt = now;
    // One timer, re-armed when it fires early, rather than a new timer for every keystroke.
    this.saveTimer ??= setTimeout(this.saveWhenDue, this.store.settings.saveDebounceMs);
  }

  private saveWhenDue = () => {
    this.saveTimer = null;
    if (!this.dirty) return;
    const { saveDebounceMs, saveMaxWaitMs } = this.store.settings;
    const wait = Math.min(this.lastChangeAt + saveDebounceMs, this.firstDirtyAt + saveMaxWaitMs) - Date.now();
    if (wait > 0) this.saveTimer = setTimeout(this.saveWhenDue, wait);
    else void this.save("when-due").catch(() => {});
  };

  /**
   * Compaction: the whole state goes to the app, which stores it in Document.yState, deletes the
   * increments it includes, takes an automatic version when due and, with the text, refreshes
   * plain text and word count (the search index follows the row). Saves while people type refresh
   * the text only every `textRefreshMs` ("when-due"); a timer catches it up after the last one.
   */
  save(text: "now" | "when-due" = "now"): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    const previous = this.saving ?? Promise.resolve();
    const run = previous.then(async () => {
      await this.whenStored();
      const withText = text === "now" || Date.now() - this.textSavedAt >= this.store.settings.textRefreshMs;
      if (!this.dirty && !(withText && this.textBehind)) return;
      this.dirty = false;
      const failuresCovered = this.failedWrites;
      const startedAt = Date.now();
      try {
        if (this.store.fanOut) {
          await this.compactShared(withText);
        } else {
          // State and watermark are taken together, synchronously: every stored row up to the
          // watermark was applied to the doc before it was written.
          const state = Y.encodeStateAsUpdate(this.doc);
          const watermark = this.watermark;
          await this.store.compact(this.documentId, state, watermark, withText);
        }
        // The whole state is stored now, including any increment whose own write failed.
        this.failedWrites -= failuresCovered;
        if (withText) {
          this.textSavedAt = startedAt;
          this.textBehind = false;
        } else {
          this.textBehind = true;
        }
        this.scheduleTextCatchUp();
      } catch (error) {
        this.dirty = true;
        console.error(`[collab] 压缩文档 ${this.documentId} 失败，稍后重试：`, error);
        if (!this.closed) this.markDirty();
        throw error;
      }
    });
    const tracked = run.finally(() => {
      if (this.saving === tracked) this.saving = null;
    });
    this.saving = tracked;
    return tracked;
  }

  /**
   * Compaction with several instances (decision 116). Other instances may hold the document too
   * and compact it; rows are numbered when inserted but become visible when committed, so "every
   * row up to the watermark" may include one this instance has not seen. Under the document's
   * advisory lock, this instance first folds in the stored state (whatever another one compacted),
   * stores the result, and deletes exactly the rows it has applied: the stored state only grows,
   * and no row leaves the log before a state containing it is stored.
   */
  private async compactShared(withText: boolean) {
    await this.store.log.compactShared(this.documentId, async ({ storedState, deleteRows }) => {
      const stored = await storedState();
      if (stored) this.receive(stored);
      const state = Y.encodeStateAsUpdate(this.doc);
      const ids = [...this.applied];
      if (!(await this.store.compact(this.documentId, state, 0n, withText))) return;
      await deleteRows(ids);
      for (const id of ids) this.applied.delete(id);
    });
    this.store.fanOut?.publish("c", this.documentId);
  }

  /** A change stored elsewhere (another instance's edit, or a stored state): applied, not logged again. */
  receive(update: Uint8Array) {
    if (this.closed) return;
    try {
      Y.applyUpdate(this.doc, update, ELSEWHERE);
    } catch (error) {
      console.error(`[collab] 无法应用文档 ${this.documentId} 来自其他实例的修改：`, error);
    }
  }

  /** Presence from another instance's editors. */
  receiveAwareness(update: Uint8Array) {
    if (this.closed) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, ELSEWHERE);
    } catch {
      // A malformed presence message changes nothing.
    }
  }

  /**
   * Catches up with the database: "rows" reads the log rows not yet applied (other instances'
   * committed edits), "full" also the stored state (after another instance's compaction, after
   * loading, after the listening connection was lost). Requests arriving while one waits join it.
   */
  sync(kind: "rows" | "full"): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.syncQueued) {
      if (kind === "full") this.syncQueued = "full";
      return this.syncing;
    }
    this.syncQueued = kind;
    this.syncing = this.syncing
      .then(async () => {
        const what = this.syncQueued;
        this.syncQueued = null;
        if (this.closed) return;
        if (what === "full") {
          const stored = await this.store.log.storedOf(this.documentId);
          if (!stored || this.closed) return;
          this.doc.transact(() => {
            if (stored.state?.length) Y.applyUpdate(this.doc, stored.state);
            for (const row of stored.rows) if (!this.applied.has(row.id)) Y.applyUpdate(this.doc, row.update);
          }, ELSEWHERE);
          for (const row of stored.rows) this.applied.add(row.id);
        } else {
          const rows = await this.store.log.rowsOf(this.documentId, this.applied);
          if (!rows.length || this.closed) return;
          this.doc.transact(() => {
            for (const row of rows) Y.applyUpdate(this.doc, row.update);
          }, ELSEWHERE);
          for (const row of rows) this.applied.add(row.id);
        }
      })
      .catch((error) => console.error(`[collab] 读取文档 ${this.documentId} 在其他实例的修改失败：`, error));
    return this.syncing;
  }

  /** While the stored text lags behind, a save with the text follows once it is due. */
  private scheduleTextCatchUp() {
    if (this.textTimer) clearTimeout(this.textTimer);
    this.textTimer = null;
    if (!this.textBehind || this.closed) return;
    const due = this.textSavedAt + this.store.settings.textRefreshMs - Date.now();
    this.textTimer = setTimeout(() => {
      this.textTimer = null;
      void this.save("now").catch(() => {});
    }, Math.max(0, due));
  }

  // ───────────── connections ─────────────

  addConnection(connection: Connection, status: string) {
    if (this.unloadTimer) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
    this.connections.set(connection.socket.id, connection);
    const socket = connection.socket;
    socket.join(this.room);
    socket.emit("access", { canEdit: connection.canEdit, status });
    // Ask for what the client has that we lack (its offline changes)…
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, this.doc);
    socket.emit("sync", binary(encoding.toUint8Array(encoder)));
    // …and show who is here.
    const states = [...this.awareness.getStates().keys()];
    if (states.length) socket.emit("awareness", binary(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  removeConnection(socketId: string) {
    const connection = this.connections.get(socketId);
    if (!connection) return;
    this.connections.delete(socketId);
    if (connection.clientIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.clientIds], connection);
    if (this.connections.size === 0) this.scheduleUnload();
  }

  scheduleUnload() {
    if (this.connections.size || this.holds || this.closed) return;
    void this.save().catch(() => {});
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = setTimeout(() => void this.registry.unload(this), this.store.settings.unloadDelayMs);
  }

  get room() {
    return `doc:${this.documentId}`;
  }

  /** Ends every connection with a reason (document deleted, server stopping, bad data). */
  disconnectAll(code: CollabErrorCode) {
    for (const connection of [...this.connections.values()]) {
      connection.socket.emit("collab-error", { code });
      connection.socket.disconnect();
    }
  }

  /** Saves and frees everything; further changes are refused. */
  async close() {
    if (this.closed) return;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    await this.save().catch(() => {});
    this.closed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    if (this.textTimer) clearTimeout(this.textTimer);
    this.doc.off("update", this.onUpdate);
    this.awareness.off("update", this.onAwarenessChange);
    this.awareness.destroy();
    this.doc.destroy();
  }

  // ───────────── messages ─────────────

  /** A y-protocols sync message from a connection. Returns an error code when the channel must close. */
  handleSync(connection: Connection, payload: unknown, ack: ((result: AckResult) => void) | undefined): CollabErrorCode | null {
    const message = asBytes(payload);
    if (!message) return "MALFORMED";
    if (message.length > MAX_MESSAGE_BYTES) return "OVERSIZED";
    let type: number;
    let body: Uint8Array;
    try {
      const decoder = decoding.createDecoder(message);
      type = decoding.readVarUint(decoder);
      body = decoding.readVarUint8Array(decoder);
      if (decoding.hasContent(decoder)) return "MALFORMED";
    } catch {
      return "MALFORMED";
    }
    if (type === syncProtocol.messageYjsSyncStep1) {
      let reply: Uint8Array;
      try {
        reply = encodeSync(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(this.doc, body));
      } catch {
        return "MALFORMED";
      }
      connection.socket.emit("sync", binary(reply));
      ack?.({ ok: true });
      return null;
    }
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) return "MALFORMED";
    // Decode fully before touching the document: a malformed update must change nothing.
    try {
      Y.decodeUpdate(body);
    } catch {
      return "MALFORMED";
    }
    if (!connection.canEdit || this.closed) {
      if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), body)) {
        ack?.({ ok: true });
        return null;
      }
      connection.rejected += 1;
      ack?.({ ok: false, code: "READ_ONLY" });
      connection.socket.emit("collab-error", { code: "READ_ONLY" });
      return connection.rejected > 3 ? "READ_ONLY" : null;
    }
    // Too long: refused whole, before anything is applied; the editor reloads the stored body.
    if (this.limit?.refuses(body)) {
      ack?.({ ok: false, code: "TOO_LONG" });
      connection.socket.emit("collab-error", { code: "TOO_LONG" });
      return null;
    }
    try {
      this.apply(body, connection);
    } catch {
      return "MALFORMED";
    }
    // Acknowledged once stored (this change's increment and every one before it).
    if (ack) void this.whenStored().then((stored) => ack(stored ? { ok: true } : { ok: false, code: "SAVE_FAILED" }));
    return null;
  }

  /**
   * Applies a change from a connection or from the app (restore, import). Pictures from elsewhere
   * are taken out in the same transaction: no one receives them, and they are never stored.
   */
  apply(update: Uint8Array, origin: Connection | ServerOrigin) {
    this.doc.transact((transaction) => {
      Y.applyUpdate(this.doc, update, origin);
      removeForeignImages(transaction, this.documentId);
    }, origin);
  }

  /** An awareness update from a connection: names and colours come from the session, not the client. */
  handleAwareness(connection: Connection, payload: unknown): CollabErrorCode | null {
    const message = asBytes(payload);
    if (!message) return "MALFORMED";
    if (message.length > 64 * 1024) return "OVERSIZED";
    const user: PresenceUser = { id: connection.user.id, name: connection.user.name, color: colorFor(connection.user.id) };
    const encoder = encoding.createEncoder();
    let accepted = 0;
    try {
      const decoder = decoding.createDecoder(message);
      const count = decoding.readVarUint(decoder);
      const entries: Array<[number, number, string]> = [];
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(decoder);
        const clock = decoding.readVarUint(decoder);
        const json = decoding.readVarString(decoder);
        if (!this.claim(connection, clientId)) continue;
        const state = JSON.parse(json) as Record<string, unknown> | null;
        if (state !== null && (typeof state !== "object" || Array.isArray(state))) continue;
        entries.push([clientId, clock, JSON.stringify(state === null ? null : { ...state, user })]);
        accepted++;
      }
      encoding.writeVarUint(encoder, entries.length);
      for (const [clientId, clock, json] of entries) {
        encoding.writeVarUint(encoder, clientId);
        encoding.writeVarUint(encoder, clock);
        encoding.writeVarString(encoder, json);
      }
    } catch {
      return "MALFORMED";
    }
    if (accepted) awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(encoder), connection);
    return null;
  }

  /** A client id belongs to the first connection that uses it. */
  private claim(connection: Connection, clientId: number): boolean {
    if (connection.clientIds.has(clientId)) return true;
    for (const other of this.connections.values()) if (other.clientIds.has(clientId)) return false;
    if (connection.clientIds.size >= 8) return false;
    connection.clientIds.add(clientId);
    return true;
  }

  private onAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    if (!changed.length) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.broadcast("awareness", update, origin);
    if (origin !== ELSEWHERE) this.store.fanOut?.publish("a", this.documentId, toBase64(update));
  };

  /**
   * Sends a message to every connection of the document but `origin`: one room broadcast, so
   * socket.io encodes the packet once for all of them (connections join the room when added and
   * leave it when they disconnect).
   */
  private broadcast(event: "sync" | "awareness", message: Uint8Array, origin: unknown) {
    const from = origin && typeof origin === "object" && "socket" in origin ? (origin as Connection) : null;
    if (from && this.connections.get(from.socket.id) === from) {
      from.socket.to(this.room).emit(event, binary(message));
      return;
    }
    const any = this.connections.values().next().value as Connection | undefined;
    if (any) any.socket.nsp.to(this.room).emit(event, binary(message));
  }
}

/**
 * Binary as msgpack's "bin" type: the Node encoder writes a Buffer as bin, but other typed arrays
 * as an extension the browser's decoder does not turn back into bytes. No copy is made.
 */
function binary(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function encodeSync(type: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function asBytes(payload: unknown): Uint8Array | null {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  return null;
}

/** The documents held in memory; loads on first use, unloads when nobody needs them. */
export class DocRegistry {
  private readonly docs = new Map<string, Promise<SharedDoc | null>>();
  /** Documents being saved and freed: a new load waits for that to finish. */
  private readonly closing = new Map<string, Promise<void>>();

  constructor(private readonly store: DocStore) {}

  get(documentId: string): Promise<SharedDoc | null> {
    let entry = this.docs.get(documentId);
    if (!entry) {
      const after = this.closing.get(documentId) ?? Promise.resolve();
      entry = after
        .then(() => this.store.load(documentId))
        .then(async (stored) => {
          if (!stored) return null;
          const doc = new SharedDoc(documentId, stored, this, this.store);
          // Several instances: learn which rows are applied, and what committed since the load.
          if (this.store.fanOut) await doc.sync("full");
          return doc;
        });
      const current = entry;
      const forget = () => {
        if (this.docs.get(documentId) === current) this.docs.delete(documentId);
      };
      current.then((doc) => doc || forget(), forget);
      this.docs.set(documentId, entry);
    }
    return entry;
  }

  /** Every loaded document (several instances: all of them catch up after a lost connection). */
  async loaded(): Promise<SharedDoc[]> {
    const docs = await Promise.all([...this.docs.values()].map((entry) => entry.catch(() => null)));
    return docs.filter((doc): doc is SharedDoc => doc !== null && !doc.closed);
  }

  /** The loaded document, if any (never loads). */
  async peek(documentId: string): Promise<SharedDoc | null> {
    return (await this.docs.get(documentId)?.catch(() => null)) ?? null;
  }

  async unload(doc: SharedDoc) {
    if (doc.connections.size || doc.holds || doc.closed) return;
    const entry = this.docs.get(doc.documentId);
    if (!entry || (await entry) !== doc) return;
    this.docs.delete(doc.documentId);
    await this.track(doc);
  }

  private async track(doc: SharedDoc) {
    const closing = doc.close();
    this.closing.set(doc.documentId, closing);
    try {
      await closing;
    } finally {
      if (this.closing.get(doc.documentId) === closing) this.closing.delete(doc.documentId);
    }
  }

  /** Closes one document (deleted) or all (shutdown), saving first. */
  async closeAll(code: CollabErrorCode, documentId?: string) {
    const ids = documentId ? [documentId] : [...this.docs.keys()];
    await Promise.all(
      ids.map(async (id) => {
        const doc = await this.peek(id);
        this.docs.delete(id);
        if (!doc) return;
        doc.disconnectAll(code);
        await this.track(doc);
      }),
    );
    await Promise.all([...this.closing.values()].map((closing) => closing.catch(() => {})));
  }
}
