/**
 * The collaboration worker (decision 035): a lean Node process, started by the app, that holds
 * the open documents and serves the socket.io namespace /collab. The app accepts the HTTP
 * connection and hands the upgraded socket over; from then on every message of the document
 * flows through this process only. The policy and the cold path of storage (loading, compaction,
 * versions) stay in the app and are asked for over the IPC link.
 */
import http from "node:http";
import type { Socket as NetSocket } from "node:net";
import { Server, type Socket } from "socket.io";
import msgpackParser from "socket.io-msgpack-parser";
import * as Y from "yjs";
import { disconnectSessions, sessionRoom, watchEndedSessions } from "../../auth/ended-sessions.server.ts";
import { COLLAB_NAMESPACE, COLLAB_PATH, MAX_SOCKET_MESSAGE_BYTES, type CollabErrorCode } from "../protocol.ts";
import type { AccessDecision } from "../../documents/live-body.server.ts";
import { Link, type AppRequests, type UpgradeMessage, type WorkerRequests, type WorkerStart } from "../worker-link.ts";
import { DocRegistry, type Connection, type ServerOrigin, type SharedDoc } from "./shared-doc.ts";
import { guardUnhandledPgErrors } from "../../infra/pg-error-guard.ts";
import { UpdateLog } from "./update-log.ts";
import { FanOut, fromBase64, type FanOutKind } from "./fan-out.ts";

if (!process.send || !process.env.DATABASE_URL) {
  console.error("协同服务进程须由应用启动（缺少 IPC 通道或 DATABASE_URL）。");
  process.exit(1);
}

guardUnhandledPgErrors((line) => console.log(`[collab] ${line}`));
const settings = JSON.parse(process.env.COLLAB_SETTINGS ?? "{}") as WorkerStart;
const app = new Link<WorkerRequests, AppRequests>(process as never);
const log = (line: string) => console.log(`[collab] ${line}`);
// Several app instances on one database (decision 116): the workers tell each other through
// PostgreSQL. The app's configuration says which mode it runs in (FUDAO_INSTANCES=multi). Alone,
// nothing of this runs.
const multiInstance = settings.multiInstance === true;
const updateLog = new UpdateLog(process.env.DATABASE_URL, { max: multiInstance ? 4 : 2 });
const fanOut = multiInstance
  ? new FanOut(process.env.DATABASE_URL, { message: (kind, documentId, data) => void fromElsewhere(kind, documentId, data), reconnected: () => void catchUpAll() }, log)
  : null;
if (fanOut) updateLog.onWritten = (documentIds) => documentIds.forEach((documentId) => fanOut.publish("l", documentId));
// A safety net under the announcements (best effort): every held document reads the log rows it
// has not applied every few seconds, so a lost "l" delays another instance's edits, never loses them.
if (fanOut) setInterval(() => void catchUpRows(), 3_000).unref();
const registry = new DocRegistry({
  log: updateLog,
  fanOut,
  settings,
  load: (documentId) => app.request("load", { documentId }),
  compact: (documentId, state, watermark, text) => app.request("compact", { documentId, state, watermark, text }),
});

// One binary WebSocket frame per message (msgpack) instead of socket.io's text header plus a
// binary attachment; only websocket transport (the app hands over upgraded connections only).
const io = new Server({
  path: COLLAB_PATH,
  serveClient: false,
  transports: ["websocket"],
  parser: msgpackParser,
  maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
});
io.attach(http.createServer()); // never listens: connections arrive from the app
const nsp = io.of(COLLAB_NAMESPACE);

// The worker hears of ended sessions from PostgreSQL itself (decision 009), not through the app:
// their sockets close and send nothing more, whichever app instance ended the session.
const endedSessions = watchEndedSessions({
  databaseUrl: process.env.DATABASE_URL,
  applicationName: "fudao-collab-sessions",
  log: (line) => console.log(`[collab] ${line}`),
  *openSessions() {
    for (const socket of nsp.sockets.values()) if (socket.data?.sessionId) yield socket.data.sessionId as string;
  },
  end: (sessionIds) => disconnectSessions(nsp, sessionIds, (socket) => socket.emit("collab-error", { code: "SESSION_ENDED" })),
});

