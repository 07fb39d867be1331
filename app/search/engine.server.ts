import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Task } from "meilisearch";
import pg from "pg";
import type { Db } from "~/db/client.server.ts";
import { singleton } from "~/infra/runtime.server.ts";
import { meili } from "./client.server.ts";
import { indexSettings, RECORD_VERSION, type SearchRecord } from "./index-settings.ts";
import { allRecords } from "./records.server.ts";

/**
 * The search engine as this app uses it: a Meilisearch client and the names of our indexes.
 * Index names carry a prefix (MEILI_INDEX_PREFIX, default "fudao_") so several apps or test
 * files can share one Meilisearch.
 */
export interface SearchEngine {
  client: Meilisearch;
  /** The live index everything is searched in. */
  contentIndex: string;
  /** Holds one document describing the live index (record version, last rebuild). */
  metaIndex: string;
}

export function createEngine(client: Meilisearch, prefix = process.env.MEILI_INDEX_PREFIX ?? "fudao_"): SearchEngine {
  return { client, contentIndex: `${prefix}content`, metaIndex: `${prefix}meta` };
}

/** The process's engine: the Meilisearch the server started or found (client.server.ts's settings). */
export function defaultEngine(): SearchEngine {
  return singleton(`searchEngine:${process.env.MEILI_INDEX_PREFIX ?? ""}`, () => createEngine(meili));
}

export class SearchTaskError extends Error {
  override name = "SearchTaskError";
  constructor(
    readonly task: Task,
  ) {
    super(`Meilisearch 任务 ${task.uid}（${task.type}）失败：${task.error?.message ?? task.status}`);
  }
}

/** Waits for enqueued tasks; throws SearchTaskError for the first that failed. */
export async function waitTasks(engine: SearchEngine, tasks: Array<EnqueuedTaskPromise | Promise<{ taskUid: number }>>, timeoutMs = 60_000): Promise<Task[]> {
  const enqueued = await Promise.all(tasks);
  const done = await engine.client.tasks.waitForTasks(
    enqueued.map((t) => t.taskUid),
    { timeout: timeoutMs, interval: 25 },
  );
  const failed = done.find((t) => t.status !== "succeeded");
  if (failed) throw new SearchTaskError(failed);
  return done;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && (error.cause?.code === "index_not_found" || error.cause?.code === "document_not_found");
}

// ───────────── index state ─────────────

export interface IndexState {
  id: "state";
  version: number;
  builtAt: string;
  records: number;
}

/** What the meta index says about the live index; null when it was never built (or was lost). */
export async function readIndexState(engine: SearchEngine): Promise<IndexState | null> {
  try {
    return await engine.client.index(engine.metaIndex).getDocument<IndexState>("state");
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function indexIsCurrent(engine: SearchEngine): Promise<boolean> {
  const state = await readIndexState(engine);
  if (!state || state.version !== RECORD_VERSION) return false;
  try {
    await engine.client.index(engine.contentIndex).getRawInfo();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

// ───────────── writing ─────────────

/** Writes current records and removes gone ones in the live index, and waits until Meilisearch has them. */
export async function pushRecords(engine: SearchEngine, upserts: SearchRecord[], deletes: string[]): Promise<void> {
  const index = engine.client.index<SearchRecord>(engine.contentIndex);
  const tasks: EnqueuedTaskPromise[] = [];
  if (upserts.length) tasks.push(index.addDocuments(upserts, { primaryKey: "id" }));
  if (deletes.length) tasks.push(index.deleteDocuments(deletes));
  if (tasks.length) await waitTasks(engine, tasks);
}

// ───────────── rebuilding ─────────────

/** Serialises the outbox worker and rebuilds (per database; see outbox.server.ts). */
export const OUTBOX_LOCK_KEY = 726_100_006;

/**
 * Runs `work` holding the outbox lock on its own connection: while a rebuild runs, the worker
 * leaves the outbox alone, and what changes meanwhile is applied to the new index after the swap.
 */
export async function withOutboxLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection (the database restarted) fails the query under way, not the process.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${OUTBOX_LOCK_KEY})`);
    try {
      return await work();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${OUTBOX_LOCK_KEY})`).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

export interface RebuildResult {
  records: number;
  seconds: number;
}

/**
 * Builds a fresh index from the database beside the live one and swaps them, so searches keep
 * being answered from the old index until the new one is complete (no downtime).
 */
export async function rebuildIndex(
  engine: SearchEngine,
  { db, databaseUrl, log = () => {}, batchSize = 1000 }: { db: Db; databaseUrl: string; log?: (line: string) => void; batchSize?: number },
): Promise<RebuildResult> {
  return withOutboxLock(databaseUrl, async () => {
    const started = performance.now();
    const { client } = engine;
    const build = `${engine.contentIndex}_build_${Date.now()}`;
    await waitTasks(engine, [client.createIndex(build, { primaryKey: "id" })]);
    try {
      await waitTasks(engine, [client.index(build).updateSettings(indexSettings())]);
      let records = 0;
      let pending: EnqueuedTaskPromise[] = [];
      for await (const batch of allRecords(db, batchSize)) {
        const added = client.index<SearchRecord>(build).addDocuments(batch, { primaryKey: "id" });
        // Awaited below (waitTasks); until then a failure (the engine went away) must not count
        // as an unhandled rejection, which would end the process.
        added.catch(() => {});
        pending.push(added);
        records += batch.length;
        // Keep a bounded queue: Meilisearch batches consecutive additions itself.
        if (pending.length >= 10) {
          await waitTasks(engine, pending, 0);
          pending = [];
          log(`已写入 ${records} 条记录…`);
        }
      }
      await waitTasks(engine, pending, 0);
      await ensureIndex(engine, engine.contentIndex);
      await waitTasks(engine, [client.swapIndexes([{ indexes: [engine.contentIndex, build], rename: false }])]);
      await ensureIndex(engine, engine.metaIndex);
      const state: IndexState = { id: "state", version: RECORD_VERSION, builtAt: new Date().toISOString(), records };
      await waitTasks(engine, [client.index(engine.metaIndex).addDocuments([state], { primaryKey: "id" })]);
      return { records, seconds: (performance.now() - started) / 1000 };
    } finally {
      // After the swap this holds the old records; on failure, the half-built new ones.
      await waitTasks(engine, [client.deleteIndex(build)]).catch(() => {});
    }
  });
}

async function ensureIndex(engine: SearchEngine, uid: string): Promise<void> {
  try {
    await engine.client.index(uid).getRawInfo();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await waitTasks(engine, [engine.client.createIndex(uid, { primaryKey: "id" })]);
  }
}

/** Removes our indexes (tests and `search:reindex -- --drop`). */
export async function dropIndexes(engine: SearchEngine): Promise<void> {
  const { results } = await engine.client.getIndexes({ limit: 1000 });
  const ours = results.filter((i) => i.uid === engine.contentIndex || i.uid === engine.metaIndex || i.uid.startsWith(`${engine.contentIndex}_build_`));
  await waitTasks(engine, ours.map((i) => engine.client.deleteIndex(i.uid)));
}
