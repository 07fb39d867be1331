import type { Server } from "socket.io";
import { singleton } from "~/infra/runtime.server.ts";

/** Room every connection of one person joins, so features can reach them on all their tabs. */
export const userRoom = (userId: string) => `user:${userId}`;

const holder = singleton("socketServer", () => ({ io: null as Server | null }));

export function setSocketServer(io: Server | null): void {
  holder.io = io;
}

/** Sends an event to everyone of `userIds` who is online; a no-op outside the running server. */
export function emitToUsers(userIds: readonly string[], event: string, payload: unknown): void {
  if (!holder.io || !userIds.length) return;
  holder.io.to(userIds.map(userRoom)).emit(event, payload);
}