nsp.use(async (socket, next) => {
  try {
    const documentId = (socket.handshake.auth as { documentId?: unknown }).documentId;
    if (typeof documentId !== "string" || !documentId || documentId.length > 64) return next(new Error("NOT_FOUND"));
    const admission = await app.request("admit", { cookie: socket.request.headers.cookie, documentId });
    if (!admission.ok) return next(new Error(admission.code));
    if (endedSessions.hasEnded(admission.sessionId)) return next(new Error("UNAUTHENTICATED"));
    socket.data = { user: admission.user, sessionId: admission.sessionId, documentId: admission.documentId, canEdit: admission.canEdit, status: admission.status };
    next();
  } catch (error) {
    next(error as Error);
  }
});

nsp.on("connection", (socket: Socket) => {
  const { user, sessionId, documentId, canEdit, status } = socket.data as { user: Connection["user"]; sessionId: string; documentId: string; canEdit: boolean; status: string };
  const connection: Connection = { socket, user, canEdit, clientIds: new Set(), rejected: 0 };
  let shared: SharedDoc | null = null;
  const waiting: Array<() => void> = [];
  const run = (handler: () => void) => (shared ? handler() : waiting.push(handler));
  const fail = (code: CollabErrorCode) => {
    socket.emit("collab-error", { code });
    socket.disconnect();
  };
  socket.on("sync", (payload: unknown, ack?: unknown) =>
    run(() => {
      const error = shared!.handleSync(connection, payload, typeof ack === "function" ? (ack as never) : undefined);
      if (error) fail(error);
    }),
  );
  socket.on("awareness", (payload: unknown) =>
    run(() => {
      const error = shared!.handleAwareness(connection, payload);
      if (error) fail(error);
    }),
  );
  socket.on("disconnect", () => shared?.removeConnection(socket.id));
  // In the same turn as this last check: a session ending from now on finds the socket in its room.
  if (endedSessions.hasEnded(sessionId)) return fail("SESSION_ENDED");
  socket.join(sessionRoom(sessionId));
  registry.get(documentId).then(
    (doc) => {
      if (!doc) return fail("NOT_FOUND");
      if (socket.disconnected) return doc.scheduleUnload();
      shared = doc;
      doc.addConnection(connection, status);
      for (const handler of waiting.splice(0)) handler();
    },
    (error) => {
      console.error(`[collab] 加载文档 ${documentId} 失败：`, error);
      fail("NOT_FOUND");
    },
  );
});

/** A message from another instance's worker (decision 116, app/collab/worker/fan-out.ts). */
async function fromElsewhere(kind: FanOutKind, documentId: string, data: string) {
  if (kind === "e") return void nsp.to(`doc:${documentId}`).emit("doc-event", { kind: data });
  if (kind === "x") return registry.closeAll("DELETED", documentId);
  if (kind === "r") return reaccess(documentId);
  const doc = await registry.peek(documentId);
  if (!doc || doc.closed) return;
  if (kind === "u") doc.receive(fromBase64(data));
  else if (kind === "a") doc.receiveAwareness(fromBase64(data));
  else if (kind === "l") void doc.sync("rows");
  else if (kind === "c") void doc.sync("full");
}

/** Re-checked rights of open connections: editors may become readers, or be shown out. */
function applyAccess(doc: SharedDoc, decisions: AccessDecision[]) {
  for (const decision of decisions) {
    const connection = doc.connections.get(decision.connectionId);
    if (!connection) continue;
    if ("forbidden" in decision) {
      connection.socket.emit("collab-error", { code: "FORBIDDEN" });
      connection.socket.disconnect();
      continue;
    }
    connection.canEdit = decision.canEdit;
    connection.socket.emit("access", { canEdit: decision.canEdit, status: decision.status });
  }
}

/** Another instance changed who may do what with the document: this app re-checks this worker's editors. */
async function reaccess(documentId: string) {
  const doc = await registry.peek(documentId);
  if (!doc?.connections.size) return;
  const connections = [...doc.connections.values()].map((c) => ({ connectionId: c.socket.id, user: c.user }));
  applyAccess(doc, await app.request("reaccess", { documentId, connections }));
}

