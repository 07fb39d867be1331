import pg from "pg";
import { prisma, type Db } from "~/db/client.server.ts";
import type { BackgroundTask } from "~/infra/background-task.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { defaultEngine, indexIsCurrent, OUTBOX_LOCK_KEY, pushRecords, rebuildIndex, SearchTaskError, type SearchEngine } from "./engine.server.ts";
import { engineBackoffMs, rowBackoffSeconds } from "./backoff.ts";
import { RECORD_KINDS, type RecordKind } from "./index-settings.ts";
import { currentRecords } from "./records.server.ts";

/**
 * Drains SearchOutbox into Meilisearch (docs/decisions/041-search-outbox.md).
 *
 * Triggers write a row for every change that affects a record, in the changing transaction. The
 * worker takes rows in id order, reads each named record's *current* state and writes it (or
 * deletes it), waits until Meilisearch has applied it, and only then deletes the rows. One
 * drainer at a time (an advisory lock per database), so a record's states reach the index in
 * order. When Meilisearch is unreachable the rows simply stay, and the worker retries with
 * exponential backoff; a record Meilisearch rejects is retried on its own with backoff, without
 * holding up the others.
 */

export const BATCH_SIZE = 500;

interface OutboxRow {
  id: bigint;
  kind: string;
  recordId: string;
  attempts: number;
}

export type DrainResult =
  | { status: "done"; processed: number; failed: number; more: boolean }
  | { status: "idle"; nextAt: Date | null }
  | { status: "busy" }
  | { status: "engine-down"; error: string };

function isKind(kind: string): kind is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(kind);
}

async function apply(engine: SearchEngine, db: Db, rows: OutboxRow[]): Promise<void> {
  const upserts = [];
  const deletes = [];
  for (const kind of RECORD_KINDS) {
    const ids = [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.recordId))];
    if (!ids.length) continue;
    const current = await currentRecords(db, kind, ids);
    upserts.push(...current.upserts);
    deletes.push(...current.deletes);
  }
  await pushRecords(engine, upserts, deletes);
}

/**
 * One batch: returns what happened. Errors that mean "Meilisearch is not there" are reported as
 * engine-down and leave the rows untouched.
 */
export async function drainOnce(engine: SearchEngine, { db = prisma, batchSize = BATCH_SIZE }: { db?: typeof prisma; batchSize?: number } = {}): Promise<DrainResult> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock(${OUTBOX_LOCK_KEY}) AS locked`);
      if (!lock?.locked) return { status: "busy" } as const;
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT "id", "kind", "recordId", "attempts" FROM "SearchOutbox"
        WHERE "availableAt" <= now() ORDER BY "id" LIMIT ${batchSize}`;
      if (!rows.length) {
        const [next] = await tx.$queryRaw<Array<{ at: Date | null }>>`SELECT min("availableAt") AS at FROM "SearchOutbox"`;
        return { status: "idle", nextAt: next?.at ?? null } as const;
      }
      const unknown = rows.filter((r) => !isKind(r.kind));
      const known = rows.filter((r) => !unknown.includes(r));
      // Records are read through the pool (committed state), not this transaction's connection,
      // which only holds the lock and the rows.
      let failed = new Set<bigint>();
      try {
        await apply(engine, db, known);
      } catch (error) {
        if (!(error instanceof SearchTaskError)) return { status: "engine-down", error: describe(error) } as const;
        // Meilisearch refused something: find the record(s) by trying each on its own.
        failed = await applyOneByOne(engine, db, tx, known);
      }
      // Rows of unknown kinds cannot be applied by this version: dropped, like applied ones.
      const finished = rows.filter((r) => !failed.has(r.id)).map((r) => r.id);
      await tx.$executeRaw`DELETE FROM "SearchOutbox" WHERE "id" = ANY(${finished}::bigint[])`;
      return { status: "done", processed: finished.length, failed: failed.size, more: rows.length === batchSize } as const;
    },
    { timeout: 15 * 60_000, maxWait: 10_000 },
  );
}

