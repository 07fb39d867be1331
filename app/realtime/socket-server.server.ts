import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { Server, type Socket } from "socket.io";
import { getSignedInFromCookieHeader, type SessionUser } from "~/auth/session.server.ts";
import { handshakeFromOwnOrigin } from "~/infra/origin.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { setSocketServer, userRoom } from "./emit.server.ts";
import { createInstancesAdapter } from "./instances-adapter.server.ts";
import { endSocketsWithTheirSessions, sessionEndedFor } from "./session-sockets.server.ts";
import { lineLogger } from "~/observability/logger.server.ts";

/**
 * A feature's part of the socket server: namespaces and events on `io`, or a channel of its own
 * answering WebSocket upgrades under `upgradePath`. The app's list is SOCKET_FEATURES in
 * app/composition/socket-features.server.ts.
 */
export interface SocketFeature {
  attach(io: Server, httpServer: HttpServer): void;
  upgradePath?: string;
}

/**
 * socket.io handshake check for any namespace: the same session cookie as the pages. Anonymous
 * connections (and sessions still waiting for a first password) are refused before any event is
 * handled; `socket.data.user` and `socket.data.sessionId` are set otherwise, and the socket ends
 * with its session (session-sockets.server.ts).
 */
export async function authenticateSocket(socket: Socket, next: (error?: Error) => void): Promise<void> {
  try {
    const signedIn = await getSignedInFromCookieHeader(socket.request.headers.cookie);
    if (!signedIn || signedIn.passwordMustChange || sessionEndedFor(socket, signedIn.sessionId)) return next(new Error("UNAUTHENTICATED"));
    socket.data.user = signedIn.user;
    socket.data.sessionId = signedIn.sessionId;
    next();
  } catch (error) {
    next(error as Error);
  }
}

export function socketUser(socket: Socket): SessionUser {
  return socket.data.user as SessionUser;
}

const SOCKET_PATH = "/socket.io";

/**
 * An upgrade request for a path nobody serves is closed after a second. socket.io's own version
 * of this (`destroyUpgrade`) is off: it would also close connections still queued for the hand-over
 * to the collaboration worker, which under a burst of connections can take longer than that.
 */
function closeStrayUpgrades(httpServer: HttpServer, features: SocketFeature[]) {
  // WebSocket upgrades someone answers: socket.io here, and features' own channels (the
  // collaboration worker's, handed over).
  const answered = [`${SOCKET_PATH}/`, ...features.flatMap((feature) => (feature.upgradePath ? [feature.upgradePath] : []))];
  httpServer.on("upgrade", (request: IncomingMessage, socket: Duplex & { bytesWritten?: number }) => {
    if (answered.some((path) => request.url?.startsWith(path))) return;
    setTimeout(() => {
      if (socket.writable && !socket.bytesWritten) socket.end();
    }, 1_000).unref();
  });
}

/**
 * socket.io on the app's own HTTP server and port, with the features' parts. In multi-instance
 * mode its rooms span the instances through PostgreSQL (decision 110): what one instance sends to
 * a person's or a board's room reaches their sockets on every instance. Otherwise the in-memory
 * adapter, as ever.
 */
export function createSocketServer(httpServer: HttpServer, features: SocketFeature[] = []): Server {
  const runtime = getRuntime();
  const instances = runtime.multiInstance ? createInstancesAdapter(runtime.databaseUrl, lineLogger("realtime")) : null;
  if (instances) httpServer.once("close", () => void instances.close());
  const io = new Server(httpServer, {
    // Across instances a long-polling connection's requests would land on different instances: the
    // browser connects by WebSocket only (decision 110), and so must anything else.
    ...(instances ? { adapter: instances.adapter, transports: ["websocket" as const] } : {}),
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: 2 * 1024 * 1024,
    destroyUpgrade: false,
    // Browsers send Origin on every handshake; one from another site is refused like a form post.
    allowRequest: (request, callback) => (handshakeFromOwnOrigin(request, lineLogger("realtime", "warn")) ? callback(null, true) : callback("ORIGIN_REFUSED", false)),
  });
  closeStrayUpgrades(httpServer, features);
  endSocketsWithTheirSessions(io, httpServer);
  io.use(authenticateSocket);
  io.on("connection", (socket) => {
    const user = socketUser(socket);
    socket.join(userRoom(user.id));
    socket.emit("session", { userId: user.id, name: user.name });
  });
  for (const feature of features) feature.attach(io, httpServer);
  setSocketServer(io);
  return io;
}
