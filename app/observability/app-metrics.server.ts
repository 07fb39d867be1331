import { Gauge, type Registry } from "prom-client";
import type { Server } from "socket.io";
import { collabStats } from "~/collab/collab-socket.server.ts";
import { pool, prisma } from "~/db/client.server.ts";
import { outboxBacklog } from "~/search/outbox.server.ts";

/** States of a pg-boss job still to finish (pg-boss 10's `pgboss.job.state`). */
const WAITING_STATES = ["created", "retry", "active"] as const;

/**
 * The application's gauges on the server's registry (decision 128), read at each scrape: open
 * socket.io connections, the collaboration worker's open documents and connections, the search
 * outbox backlog and the age of its oldest change, the job queue's jobs by queue and state, and
 * the database pool. Registered once, through the app hooks (the server has `io`).
 */
/** One read for the gauges that show parts of it in the same scrape (they are collected together). */
function sharedWhileRunning<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => (running ??= read().finally(() => (running = null)));
}

export function registerAppMetrics(registry: Registry, io: Server): void {
  if (registry.getSingleMetric("fudao_socketio_connections")) return;
  const collab = sharedWhileRunning(collabStats);
  new Gauge({
    name: "fudao_socketio_connections",
    help: "Open socket.io connections (pages' live updates) in this process",
    registers: [registry],
    collect() {
      this.set(io.engine.clientsCount);
    },
  });
  new Gauge({
    name: "fudao_collab_open_documents",
    help: "Documents the collaboration worker holds open in memory",
    registers: [registry],
    async collect() {
      this.set((await collab()).documents);
    },
  });
  new Gauge({
    name: "fudao_collab_connections",
    help: "Editors connected to open documents (collaboration worker)",
    registers: [registry],
    async collect() {
      this.set((await collab()).connections);
    },
  });
  const backlog = sharedWhileRunning(() => outboxBacklog().catch(() => null));
  new Gauge({
    name: "fudao_search_outbox_backlog",
    help: "Changes waiting in the search outbox (counted up to 10000)",
    registers: [registry],
    async collect() {
      const found = await backlog();
      if (found) this.set(found.pending);
    },
  });
  new Gauge({
    name: "fudao_search_outbox_oldest_age_seconds",
    help: "Age of the oldest change waiting in the search outbox (0 when empty)",
    registers: [registry],
    async collect() {
      const found = await backlog();
      if (found) this.set(found.oldestSeconds);
    },
  });
  new Gauge({
    name: "fudao_job_queue_jobs",
    help: "Jobs not yet finished in the job queue (pg-boss), by queue and state",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await prisma
        .$queryRawUnsafe<Array<{ name: string; state: string; count: number }>>(
          `SELECT name, state::text AS state, count(*)::int AS count FROM pgboss.job WHERE state::text = ANY($1) GROUP BY 1, 2`,
          [...WAITING_STATES],
        )
        .catch(() => []);
      for (const row of rows) this.set({ queue: row.name, state: row.state }, row.count);
    },
  });
  new Gauge({
    name: "fudao_db_pool_connections",
    help: "The database pool's connections (Prisma and the hot paths): total, idle, and requests waiting for one",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  });
  new Gauge({
    name: "fudao_db_pool_max",
    help: "The database pool's size limit",
    registers: [registry],
    collect() {
      this.set(pool.options.max ?? 10);
    },
  });
}
