import pg from "pg";
import { serviceState, setServiceState } from "./supervisor.server.ts";

export interface DatabaseWatch {
  /** Checks now (e.g. right after the supervisor restarted the server). */
  check(): void;
  close(): Promise<void>;
}

/**
 * Whether the database can be reached, for the 503 page and /healthz (decision 090): one
 * long-lived connection, asked `SELECT 1` every `everyMs`. It notices a lost connection at once
 * (the server closes it when it stops or dies); it then reconnects with a growing pause, and the
 * state is "down" until it is back. Works the same for the embedded and an external server; while
 * the supervisor restarts the embedded one, the state it set ("restarting") is kept.
 */
export function watchDatabase(databaseUrl: string, log: (line: string) => void, everyMs = 1_000): DatabaseWatch {
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;

  const mark = (reachable: boolean) => {
    const before = serviceState("database");
    if (reachable) {
      if (before !== "ok") log("数据库已恢复，页面恢复正常。");
      setServiceState("database", "ok");
      failures = 0;
    } else if (before === "ok") {
      setServiceState("database", "down");
      log("无法连接数据库：页面暂时显示“正在恢复”（503），恢复后自动继续。");
    }
  };

  const drop = (db: pg.Client) => {
    if (client === db) client = null;
    db.end().catch(() => {});
  };

  const connect = () =>
    (connecting ??= (async () => {
      const db = new pg.Client({ connectionString: databaseUrl, application_name: "fudao-health", connectionTimeoutMillis: 2_000 });
      db.on("error", () => {
        drop(db);
        if (!closed) mark(false);
        schedule(0);
      });
      db.on("end", () => {
        if (client === db && !closed) {
          client = null;
          mark(false);
          schedule(0);
        }
      });
      try {
        await db.connect();
        (db as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        if (closed) return void db.end().catch(() => {});
        client = db;
      } catch {
        drop(db);
      }
    })().finally(() => (connecting = null)));

  const probe = async () => {
    if (closed) return;
    if (!client) await connect();
    const db = client;
    if (!db) {
      failures += 1;
      if (serviceState("database") !== "restarting") mark(false);
      return schedule(Math.min(5_000, 250 * 2 ** Math.min(failures, 5)));
    }
    try {
      await db.query("SELECT 1");
      if (serviceState("database") !== "restarting") mark(true);
    } catch {
      drop(db);
      if (serviceState("database") !== "restarting") mark(false);
      return schedule(0);
    }
    schedule(everyMs);
  };

  function schedule(ms: number) {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void probe();
    }, ms);
    timer.unref();
  }

  schedule(0);
  return {
    check: () => schedule(0),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const db = client;
      client = null;
      await db?.end().catch(() => {});
    },
  };
}