/** Applies rows one at a time; those Meilisearch still refuses wait with backoff. Returns their ids. */
async function applyOneByOne(engine: SearchEngine, db: Db, tx: Db, rows: OutboxRow[]): Promise<Set<bigint>> {
  const failed = new Set<bigint>();
  for (const row of rows) {
    try {
      await apply(engine, db, [row]);
    } catch (error) {
      if (!(error instanceof SearchTaskError)) throw error;
      failed.add(row.id);
      const attempts = row.attempts + 1;
      await tx.$executeRaw`
        UPDATE "SearchOutbox" SET "attempts" = ${attempts}, "lastError" = ${error.message.slice(0, 1000)},
          "availableAt" = now() + make_interval(secs => ${rowBackoffSeconds(attempts)})
        WHERE "id" = ${row.id}`;
    }
  }
  return failed;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** How many changes have not reached the index yet, and how old the oldest is. */
export async function outboxBacklog(db: Db = prisma): Promise<{ pending: number; oldestSeconds: number }> {
  const [row] = await db.$queryRaw<Array<{ pending: bigint; oldest: Date | null }>>`
    SELECT count(*) AS pending, min("createdAt") AS oldest FROM (SELECT "createdAt" FROM "SearchOutbox" LIMIT 10000) AS o`;
  const oldest = row?.oldest ? (Date.now() - row.oldest.getTime()) / 1000 : 0;
  return { pending: Number(row?.pending ?? 0), oldestSeconds: Math.max(0, oldest) };
}

// ───────────── the background task ─────────────

export interface WorkerStatus {
  engine: "unknown" | "ok" | "down" | "building";
  lastError: string | null;
  lastSuccessAt: Date | null;
}

export interface OutboxWorker extends BackgroundTask {
  status(): WorkerStatus;
  /** Resolves when the outbox is empty and the index current (tests). */
  idle(timeoutMs?: number): Promise<void>;
  wake(): void;
}

interface WorkerOptions {
  engine?: () => SearchEngine;
  databaseUrl?: () => string;
  pollMs?: number;
}

/**
 * The background task: makes sure the index exists and is current (rebuilding it when it is
 * missing or outdated — e.g. a new Meilisearch, or a new record version), then drains the outbox
 * as changes arrive (LISTEN search_outbox) and at least every few seconds.
 */
export function createOutboxWorker({ engine = defaultEngine, databaseUrl = () => getRuntime().databaseUrl, pollMs = 5_000 }: WorkerOptions = {}): OutboxWorker {
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let listener: pg.Client | null = null;
  let ready = false;
  let engineFailures = 0;
  const state: WorkerStatus = { engine: "unknown", lastError: null, lastSuccessAt: null };
  let log: (line: string) => void = () => {};
  // A waiter is released by an idle drain that started after it came (not by one already under way,
  // which may have looked at the outbox before the waiter's change was committed).
  let drains = 0;
  let idleWaiters: Array<{ after: number; resolve: () => void }> = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  // The listening connection; when it drops (the database restarts), it is opened again every
  // 2 s until that works. Meanwhile the worker polls the outbox (pollMs).
  async function listen() {
    if (!running || listener) return;
    const client = new pg.Client({ connectionString: databaseUrl() });
    let lost = false;
    const relisten = () => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = null;
      client.end().catch(() => {});
      if (running) setTimeout(() => void listen().catch(() => {}), 2_000).unref();
    };
    client.on("notification", () => wakeUp?.());
    client.on("error", relisten);
    client.on("end", relisten);
    try {
      await client.connect();
      await client.query("LISTEN search_outbox");
    } catch (error) {
      relisten();
      throw error;
    }
    if (!running) return void client.end().catch(() => {});
    listener = client;
  }

  function engineDown(error: unknown) {
    engineFailures += 1;
    ready = false;
    const message = describe(error);
    if (state.engine !== "down") log(`搜索引擎不可用，修改已保存在发件箱中，将自动重试：${message}`);
    state.engine = "down";
    state.lastError = message;
  }

  async function ensureReady(): Promise<boolean> {
    if (ready) return true;
    const current = await indexIsCurrent(engine());
    if (!current) {
      state.engine = "building";
      log("正在建立搜索索引…");
      const result = await rebuildIndex(engine(), { db: prisma, databaseUrl: databaseUrl(), log });
      log(`搜索索引已建立：${result.records} 条记录，用时 ${result.seconds.toFixed(1)} 秒`);
    }
    ready = true;
    return true;
  }

  async function run() {
    while (running) {
      let delay = pollMs;
      try {
        await ensureReady();
        const drain = ++drains;
        const result = await drainOnce(engine());
        if (result.status === "engine-down") {
          engineDown(result.error);
          delay = engineBackoffMs(engineFailures);
        } else {
          if (state.engine !== "ok" && engineFailures > 0) log("搜索引擎已恢复，正在补齐索引。");
          engineFailures = 0;
          state.engine = "ok";
          state.lastError = null;
          if (result.status === "done") {
            state.lastSuccessAt = new Date();
            if (result.more) continue;
            delay = 0;
          } else if (result.status === "busy") {
            delay = 1_000;
          } else {
            const released = idleWaiters.filter((w) => w.after < drain);
            idleWaiters = idleWaiters.filter((w) => w.after >= drain);
            for (const waiter of released) waiter.resolve();
            if (result.nextAt) delay = Math.max(50, Math.min(pollMs, result.nextAt.getTime() - Date.now()));
          }
        }
      } catch (error) {
        engineDown(error);
        delay = engineBackoffMs(engineFailures);
      }
      if (delay > 0 && running) await sleep(delay);
    }
  }

  return {
    name: "search-outbox",
    async start(logLine) {
      if (running) return;
      log = logLine;
      running = true;
      await listen().catch((error) => log(`无法监听搜索发件箱通知，改为定时检查：${describe(error)}`));
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      loop = null;
      const client = listener;
      listener = null;
      await client?.end().catch(() => {});
    },
    status: () => ({ ...state }),
    wake: () => wakeUp?.(),
    idle(timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`search outbox not drained within ${timeoutMs} ms (${state.lastError ?? "no error"})`)), timeoutMs);
        idleWaiters.push({
          after: drains,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        wakeUp?.();
      });
    },
  };
}

/** The app's worker (registered in TASKS, app/composition/background.server.ts). */
let appWorker: OutboxWorker | null = null;
export function searchOutboxTask(): OutboxWorker {
  appWorker ??= createOutboxWorker();
  return appWorker;
}

export function appWorkerStatus(): WorkerStatus | null {
  return appWorker?.status() ?? null;
}
