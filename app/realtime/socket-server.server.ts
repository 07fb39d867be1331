import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { getUserFromCookieHeader, type SessionUser } from "~/auth/session.server.ts";

export interface SocketData {
  user: SessionUser;
}

/** Room every connection of one person joins, so features can notify them on all their tabs. */
export const userRoom = (userId: string) => `user:${userId}`;

/**
 * socket.io on the app's own HTTP server and port. The handshake is authenticated with the same
 * session cookie as the pages; anonymous connections are refused before any event is handled.
 */
export function createSocketServer(httpServer: HttpServer): Server {
  const io = new Server<Record<string, never>, Record<string, (...args: unknown[]) => void>, Record<string, never>, SocketData>(
    httpServer,
    { path: "/socket.io", serveClient: false, maxHttpBufferSize: 2 * 1024 * 1024 },
  );
  io.use(async (socket, next) => {
    try {
      const user = await getUserFromCookieHeader(socket.request.headers.cookie);
      if (!user) return next(new Error("UNAUTHENTICATED"));
      socket.data.user = user;
      next();
    } catch (error) {
      next(error as Error);
    }
  });
  io.on("connection", (socket) => {
    socket.join(userRoom(socket.data.user.id));
    socket.emit("session", { userId: socket.data.user.id, name: socket.data.user.name });
  });
  return io as unknown as Server;
}
