import type { Server as HttpServer } from "node:http";
import { createSocketServer, type SocketFeature } from "~/realtime/socket-server.server.ts";
import { campBoardSocket } from "~/camp/judged/board-live.server.ts";
import { collaborationSocket } from "./collaboration.server.ts";

/** Features that add socket.io namespaces, events or their own channels register here (one line each). */
const SOCKET_FEATURES: SocketFeature[] = [collaborationSocket, campBoardSocket];

/** The app's socket server: socket.io (notifications, ended sessions) and every feature's part. */
export function createAppSocketServer(httpServer: HttpServer) {
  return createSocketServer(httpServer, SOCKET_FEATURES);
}
