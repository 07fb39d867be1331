import type { Namespace, Server } from "socket.io";
import * as Y from "yjs";
import { z } from "zod";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import { singleton } from "~/infra/runtime.server.ts";
import { can } from "~/policy/index.ts";
import { authenticateSocket, socketUser } from "~/realtime/socket-server.server.ts";
import { loadStoredState } from "./persistence.server.ts";
import { COLLAB_NAMESPACE, type CollabErrorCode, type DocEventKind } from "./protocol.ts";
import { registry, type Connection, type ServerOrigin, type SharedDoc } from "./shared-doc.server.ts";

const holder = singleton("collabNamespace", () => ({ nsp: null as Namespace | null }));

const handshakeSchema = z.object({ documentId: z.string().min(1).max(64) });

/**
 * The collaboration channel: socket.io namespace /collab on the app's server. The handshake is
 * the session cookie (authenticateSocket) and `auth.documentId`; joining checks the policy
 * (document:read), and every change is checked again (document:edit) by the shared document.
 */
export function attachCollab(io: Server): void {
  const nsp = io.of(COLLAB_NAMESPACE);
  holder.nsp = nsp;
  nsp.use(authenticateSocket);
  nsp.use(async (socket, next) => {
    try {
      const parsed = handshakeSchema.safeParse(socket.handshake.auth);
      if (!parsed.success) return next(new Error("NOT_FOUND"));
      const user = socketUser(socket);
      const access = await loadDocumentAccess(parsed.data.documentId, user);
      if (!access) return next(new Error("NOT_FOUND"));
      if (!can(user, "document:read", access.resource)) return next(new Error("FORBIDDEN"));
      socket.data.documentId = access.documentId;
      socket.data.canEdit = can(user, "document:edit", access.resource);
      socket.data.status = access.resource.status;
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  nsp.on("connection", (socket) => {
    const documentId = socket.data.documentId as string;
    const connection: Connection = {
      socket,
      user: socketUser(socket),
      canEdit: socket.data.canEdit as boolean,
      clientIds: new Set(),
      rejected: 0,
    };
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
    registry.get(documentId).then(
      (doc) => {
        if (!doc) return fail("NOT_FOUND");
        if (socket.disconnected) return doc.scheduleUnload();
        shared = doc;
        doc.addConnection(connection, socket.data.status as string);
        for (const handler of waiting.splice(0)) handler();
      },
      (error) => {
        console.error(`[collab] 加载文档 ${documentId} 失败：`, error);
        fail("NOT_FOUND");
      },
    );
  });
}

/** Tells everyone on a document that a panel's data changed (comments, versions, status, details). */
export function notifyDocument(documentId: string, kind: DocEventKind): void {
  holder.nsp?.to(`doc:${documentId}`).emit("doc-event", { kind });
}

/**
 * Re-checks each connected person's rights after a status change (review locks the text) or a
 * membership change: editors may become readers and vice versa, without reconnecting.
 */
export async function refreshDocumentAccess(documentId: string): Promise<void> {
  const doc = await registry.peek(documentId);
  if (!doc) return;
  await Promise.all(
    [...doc.connections.values()].map(async (connection) => {
      const access = await loadDocumentAccess(documentId, connection.user);
      if (!access || !can(connection.user, "document:read", access.resource)) {
        connection.socket.emit("collab-error", { code: "FORBIDDEN" });
        connection.socket.disconnect();
        return;
      }
      connection.canEdit = can(connection.user, "document:edit", access.resource);
      connection.socket.emit("access", { canEdit: connection.canEdit, status: access.resource.status });
    }),
  );
}

/** A deleted document: everyone is told and disconnected, nothing more is saved. */
export function closeDocument(documentId: string): Promise<void> {
  return registry.closeAll("DELETED", documentId);
}

/**
 * A change the server makes to a body (restore a version, fill from an import): applied to the
 * live document so connected editors see it at once, stored like any other change.
 */
export async function changeDocumentBody(documentId: string, userId: string | null, change: (doc: Y.Doc) => void): Promise<void> {
  const shared = await registry.get(documentId);
  if (!shared) throw new Response("Not Found", { status: 404 });
  shared.holds += 1;
  try {
    const origin: ServerOrigin = { server: true, userId };
    shared.doc.transact(() => change(shared.doc), origin);
    if (!(await shared.whenStored())) throw new Error("文档修改未能保存");
    await shared.save();
  } finally {
    shared.holds -= 1;
    shared.scheduleUnload();
  }
}

/** The body as stored now (live copy when loaded, else database state plus increments). */
export async function currentState(documentId: string): Promise<Uint8Array | null> {
  const shared = await registry.peek(documentId);
  if (shared) {
    await shared.whenStored();
    return Y.encodeStateAsUpdate(shared.doc);
  }
  const stored = await loadStoredState(documentId);
  if (!stored) return null;
  const parts = [stored.state, ...stored.updates].filter((part): part is Uint8Array => !!part && part.length > 0);
  if (!parts.length) return new Uint8Array(Y.encodeStateAsUpdate(new Y.Doc()));
  return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}