async function catchUpRows() {
  for (const doc of await registry.loaded()) if (doc.connections.size) void doc.sync("rows");
}

/** After the listening connection was lost (or at its first start): every held document catches up. */
async function catchUpAll() {
  for (const doc of await registry.loaded()) void doc.sync("full");
}

/** Runs `work` with the document loaded and kept loaded (restore, import, reads by the app). */
async function withDocument<T>(documentId: string, work: (doc: SharedDoc) => Promise<T>): Promise<T | null> {
  const shared = await registry.get(documentId);
  if (!shared) return null;
  shared.holds += 1;
  try {
    return await work(shared);
  } finally {
    shared.holds -= 1;
    shared.scheduleUnload();
  }
}

app.serve({
  notify({ documentId, kind }) {
    nsp.to(`doc:${documentId}`).emit("doc-event", { kind });
    fanOut?.publish("e", documentId, kind);
  },
  async connections({ documentId }) {
    const doc = await registry.peek(documentId);
    return doc ? [...doc.connections.values()].map((c) => ({ connectionId: c.socket.id, user: c.user })) : [];
  },
  async access({ documentId, decisions }) {
    // The other instances' editors of the document are checked by their own app.
    fanOut?.publish("r", documentId);
    const doc = await registry.peek(documentId);
    if (doc) applyAccess(doc, decisions);
  },
  close: ({ documentId }) => {
    fanOut?.publish("x", documentId);
    return registry.closeAll("DELETED", documentId);
  },
  async state({ documentId, load }) {
    const read = async (doc: SharedDoc) => {
      await doc.whenStored();
      return Y.encodeStateAsUpdate(doc.doc);
    };
    if (load) return withDocument(documentId, read);
    const doc = await registry.peek(documentId);
    return doc ? read(doc) : null;
  },
  async change({ documentId, userId, update }) {
    const done = await withDocument(documentId, async (shared) => {
      const origin: ServerOrigin = { server: true, userId };
      shared.apply(update, origin);
      if (!(await shared.whenStored())) throw new Error("文档修改未能保存");
      await shared.save();
      return true;
    });
    return done ?? false;
  },
  loaded: async ({ documentId }) => (await registry.peek(documentId)) !== null,
  async stats() {
    const docs = await registry.loaded();
    return { documents: docs.length, connections: docs.reduce((sum, doc) => sum + doc.connections.size, 0) };
  },
  async fold({ documentIds }) {
    let folded = 0;
    for (const documentId of documentIds) {
      const doc = await registry.get(documentId);
      if (!doc) continue;
      await doc.save();
      await registry.unload(doc);
      folded++;
    }
    return folded;
  },
  async shutdown() {
    await endedSessions.close();
    await registry.closeAll("SHUTDOWN");
    await fanOut?.close();
    await updateLog.end();
    setImmediate(() => process.exit(0));
  },
});

process.on("message", (message: unknown, handle: unknown) => {
  if (!message || typeof message !== "object" || !("upgrade" in message)) return;
  const socket = handle as NetSocket | undefined;
  if (!socket) return;
  const { method, url, headers, head } = (message as UpgradeMessage).upgrade;
  // engine.io reads method, url, headers and the connection of the request it upgrades.
  const request = { method, url, headers, httpVersion: "1.1", socket, connection: socket } as unknown as http.IncomingMessage;
  io.engine.handleUpgrade(request, socket, Buffer.from(head));
});

// The app is gone (stopped or killed): acknowledged edits are stored already; stop at once so
// that nothing is acknowledged without the app and the port's connections close.
process.on("disconnect", () => process.exit(0));
// A message that cannot reach the app any more (it is gone: see above) is not a crash.
process.on("error", () => {});
// Ctrl+C in a terminal or a service manager's SIGTERM reaches the whole process group, the worker
// too. The app decides when the worker stops (after the requests under way, decision 091) and asks
// it to save and exit; if the app is gone instead, "disconnect" ends the worker.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});

process.send({ ready: true });
