/**
 * The third server of `npm run bench:collab`: the least a collaboration server can do on our
 * transport. It speaks our wire protocol (socket.io namespace /collab on path /collab-socket,
 * the msgpack parser, y-protocols sync messages as "sync" events with an acknowledgement), so the
 * benchmark's clients are the app's own CollabProvider; but it only relays: documents in memory,
 * no sign-in, no policy, no validation, no storage, every change acknowledged at once, V8's
 * default heap settings (as Hocuspocus' process has).
 *
 * What it measures: the cost of socket.io itself (packets, acknowledgements, the client library)
 * against Hocuspocus' plain WebSocket protocol. Beyond the machine's noise our server cannot be
 * faster than this floor: it does everything the floor does and more. Used only by the benchmark
 * (decision 037).
 */
import http from "node:http";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { Server } from "socket.io";
import msgpackParser from "socket.io-msgpack-parser";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

const httpServer = http.createServer();
const io = new Server(httpServer, { path: "/collab-socket", serveClient: false, transports: ["websocket"], parser: msgpackParser });
const nsp = io.of("/collab");
const documents = new Map();

/** msgpack writes a Buffer as binary (the provider reads it back as bytes); no copy is made. */
const binary = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function syncMessage(type, payload) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return binary(encoding.toUint8Array(encoder));
}

function documentNamed(name) {
  let doc = documents.get(name);
  if (!doc) {
    doc = new Y.Doc();
    // Every change goes to the room; a change from a connection goes to everyone else.
    doc.on("update", (update, origin) => (origin ?? nsp).to(`doc:${name}`).emit("sync", syncMessage(syncProtocol.messageYjsUpdate, update)));
    documents.set(name, doc);
  }
  return doc;
}

nsp.on("connection", (socket) => {
  const name = String(socket.handshake.auth.documentId);
  const doc = documentNamed(name);
  socket.join(`doc:${name}`);
  socket.emit("access", { canEdit: true, status: "DRAFT" });
  const step1 = encoding.createEncoder();
  syncProtocol.writeSyncStep1(step1, doc);
  socket.emit("sync", binary(encoding.toUint8Array(step1)));
  socket.on("sync", (payload, ack) => {
    const decoder = decoding.createDecoder(payload instanceof Uint8Array ? payload : new Uint8Array(payload));
    const type = decoding.readVarUint(decoder);
    const body = decoding.readVarUint8Array(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) socket.emit("sync", syncMessage(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(doc, body)));
    else Y.applyUpdate(doc, body, socket);
    if (typeof ack === "function") ack({ ok: true });
  });
});

httpServer.listen(0, "127.0.0.1", () => process.send?.({ ready: true, port: httpServer.address().port }));
