import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { getUserFromCookieHeader, type SessionUser } from "~/auth/session.server.ts";
import { attachCollab } from "~/collab/collab-socket.server.ts";
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

/** socket.io on the app's own HTTP server and port. */
export function createSocketServer(httpServer: HttpServer): Server {
  const io = new Server(httpServer, { path: "/socket.io", serveClient: false, maxHttpBufferSize: 2 * 1024 * 1024 });
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
