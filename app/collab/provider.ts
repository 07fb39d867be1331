import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { ObservableV2 } from "lib0/observable";
import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { AccessInfo, DocEventKind } from "~/documents/live.ts";
import { COLLAB_NAMESPACE, COLLAB_PATH, type AckResult, type CollabErrorCode } from "./protocol.ts";

export type ConnectionStatus = "connecting" | "connected" | "disconnected" | "failed";
/** saved: everything is durable on the server; saving: waiting for the server; offline: kept locally until reconnected. */
export type SaveState = "saved" | "saving" | "offline";

type ProviderEvents = {
  status: (status: ConnectionStatus) => void;
  synced: (synced: boolean) => void;
  save: (state: SaveState) => void;
  access: (access: AccessInfo) => void;
  error: (code: CollabErrorCode | string) => void;
  "doc-event": (kind: DocEventKind) => void;
  /** A local change the server has made durable (the update, or null for a reconnect's catch-up). */
  acked: (update: Uint8Array | null) => void;
};

export interface CollabProviderOptions {
  documentId: string;
  /** Server origin; "" in the browser (same origin). */
  url?: string;
  awareness?: awarenessProtocol.Awareness;
  /** Extra socket.io options (tests in Node pass extraHeaders with the session cookie). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  ackTimeoutMs?: number;
}

/** msgpack's browser encoder writes ArrayBuffer as binary, but not typed arrays: binary goes out as one. */
const wire = (bytes: Uint8Array): ArrayBuffer =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);

const toBytes = (payload: unknown): Uint8Array | null =>
  payload instanceof Uint8Array ? payload : payload instanceof ArrayBuffer ? new Uint8Array(payload) : null;

/**
 * A Yjs provider on y-protocols' sync and awareness messages over a socket.io namespace.
 * Works in the browser and in Node. Local changes are sent as they happen and acknowledged by the
 * server once stored; while offline they stay in the Y.Doc and are sent with the next handshake.
 */
export class CollabProvider extends ObservableV2<ProviderEvents> {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly socket: Socket;
  status: ConnectionStatus = "connecting";
  synced = false;
  canEdit = false;
  documentStatus: string | null = null;
  private inflight = 0;
  /** Local changes not yet sent (made offline, or a send failed): the next handshake carries them. */
  private unsent = false;
  private readonly ackTimeoutMs: number;
  /** Other people's changes received while held (see holdRemoteChanges), or null when not holding. */
  private heldUpdates: Uint8Array[] | null = null;
  private destroyed = false;

