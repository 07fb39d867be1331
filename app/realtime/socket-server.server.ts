import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { Server, type Socket } from "socket.io";
import { getUserFromCookieHeader, type SessionUser } from "~/auth/session.server.ts";
import { attachCollab } from "~/collab/collab-socket.server.ts";
import { COLLAB_PATH } from "~/collab/protocol.ts";
import { handshakeFromOwnOrigin } from "~/infra/origin.server.ts";
import { setSocketServer, userRoom } from "./emit.server.ts";

/** Features that add socket.io namespaces, events or their own channels register here (one line each). */
const socketFeatures: Array<(io: Server, httpServer: HttpServer) => void> = [(_io, httpServer) => attachCollab(httpServer)];

/**
 * socket.io handshake check for any namespace: the same session cookie as the pages. Anonymous
 * connections are refused before any event is handled; `socket.data.user` is set otherwise.
 */
export async function authenticateSocket(socket: Socket, next: (error?: Error) => void): Promise<void> {
  try {
    const user = await getUserFromCookieHeader(socket.request.headers.cookie);
    if (!user) return next(new Error("UNAUTHENTICATED"));
    socket.data.user = user;
    next();
  } catch (error) {
    next(error as Error);
  }
}

export function socketUser(socket: Socket): SessionUser {
  return socket.data.user as SessionUser;
}

const SOCKET_PATH = "/socket.io";
/** WebSocket upgrades someone answers: socket.io here, the collaboration worker (handed over). */
const UPGRADE_PATHS = [`${SOCKET_PATH}/`, `${COLLAB_PATH}/`];

/**
 * An upgrade request for a path nobody serves is closed after a second. socket.io's own version
 * of this (`destroyUpgrade`) is off: it would also close connections still queued for the hand-over
 * to the collaboration worker, which under a burst of connections can take longer than that.
 */
function closeStrayUpgrades(httpServer: HttpServer) {
  httpServer.on("upgrade", (request: IncomingMessage, socket: Duplex & { bytesWritten?: number }) => {
    if (UPGRADE_PATHS.some((path) => request.url?.startsWith(path))) return;
    setTimeout(() => {
      if (socket.writable && !socket.bytesWritten) socket.end();
    }, 1_000).unref();
  });
}

/** socket.io on the app's own HTTP server and port. */
export function createSocketServer(httpServer: HttpServer): Server {
  const io = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: 2 * 1024 * 1024,
    destroyUpgrade: false,
    // Browsers send Origin on every handshake; one from another site is refused like a form post.
    allowRequest: (request, callback) => (handshakeFromOwnOrigin(request) ? callback(null, true) : callback("ORIGIN_REFUSED", false)),
  });
  closeStrayUpgrades(httpServer);
  io.use(authenticateSocket);
  io.on("connection", (socket) => {
    const user = socketUser(socket);
    socket.join(userRoom(user.id));
    socket.emit("session", { userId: user.id, name: user.name });
  });
  for (const attach of socketFeatures) attach(io, httpServer);
  setSocketServer(io);
  return io;
}
