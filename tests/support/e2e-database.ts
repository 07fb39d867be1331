import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { BrowserContext } from "playwright-core";
import { inject } from "vitest";
import { readRunningServices } from "~/cli/running-services.server.ts";
import { keyExpression, searchOutboxDrained, tableShapes } from "./database-snapshot.ts";
import { signInOverHttp } from "./http-session.ts";

/**
 * The browser tests share one server and its database; each test puts back what it changed, so
 * the tests run in any order and twice (the e2e set-up checks that nothing is left).
 *
 *   await undoChangesTo("Notification", { userId: await userId("external") });
 *
 * snapshots those rows now; after the test (passed or failed) rows added to them are deleted, rows
 * changed are restored and rows deleted are put back (rows a database cascade removed come back
 * only if their own table is undone too). Called in a test or a beforeEach, it is
 * undone after that test; in a beforeAll, after the file. tests/setup/e2e-file.ts runs the undo
 * for every e2e file, and also closes the pages a test opened with newPage and signs their people
 * out (their Session rows go).
 *
 * Choose the rows narrowly (by the test's own titles, people and notice types): files may run at
 * the same time, and a slice must not take back what another test is doing.
 */

type Value = string | number | boolean | null;
/**
 * Column = value; an array means any of its values; null means IS NULL. "column.field" compares a
 * field of a JSON column as text: an audit record names its subject only in its data
 * (`{ actorId, action: "output.create", "data.title": title }`).
 */
export type Where = Record<string, Value | readonly Value[]>;

interface Step {
  what: string;
  run: () => Promise<void>;
}

interface Scope {
  steps: Step[];
  contexts: Set<BrowserContext>;
  /** Session cookies ("fudao_session=…") to sign out. */
  cookies: Set<string>;
}

const SESSION_COOKIE = "fudao_session";

const newScope = (): Scope => ({ steps: [], contexts: new Set(), cookies: new Set() });

// On globalThis: the set-up file and the test file must share one state whatever module graph
// each was loaded in.
const state = ((globalThis as { __fudaoE2eDatabase?: { file: Scope; test: Scope | null; pool: pg.Pool | null; shapes: ReturnType<typeof tableShapes> | null } }).__fudaoE2eDatabase ??= {
  file: newScope(),
  test: null,
  pool: null,
  shapes: null,
});

const current = () => state.test ?? state.file;
const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The shared server's database (where its running-services.json says). */
function database(): pg.Pool {
  if (!state.pool) {
    const services = readRunningServices(inject("appDataDir"));
    if (!services) throw new Error("the e2e server does not publish its services (running-services.json)");
    state.pool = new pg.Pool({ connectionString: services.databaseUrl, max: 3 });
  }
  return state.pool;
}

/** SQL against the shared server's database, for a test's own fixtures (undo them with undoChangesTo). */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await database().query<T>(sql, params)).rows;
}

async function shapeOf(table: string) {
  state.shapes ??= database()
    .connect()
    .then(async (client) => {
      try {
        return await tableShapes(client);
      } finally {
        client.release();
      }
    });
  const shape = (await state.shapes).find((candidate) => candidate.name === table);
  if (!shape) throw new Error(`no table "${table}" in the e2e database`);
  return shape;
}

function condition(shape: { name: string; columns: Array<{ name: string }> }, where: Where, params: unknown[]): string {
  const parts = Object.entries(where).map(([key, value]) => {
    const [column, field] = key.split(/\.(.*)/s) as [string, string | undefined];
    if (!shape.columns.some((c) => c.name === column)) throw new Error(`${shape.name} has no column "${column}"`);
    let operand = `t.${quote(column)}`;
    if (field !== undefined) {
      params.push(field);
      operand = `(${operand} ->> $${params.length}::text)`;
    }
    if (value === null) return `${operand} IS NULL`;
    params.push(value);
    return Array.isArray(value) ? `${operand} = ANY($${params.length})` : `${operand} = $${params.length}`;
  });
  return parts.length ? parts.join(" AND ") : "TRUE";
}

/** The id of the one row that matches (e.g. a seeded document by its title). */
export async function idOf(table: string, where: Where): Promise<string> {
  const shape = await shapeOf(table);
  const params: unknown[] = [];
  const rows = await query<{ id: string }>(`SELECT t.${quote(shape.primaryKey[0]!)}::text AS id FROM ${quote(table)} t WHERE ${condition(shape, where, params)}`, params);
  if (rows.length !== 1) throw new Error(`expected one ${table} row where ${JSON.stringify(where)}, found ${rows.length}`);
  return rows[0]!.id;
}

export const userId = (username: string) => idOf("User", { username });

/** The rows that match, as JSON (keyed by their primary key). */
async function slice(table: string, where: Where): Promise<Map<string, string>> {
  const shape = await shapeOf(table);
  const params: unknown[] = [];
  const rows = await query<{ key: string; row: string }>(
    `SELECT ${keyExpression(shape)}::text AS key, to_jsonb(t)::text AS row FROM ${quote(table)} t WHERE ${condition(shape, where, params)}`,
    params,
  );
  return new Map(rows.map((row) => [row.key, row.row]));
}

/**
 * Puts these rows back as they are now once the test (or, from a beforeAll, the file) is over:
 * rows that appear among them are deleted (uploaded files with their file on disk), rows that
 * change or disappear are written back.
 */
export async function undoChangesTo(table: string, where: Where = {}): Promise<void> {
  const restore = await rowsAsTheyAre(table, where);
  afterwards(`undo changes to ${table} where ${JSON.stringify(where)}`, restore);
}

