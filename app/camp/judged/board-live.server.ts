import type { Server } from "socket.io";
import { singleton } from "~/infra/runtime.server.ts";
import { can } from "~/policy/index.ts";
import { socketUser, type SocketFeature } from "~/realtime/socket-server.server.ts";
import { loadJudgedRound } from "./access.server.ts";
import { BOARD_CHANGED, BOARD_WATCH } from "./board-events.ts";

/**
 * The live board's channel: the app's socket.io connection (authenticated by the session cookie),
 * and one room per round that a page joins with `camp-board:watch` — admitted only when the policy
 * lets that person see everything of the camp ("camp:view-all"). A submitted sheet announces itself
 * to the room; the board page then reloads its data (no scores travel over the socket).
 */

const boardRoom = (roundId: string) => `camp-board:${roundId}`;

const holder = singleton("campBoardSocket", () => ({ io: null as Server | null }));

type Ack = (reply: { ok: boolean }) => void;

export const campBoardSocket: SocketFeature = {
  attach(io) {
    holder.io = io;
    io.on("connection", (socket) => {
      socket.on(BOARD_WATCH, async (request: unknown, ack?: unknown) => {
        const reply = typeof ack === "function" ? (ack as Ack) : () => {};
        const { campId, roundId } = (request ?? {}) as { campId?: unknown; roundId?: unknown };
        try {
          if (typeof campId !== "string" || typeof roundId !== "string") return reply({ ok: false });
          const { camp } = await loadJudgedRound(socketUser(socket), campId, roundId);
          if (!can(socketUser(socket), "camp:view-all", camp)) return reply({ ok: false });
          await socket.join(boardRoom(roundId));
          reply({ ok: true });
        } catch {
          reply({ ok: false });
        }
      });
    });
  },
};

/** Tells the boards watching this round that a sheet came in (after the commit). No-op outside the running server. */
export function announceSheet(roundId: string, assignmentId: string): void {
  holder.io?.to(boardRoom(roundId)).emit(BOARD_CHANGED, { roundId, assignmentId });
}
