/** The live board's socket.io events (app/camp/judged/board-live.server.ts, pages/board.tsx). */
export const BOARD_WATCH = "camp-board:watch";
export const BOARD_CHANGED = "camp-board:changed";
