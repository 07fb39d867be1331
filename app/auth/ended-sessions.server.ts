/**
 * Ended sessions reach open sockets (decision 009). Deleting a row of "Session" — sign-out, a
 * password change or reset, disabling the account, on any app instance or by hand — makes
 * PostgreSQL notify channel `session_ended` with the ids when the deletion commits (a trigger, see
 * the migration passwords_and_ended_sessions). Every process that holds sockets (each instance's
 * socket.io server and its collaboration worker) listens on its own connection and closes the
 * sockets of those sessions.
 *
 * This module is shared by the app and the collaboration worker, so it uses node-postgres and
 * socket.io only (the worker stays lean, without Prisma).
 */
import pg from "pg";
import type { Namespace, Socket } from "socket.io";

export const SESSION_ENDED_CHANNEL = "session_ended";

/** The room every socket of one session joins, in every namespace. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** A session still valid: not deleted, not expired, its account enabled and not waiting for a new password. */
const STILL_VALID = `
  SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s."userId"
  WHERE s.id = ANY($1::text[]) AND s."expiresAt" > now() AND u.active AND NOT u."passwordMustChange"`;

/** How long an ended session is remembered for handshakes that read it just before it ended. */
const REMEMBER_MS = 10 * 60_000;

export interface EndedSessionsOptions {
  databaseUrl: string;
  /** Shown in pg_stat_activity (tests find the connection by it). */
  applicationName: string;
  /** Session ids of the sockets open in this process. */
  openSessions: () => Iterable<string>;
  /** Closes every socket of these sessions. */
  end: (sessionIds: string[]) => void;
  log?: (line: string) => void;
  /** Besides notifications, open sockets are checked this often (expired sessions; a lost connection). */
  sweepMs?: number;
}

export interface EndedSessions {
  /**
   * True when the session ended while this process listened. A handshake checks it right after it
   * read the session, in the same turn of the event loop as it joins the session's room: so a
   * notification that arrived in between still refuses it, and a later one finds it in the room.
   */
  hasEnded(sessionId: string): boolean;
  close(): Promise<void>;
}

/**
 * Listens for ended sessions on a dedicated connection, reconnecting when it drops. After each
 * (re)connection, and every `sweepMs`, the sessions of the open sockets are checked against the
 * database, so nothing missed while the connection was down stays open.
 */
export function watchEndedSessions(options: EndedSessionsOptions): EndedSessions {
  const { databaseUrl, applicationName, openSessions, end, log = () => {}, sweepMs = 60_000 } = options;
  const ended = new Map<string, number>();
  let client: pg.Client | null = null;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  const forget = () => {
    const cutoff = Date.now() - REMEMBER_MS;
    for (const [id, at] of ended) {
      if (at > cutoff) break; // insertion order is time order
      ended.delete(id);
    }
  };

  const endNow = (ids: string[]) => {
    if (!ids.length) return;
    forget();
    const now = Date.now();
    for (const id of ids) {
      ended.delete(id);
      ended.set(id, now);
    }
    end(ids);
  };

  const sweep = async (db: pg.Client) => {
    const open = [...new Set(openSessions())];
    if (!open.length) return;
    const { rows } = await db.query<{ id: string }>(STILL_VALID, [open]);
    const valid = new Set(rows.map((row) => row.id));
    endNow(open.filter((id) => !valid.has(id)));
  };

  const scheduleReconnect = () => {
    if (closed || retry) return;
    // 0.25 s, 0.5 s, 1 s … up to 5 s between attempts.
    const delay = Math.min(5_000, 250 * 2 ** Math.min(failures, 5));
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
    retry.unref();
  };

  const connect = async () => {
    if (closed) return;
    const db = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      if (client === db) client = null;
      db.end().catch(() => {});
      scheduleReconnect();
    };
    db.on("error", lost);
    db.on("end", lost);
    db.on("notification", (message) => {
      if (message.channel === SESSION_ENDED_CHANNEL && message.payload) endNow(message.payload.split(","));
    });
    try {
      await db.connect();
      // The socket must not keep a process (or a test run) alive on its own.
      (db as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await db.query(`LISTEN ${SESSION_ENDED_CHANNEL}`);
      if (closed) return void db.end().catch(() => {});
      client = db;
      if (failures > 1) log("已重新连接数据库，继续监听结束的会话。");
      failures = 0;
      // Whatever ended while nobody listened.
      await sweep(db);
    } catch (error) {
      if (failures === 0) log(`无法监听结束的会话，稍后重试：${error instanceof Error ? error.message : String(error)}`);
      lost();
    }
  };

  const timer = setInterval(() => {
    if (client) sweep(client).catch(() => {});
  }, sweepMs);
  timer.unref();
  void connect();

  return {
    hasEnded: (sessionId) => ended.has(sessionId),
    async close() {
      closed = true;
      clearInterval(timer);
      if (retry) clearTimeout(retry);
      const db = client;
      client = null;
      await db?.end().catch(() => {});
    },
  };
}

/**
 * Closes the sockets of ended sessions in one namespace: `before` may tell the client why, then
 * the namespace says goodbye ("io server disconnect": the client does not reconnect by itself) and
 * the connection closes once that is written.
 */
export function disconnectSessions(nsp: Namespace, sessionIds: readonly string[], before?: (socket: Socket) => void): number {
  let closed = 0;
  for (const sessionId of sessionIds) {
    const members = nsp.adapter.rooms.get(sessionRoom(sessionId));
    if (!members) continue;
    for (const socketId of [...members]) {
      const socket = nsp.sockets.get(socketId);
      if (!socket) continue;
      before?.(socket);
      socket.disconnect();
      socket.conn.close();
      closed += 1;
    }
  }
  return closed;
}
