import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Every row of every table of a database, each as its primary key and its content (binary columns
 * by their MD5), plus the files the app keeps in its data directory. The e2e set-up takes one
 * before the browser tests and one after, and fails the run when they differ (leak check).
 */
export interface DatabaseSnapshot {
  /** table → primary key (JSON array) → row (JSON text) */
  tables: Map<string, Map<string, string>>;
  /** Paths (relative to the data directory) of the files the app wrote itself. */
  files: Set<string>;
}

/** Data directory entries that belong to the services, not to what people do in the app. */
const SERVICE_DIRS = new Set(["postgres", "meilisearch", "secrets", "logs", "run.lock"]);

interface TableShape {
  name: string;
  primaryKey: string[];
  columns: Array<{ name: string; binary: boolean }>;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export async function tableShapes(client: pg.ClientBase): Promise<TableShape[]> {
  const { rows } = await client.query<{ table: string; pk: string[] | null; columns: Array<{ name: string; type: string }> }>(`
    SELECT c.relname AS table,
           (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
              FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
             WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
           (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, NULL)) ORDER BY a.attnum)
              FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     ORDER BY c.relname`);
  return rows.map((row) => ({
    name: row.table,
    primaryKey: row.pk ?? row.columns.map((column) => column.name),
    columns: row.columns.map((column) => ({ name: column.name, binary: column.type === "bytea" })),
  }));
}

/** `jsonb_build_array(pk…)`: one comparable key for single and composite primary keys. */
export function keyExpression(shape: Pick<TableShape, "primaryKey">, alias = "t"): string {
  return `jsonb_build_array(${shape.primaryKey.map((column) => `${alias}.${quote(column)}`).join(", ")})`;
}

/** The row as JSON, binary columns as their MD5 (a Yjs state is long and means nothing to read). */
function rowExpression(shape: TableShape, alias = "t"): string {
  const pairs = shape.columns.map(({ name, binary }) => `'${name.replaceAll("'", "''")}', ${binary ? `md5(${alias}.${quote(name)})` : `${alias}.${quote(name)}`}`);
  // jsonb_build_object takes at most 100 arguments; wide tables are built in parts.
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += 40) parts.push(`jsonb_build_object(${pairs.slice(i, i + 40).join(", ")})`);
  return parts.join(" || ");
}

/** Taken once the search outbox is drained (its rows come and go with every change). */
export async function snapshotDatabase(databaseUrl: string, dataDir?: string): Promise<DatabaseSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await searchOutboxDrained(client);
    const tables = new Map<string, Map<string, string>>();
    // One consistent view of every table.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (const shape of await tableShapes(client)) {
      const { rows } = await client.query<{ key: string; row: string }>(
        `SELECT ${keyExpression(shape)}::text AS key, (${rowExpression(shape)})::text AS row FROM ${quote(shape.name)} t`,
      );
      tables.set(shape.name, new Map(rows.map((row) => [row.key, row.row])));
    }
    await client.query("COMMIT");
    return { tables, files: dataDir ? appFiles(dataDir) : new Set() };
  } finally {
    await client.end();
  }
}

/** Waits until the search outbox is empty: every change has reached Meilisearch. */
export async function searchOutboxDrained(db: Pick<pg.ClientBase, "query">, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SearchOutbox"`);
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`the search outbox still holds ${rows[0]!.n} rows after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function appFiles(dataDir: string): Set<string> {
  const files = new Set<string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dataDir, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (!relative && SERVICE_DIRS.has(entry.name)) continue;
      if (entry.isDirectory()) walk(child);
      else files.add(child);
    }
  };
  walk("");
  return files;
}

/**
 * What `after` has that `before` had not, table by table: rows added, rows removed, rows changed
 * (with the columns that changed), and files added or removed. Empty when nothing was left behind.
 */
export function leftovers(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const lines: string[] = [];
  const names = [...new Set([...before.tables.keys(), ...after.tables.keys()])].sort();
  for (const table of names) {
    const was = before.tables.get(table) ?? new Map<string, string>();
    const now = after.tables.get(table) ?? new Map<string, string>();
    const added = [...now.keys()].filter((key) => !was.has(key));
    const removed = [...was.keys()].filter((key) => !now.has(key));
    const changed = [...now.keys()].filter((key) => was.has(key) && was.get(key) !== now.get(key));
    if (!added.length && !removed.length && !changed.length) continue;
    lines.push(`${table}: ${was.size} → ${now.size} rows; ${added.length} added, ${removed.length} removed, ${changed.length} changed`);
    for (const key of added.slice(0, 10)) lines.push(`  + ${brief(now.get(key)!)}`);
    for (const key of removed.slice(0, 10)) lines.push(`  - ${brief(was.get(key)!)}`);
    for (const key of changed.slice(0, 10)) lines.push(`  ~ ${key} ${difference(was.get(key)!, now.get(key)!)}`);
    const more = Math.max(0, added.length - 10) + Math.max(0, removed.length - 10) + Math.max(0, changed.length - 10);
    if (more) lines.push(`  … and ${more} more`);
  }
  const addedFiles = [...after.files].filter((file) => !before.files.has(file));
  const removedFiles = [...before.files].filter((file) => !after.files.has(file));
  if (addedFiles.length || removedFiles.length) {
    lines.push(`files in the data directory: ${addedFiles.length} added, ${removedFiles.length} removed`);
    for (const file of addedFiles.slice(0, 10)) lines.push(`  + ${file}`);
    for (const file of removedFiles.slice(0, 10)) lines.push(`  - ${file}`);
  }
  return lines;
}

function brief(row: string, limit = 240): string {
  return row.length > limit ? `${row.slice(0, limit)}…` : row;
}

function difference(before: string, after: string): string {
  const was = JSON.parse(before) as Record<string, unknown>;
  const now = JSON.parse(after) as Record<string, unknown>;
  return Object.keys(now)
    .filter((column) => JSON.stringify(was[column]) !== JSON.stringify(now[column]))
    .map((column) => `${column}: ${brief(JSON.stringify(was[column]), 80)} → ${brief(JSON.stringify(now[column]), 80)}`)
    .join("; ");
}