/** The rows as they are now, and the function that puts them back so (undoChangesTo's work). */
export async function rowsAsTheyAre(table: string, where: Where = {}): Promise<() => Promise<void>> {
  const shape = await shapeOf(table);
  const before = await slice(table, where);
  return async () => {
    const now = await slice(table, where);
    const added = [...now.keys()].filter((key) => !before.has(key));
    const restore = [...before.keys()].filter((key) => now.get(key) !== before.get(key));
    if (!added.length && !restore.length) return;
    const columns = shape.columns.map((column) => quote(column.name));
    const key = keyExpression(shape);
    const client = await database().connect();
    try {
      await client.query("BEGIN");
      const files =
        table === "UploadedFile" && added.length
          ? (await client.query<{ path: string }>(`SELECT t."storagePath" AS path FROM "UploadedFile" t WHERE ${key} = ANY($1::jsonb[])`, [added])).rows.map((row) => row.path)
          : [];
      // The hours ledger refuses DELETE and UPDATE by a trigger (decision 055); a test's undo lifts it
      // inside its own transaction only, so nothing else ever sees the ledger without it.
      const appendOnly = table === "TrainingHoursEntry";
      if (appendOnly) await client.query(`ALTER TABLE "TrainingHoursEntry" DISABLE TRIGGER training_hours_append_only`);
      if (added.length) await client.query(`DELETE FROM ${quote(table)} t WHERE ${key} = ANY($1::jsonb[])`, [added]);
      for (const row of restore) {
        await client.query(
          `INSERT INTO ${quote(table)} AS t SELECT * FROM jsonb_populate_record(NULL::${quote(table)}, $1::jsonb)
           ON CONFLICT (${shape.primaryKey.map(quote).join(", ")}) DO UPDATE SET (${columns.join(", ")}) = ROW(${columns.map((c) => `EXCLUDED.${c}`).join(", ")})`,
          [before.get(row)],
        );
      }
      if (appendOnly) await client.query(`ALTER TABLE "TrainingHoursEntry" ENABLE TRIGGER training_hours_append_only`);
      await client.query("COMMIT");
      // Pictures are stored once per content: a file goes when no row refers to it any more.
      for (const file of files) {
        const { rowCount } = await client.query(`SELECT 1 FROM "UploadedFile" WHERE "storagePath" = $1`, [file]);
        if (!rowCount) fs.rmSync(path.join(inject("appDataDir"), file), { force: true });
      }
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
}

/** Any other step to take once the test (or the file) is over; steps run last-registered first. */
export function afterwards(what: string, run: () => Promise<void>): void {
  current().steps.push({ what, run });
}

/** Signs in over HTTP (a session cookie for fetch) and signs out again afterwards. */
export async function signIn(username: string): Promise<string> {
  const cookie = await signInOverHttp(inject("baseUrl"), username);
  current().cookies.add(cookie);
  return cookie;
}

/**
 * A session a test opened itself, where signing in is what it tests: its Set-Cookie
 * ("fudao_session=…") is signed out afterwards like signIn's. Returns the cookie, or null if the
 * response opened none.
 */
export function signOutAfterwards(response: Response): string | null {
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`) && pair.length > SESSION_COOKIE.length + 1);
  if (cookie) current().cookies.add(cookie);
  return cookie ?? null;
}

/**
 * A browser context opened by newPage: closed after the test (or the file) if still open, and the
 * person signed in there signed out.
 */
export function trackContext(context: BrowserContext): void {
  const scope = current();
  scope.contexts.add(context);
  const close = context.close.bind(context);
  context.close = async (options) => {
    await rememberSession(scope, context);
    scope.contexts.delete(context);
    return close(options);
  };
}

async function rememberSession(scope: Scope, context: BrowserContext) {
  const cookies = await context.cookies().catch(() => []);
  for (const cookie of cookies) if (cookie.name === SESSION_COOKIE && cookie.value) scope.cookies.add(`${SESSION_COOKIE}=${cookie.value}`);
}

/** Waits until the server's search outbox is empty (every change has reached Meilisearch). */
export const searchSettled = () => searchOutboxDrained(database());

// ───────────── run by tests/setup/e2e-file.ts ─────────────

export async function beginTest(): Promise<void> {
  state.test = newScope();
  // Failed sign-ins and bad tokens are counted per address in the database (decision 112), and
  // every test signs in from 127.0.0.1: a test's failures must not count against the next one.
  await undoChangesTo("RateLimit");
}

export async function endTest(): Promise<void> {
  const scope = state.test;
  state.test = null;
  // A page the file keeps open across tests may have signed someone in meanwhile.
  for (const context of state.file.contexts) await rememberSession(state.file, context);
  if (scope) await finish(scope);
}

export async function endFile(): Promise<void> {
  try {
    await finish(state.file);
  } finally {
    state.file = newScope();
    const pool = state.pool;
    state.pool = null;
    state.shapes = null;
    await pool?.end();
  }
}

/**
 * Pages closed, every undo step (last first; a step may still act as a signed-in person), then the
 * people signed out. All are tried; the failures are reported together.
 */
async function finish(scope: Scope): Promise<void> {
  const failures: string[] = [];
  for (const context of [...scope.contexts]) {
    await context.close().catch((error: unknown) => failures.push(`closing a page: ${error}`));
  }
  for (const step of scope.steps.reverse()) {
    try {
      await step.run();
    } catch (error) {
      failures.push(`${step.what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const cookie of scope.cookies) {
    const response = await fetch(`${inject("baseUrl")}/logout`, { method: "POST", headers: { Cookie: cookie }, redirect: "manual" }).catch((error: unknown) => error);
    if (response instanceof Error) failures.push(`signing out: ${response.message}`);
  }
  // The next test finds the search index in step with the database again.
  if (scope.steps.length) await searchSettled().catch((error: unknown) => failures.push(String(error)));
  if (failures.length) throw new Error(`cleaning up after the test failed:\n${failures.join("\n")}`);
}