  constructor(doc: Y.Doc, options: CollabProviderOptions) {
    super();
    this.doc = doc;
    this.awareness = options.awareness ?? new awarenessProtocol.Awareness(doc);
    this.ackTimeoutMs = options.ackTimeoutMs ?? 20_000;
    this.socket = io(`${options.url ?? ""}${COLLAB_NAMESPACE}`, {
      // The collaboration worker's own path and parser (one binary frame per message); its own
      // connection, never shared with the app's notifications socket.
      path: COLLAB_PATH,
      transports: ["websocket"],
      parser: msgpackParser,
      forceNew: true,
      ...options.socketOptions,
      auth: { documentId: options.documentId },
    });
    this.socket.on("connect", this.onConnect);
    this.socket.on("disconnect", this.onDisconnect);
    this.socket.on("connect_error", this.onConnectError);
    this.socket.on("sync", this.onSync);
    this.socket.on("awareness", this.onAwareness);
    this.socket.on("access", this.onAccess);
    this.socket.on("doc-event", (event: { kind: DocEventKind }) => this.emit("doc-event", [event.kind]));
    this.socket.on("collab-error", (event: { code: CollabErrorCode }) => this.emit("error", [event.code]));
    this.doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  get saveState(): SaveState {
    // A reader has nothing to save (the editor's own bookkeeping is not theirs to keep).
    if ((this.inflight === 0 && !this.unsent) || (!this.canEdit && this.inflight === 0)) return "saved";
    return this.socket.connected ? "saving" : "offline";
  }

  private setStatus(status: ConnectionStatus) {
    if (this.status === status) return;
    this.status = status;
    this.emit("status", [status]);
  }

  private emitSave() {
    this.emit("save", [this.saveState]);
  }

  private onConnect = () => {
    this.setStatus("connected");
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.socket.emit("sync", wire(encoding.toUint8Array(encoder)));
    if (this.awareness.getLocalState() !== null) {
      this.socket.emit("awareness", wire(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
    }
    this.emitSave();
  };

  private onDisconnect = (reason: Socket.DisconnectReason) => {
    this.synced = false;
    this.emit("synced", [false]);
    // In-flight changes lose their acknowledgement: the next handshake sends them again.
    if (this.inflight > 0) this.unsent = true;
    this.inflight = 0;
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
    // The server closed the channel on purpose (refused, deleted, malformed data): do not retry.
    this.setStatus(reason === "io server disconnect" ? "failed" : "disconnected");
    this.emitSave();
  };

  private onConnectError = (error: Error) => {
    // Refusals by the server's middleware are final; network errors are retried by socket.io.
    if (!this.socket.active) {
      this.setStatus("failed");
      this.emit("error", [error.message]);
    } else {
      this.setStatus("disconnected");
    }
  };

  private onAccess = (access: AccessInfo) => {
    const wasEditable = this.canEdit;
    const lostEdits = wasEditable && !access.canEdit && (this.unsent || this.inflight > 0);
    this.canEdit = access.canEdit;
    this.documentStatus = access.status;
    this.emit("access", [access]);
    this.emitSave();
    if (lostEdits) this.emit("error", ["READ_ONLY"]);
    // Writable again mid-session with changes kept back: a fresh handshake sends them.
    if (!wasEditable && access.canEdit && this.synced && this.unsent) this.reconnect();
  };

  private onSync = (payload: unknown) => {
    const message = toBytes(payload);
    if (!message) return;
    try {
      this.readSync(message);
    } catch {
      // Not expected from our server; a fresh handshake is the safe answer.
      this.emit("error", ["MALFORMED"]);
      this.reconnect();
    }
  };

  private readSync(message: Uint8Array) {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      // The server asks for what it lacks: our offline changes, if any.
      const stateVector = decoding.readVarUint8Array(decoder);
      if (!this.canEdit) {
        this.unsent = false;
        return;
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc, stateVector));
      this.send(encoding.toUint8Array(encoder), null);
      this.unsent = false;
      this.emitSave();
      return;
    }
    if (type === syncProtocol.messageYjsUpdate && this.heldUpdates) {
      this.heldUpdates.push(decoding.readVarUint8Array(decoder));
      return;
    }
    const reply = encoding.createEncoder();
    syncProtocol.readSyncMessage(decoding.createDecoder(message), reply, this.doc, this);
    if (type === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      this.synced = true;
      this.emit("synced", [true]);
    }
  };

  private onAwareness = (payload: unknown) => {
    const update = toBytes(payload);
    if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, this);
  };

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    if (!this.socket.connected || !this.canEdit) {
      this.unsent = true;
      this.emitSave();
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
    encoding.writeVarUint8Array(encoder, update);
    this.send(encoding.toUint8Array(encoder), update);
  };

  private send(message: Uint8Array, update: Uint8Array | null) {
    this.inflight += 1;
    const socket = this.socket;
    this.emitSave();
    socket.timeout(this.ackTimeoutMs).emit("sync", wire(message), (error: Error | null, result?: AckResult) => {
      if (socket.disconnected && error) return; // counted as unsent by onDisconnect
      this.inflight = Math.max(0, this.inflight - 1);
      if (!error && result?.ok) {
        this.emit("acked", [update]);
      } else {
        this.unsent = true;
        if (result && !result.ok) this.emit("error", [result.code]);
        // Not stored: a fresh handshake sends everything the server lacks.
        if (result?.ok === false && result.code === "SAVE_FAILED") this.reconnect();
      }
      this.emitSave();
    });
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin !== "local" || !this.socket.connected) return;
    const changed = [...added, ...updated, ...removed];
    this.socket.emit("awareness", wire(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
  };

  /**
   * While the person composes with an input method (pinyin), other people's changes wait and are
   * applied together when the composition ends: re-rendering the paragraph under an open
   * composition breaks it, and the composed characters are lost or land elsewhere.
   */
  holdRemoteChanges(hold: boolean) {
    if (hold) {
      this.heldUpdates ??= [];
      return;
    }
    const held = this.heldUpdates;
    this.heldUpdates = null;
    if (held?.length) Y.applyUpdate(this.doc, Y.mergeUpdates(held), this);
  }

  /** Drops the connection and makes a fresh one (a new handshake resends unsaved changes). */
  reconnect() {
    if (this.destroyed) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  /** Sends a raw message (tests use it to send what a misbehaving client would). */
  sendRaw(event: string, payload: unknown, ack?: (result: AckResult) => void) {
    if (ack) this.socket.emit(event, payload, ack);
    else this.socket.emit(event, payload);
  }

  override destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.socket.connected) awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], "local");
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    super.destroy();
  }
}
