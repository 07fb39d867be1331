import type { Server as HttpServer } from "node:http";
import type { Namespace, Server, Socket } from "socket.io";
import { disconnectSessions, sessionRoom, watchEndedSessions, type EndedSessions } from "~/auth/ended-sessions.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { lineLogger } from "~/observability/logger.server.ts";

/**
 * The sockets of a session end with it (decision 009): every socket joins its session's room when
 * it connects, and when PostgreSQL reports ended sessions this server tells those sockets
 * ("session-ended") and closes them, in every namespace. Several app instances each listen.
 */
const watches = new WeakMap<Server, EndedSessions>();

/** True when the handshake's session ended while it was being read (the socket is refused). */
export function sessionEndedFor(socket: Socket, sessionId: string): boolean {
  return watches.get(socket.nsp.server)?.hasEnded(sessionId) ?? false;
}

export function endSocketsWithTheirSessions(io: Server, httpServer: HttpServer): void {
  const namespaces = () => (io as unknown as { _nsps: Map<string, Namespace> })._nsps.values();
  const watch = watchEndedSessions({
    databaseUrl: getRuntime().databaseUrl,
    applicationName: "fudao-app-sessions",
    log: lineLogger("realtime"),
    *openSessions() {
      for (const nsp of namespaces()) for (const socket of nsp.sockets.values()) if (socket.data.sessionId) yield socket.data.sessionId as string;
    },
    end(sessionIds) {
      for (const nsp of namespaces()) disconnectSessions(nsp, sessionIds, (socket) => socket.emit("session-ended"));
    },
  });
  watches.set(io, watch);

  // Joined on connection, in the same turn as the last check: a session that ended after the
  // handshake read it is either caught here or finds the socket in its room.
  const join = (socket: Socket) => {
    const sessionId = socket.data.sessionId as string | undefined;
    if (!sessionId) return;
    if (watch.hasEnded(sessionId)) {
      socket.emit("session-ended");
      socket.disconnect(true);
      return;
    }
    socket.join(sessionRoom(sessionId));
  };
  for (const nsp of namespaces()) nsp.on("connection", join);
  io.on("new_namespace", (nsp) => nsp.on("connection", join));
  httpServer.once("close", () => void watch.close());
}
