import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";

/**
 * socket.io across app instances (decision 110): every instance's socket.io server publishes what
 * it broadcasts to a room (a person's notifications, a live board) with PostgreSQL NOTIFY, and
 * delivers what the others publish to its own sockets in that room. The adapter is
 * `@socket.io/postgres-adapter`; this module gives it its connections.
 *
 * It does not get the request pool (`app/db/client.server.ts`, 10 connections): it holds one
 * connection for LISTEN for ever, and when the database restarts the adapter reconnects without
 * giving the dead connection back (it never calls `release()` on it). Borrowed from a pg.Pool, that
 * slot would be lost at every restart until the pool had none left. So the LISTEN connection is a
 * plain client of its own, and publishing (NOTIFY, large messages in `socket_io_attachments`, the
 * clean-up of that table) goes through a pool of 2.
 */
export interface InstancesAdapter {
  adapter: ReturnType<typeof createAdapter>;
  /** Ends the adapter's connections (after `io.close()`, which closes the adapter itself). */
  close(): Promise<void>;
}

/** Shown in pg_stat_activity (tests find and terminate the LISTEN connection by it). */
export const ADAPTER_LISTEN_APPLICATION = "fudao-socketio-listen";
const ADAPTER_PUBLISH_APPLICATION = "fudao-socketio-publish";

type ListenClient = pg.Client & { release(): void };

export function createInstancesAdapter(databaseUrl: string, log: (line: string) => void): InstancesAdapter {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, query_timeout: 5_000, application_name: ADAPTER_PUBLISH_APPLICATION });
  pool.on("error", () => {}); // an idle connection the server dropped: the pool replaces it
  const handedOut = new Set<ListenClient>();
  let closed = false;
  let listenFailing = false;
  let lastPublishError = 0;

  /** The adapter asks for a client when it starts and after each lost connection. */
  const connect = async (): Promise<ListenClient> => {
    if (closed) throw new Error("closed");
    // Only one LISTEN connection is in use at a time: an earlier one still open here had its LISTEN
    // fail (the adapter then asks again without releasing it). Ended quietly: the adapter no
    // longer watches it.
    for (const old of handedOut) {
      old.removeAllListeners("end");
      void old.end().catch(() => {});
      handedOut.delete(old);
    }
    const client = new pg.Client({ connectionString: databaseUrl, application_name: ADAPTER_LISTEN_APPLICATION, keepAlive: true }) as ListenClient;
    client.on("error", () => void client.end().catch(() => {})); // 'end' follows; the adapter reconnects
    client.on("end", () => handedOut.delete(client));
    client.release = () => {
      handedOut.delete(client);
      void client.end().catch(() => {});
    };
    try {
      await client.connect();
    } catch (error) {
      if (!listenFailing) log(`实例间的实时消息暂时中断（无法连接数据库），稍后自动重连：${error instanceof Error ? error.message : String(error)}`);
      listenFailing = true;
      void client.end().catch(() => {});
      throw error;
    }
    if (listenFailing) log("已重新连接数据库，实例间的实时消息恢复。");
    listenFailing = false;
    handedOut.add(client);
    return client;
  };

  const source = {
    connect,
    query: (text: string, values?: unknown[]) => pool.query(text, values),
  };

  const adapter = createAdapter(source as unknown as pg.Pool, {
    errorHandler(error) {
      // While the database is away every publish fails: one line every 10 s is enough.
      if (Date.now() - lastPublishError < 10_000) return;
      lastPublishError = Date.now();
      log(`实例间转发实时消息失败（此条消息只送达本实例的连接）：${error.message}`);
    },
  });

  return {
    adapter,
    async close() {
      closed = true;
      for (const client of handedOut) {
        client.removeAllListeners("end");
        await client.end().catch(() => {});
      }
      handedOut.clear();
      await pool.end().catch(() => {});
    },
  };
}
