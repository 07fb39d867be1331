import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client.ts";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";

export type { Prisma };

/**
 * The process's 10 database connections. Prisma works through them, and so do the few hot paths
 * that send their SQL to node-postgres directly (the online test's saves, decision 100), skipping
 * the ORM's cost per query.
 */
export const pool: pg.Pool = singleton("pgPool", () => {
  const created = new pg.Pool({ connectionString: getRuntime().databaseUrl, max: 10 });
  // An idle connection the server dropped is removed from the pool; without a listener the
  // 'error' event would end the process.
  created.on("error", (error) => console.error(`数据库连接中断：${error.message}`));
  return created;
});

/** The one Prisma client of the process, through the node-postgres driver adapter on `pool`. */
export const prisma: PrismaClient = singleton("prisma", () => {
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // Under a burst (500 people starting a test at once) a transaction waits its turn for one of the
  // 10 connections instead of failing after Prisma's default 2 s (a 500 for the person).
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 30_000, timeout: 30_000 } });
});

/** Transaction client type, for services that accept either the client or a transaction. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Runs an SQL statement built with `Prisma.sql` on `pool` directly, or in `db` (a transaction)
 * when given: for the reads and writes every request or every answer makes (the session, the
 * online test's saves), where the ORM's own cost per query showed (decision 100).
 */
export async function sqlRows<T>(query: Prisma.Sql, db?: Db, options: { prepare?: string } = {}): Promise<T[]> {
  if (db) return db.$queryRaw<T[]>(query);
  const values = query.values as unknown[];
  if (!options.prepare) return (await pool.query(query.text, values)).rows as T[];
  // A named statement is parsed and planned once per connection, then only bound and run. Only for
  // statements whose text never changes (their name is checked against it), as each name is kept
  // by every connection for its life.
  const name = preparedName(options.prepare, query.text);
  return (await pool.query({ name, text: query.text, values })).rows as T[];
}

const preparedTexts = new Map<string, string>();
function preparedName(name: string, text: string): string {
  const known = preparedTexts.get(name);
  if (known === undefined) preparedTexts.set(name, text);
  else if (known !== text) throw new Error(`Prepared statement ${name} was given a different text`);
  return name;
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock (a session lock on a connection of the
 * pool, held for the whole of `work`): start-up steps that several instances starting together
 * must take one at a time (seeding, creating the job queues; decision 111).
 */
export async function withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<T> {
  const holder = await pool.connect();
  try {
    await holder.query("SELECT pg_advisory_lock($1)", [key]);
    return await work();
  } finally {
    await holder.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => {});
    holder.release();
  }
}
