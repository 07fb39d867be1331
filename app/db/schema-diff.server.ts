import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { DiffTarget, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { MIGRATIONS_DIR, readMigrations } from "./migrate.server.ts";

/**
 * SQL differences computed by Prisma's own schema engine, compiled to WebAssembly
 * (@prisma/schema-engine-wasm, pinned to the CLI's engine version). It is an internal
 * Prisma API, so tests/db/drift.test.ts guards the result against a real database.
 */

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");

type EngineModule = typeof import("@prisma/schema-engine-wasm");
let engineModule: Promise<EngineModule> | undefined;

/** The package's entry imports the .wasm as an ES module, which Node cannot; instantiate it by hand. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => console.error(`schema engine panic: ${message}`) };
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

/** pg gives `connectionString` precedence over `database`, which would point the shadow database at the real one. */
function poolConfig(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
  };
}

/** PostgreSQL's internal one-byte "char" type (pg_constraint.contype) and text. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type QueryResult = Awaited<ReturnType<Adapter["queryRaw"]>>;

/**
 * @prisma/adapter-pg 7.10 has no mapping for "char", which the schema engine's introspection
 * selects (constraint types), so every diff that reads a database failed with "Column type
 * 'char' could not be deserialized". We let the adapter read such a column as text and then
 * report it as Character, the type the engine expects. This wraps the adapter's internal
 * performIO, so the versions are pinned and schema-drift.server.test.ts exercises it.
 */
function readCharColumns(adapter: Adapter): Adapter {
  const internal = adapter as unknown as { performIO(query: unknown): Promise<pg.QueryResult> };
  const performIO = internal.performIO.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  // Keyed by the rows array, which queryRaw passes through unchanged: safe under concurrency.
  const charColumns = new WeakMap<unknown[], number[]>();
  internal.performIO = async (query) => {
    const result = await performIO(query);
    const indices = result.fields.flatMap((field, i) => (field.dataTypeID === PG_CHAR_OID ? [i] : []));
    if (indices.length) {
      for (const i of indices) result.fields[i]!.dataTypeID = PG_TEXT_OID;
      charColumns.set(result.rows, indices);
    }
    return result;
  };
  adapter.queryRaw = async (query): Promise<QueryResult> => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  // The adapter runs a migration script by splitting it on every ";", which cuts function and
  // trigger bodies ($$ … $$) apart. PostgreSQL's simple query protocol takes the whole script,
  // as Prisma's native engine sends it.
  const pool = adapter as unknown as { client: pg.Pool; onError(error: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await pool.client.query(script);
    } catch (error) {
      pool.onError(error);
    }
  };
  return adapter;
}

/**
 * Also: PrismaPg's own shadow database is dropped while its pool still holds a connection
 * ("is being accessed by other users") and its admin pool is never closed. This one closes the
 * shadow pool first and drops with FORCE.
 */
function schemaEngineFactory(config: pg.ClientConfig): PrismaPg {
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => readCharColumns(await connect());
  const run = async (sql: string) => {
    const admin = new pg.Client(config);
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  factory.connectToShadowDb = async () => {
    const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await run(`CREATE DATABASE "${database}"`);
    const adapter = readCharColumns(await new PrismaPg({ ...config, database }).connect());
    const release = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await release();
      await run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return adapter;
  };
  return factory;
}

async function withEngine<T>(databaseUrl: string, schema: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const adapter = bindMigrationAwareSqlAdapterFactory(schemaEngineFactory(poolConfig(databaseUrl)));
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter);
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

function migrationsTarget(dir: string): DiffTarget {
  const lockfilePath = path.join(dir, "migration_lock.toml");
  const list: MigrationList = {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockfilePath) ? fs.readFileSync(lockfilePath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: readMigrations(dir).map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
    })),
  };
  return { tag: "migrations", ...list };
}

function schemaTarget(schema: string): DiffTarget {
  return { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] };
}

export interface DiffOptions {
  /** Migrations folder (default prisma/migrations). */
  dir?: string;
  /** Schema text (default the contents of prisma/schema.prisma). */
  schema?: string;
}

/**
 * SQL that takes a database built from the migrations to the current schema.prisma.
 * Empty when they agree. Replays the migrations in a temporary shadow database on the server.
 */
export async function diffMigrationsToSchema(
  databaseUrl: string,
  { dir = MIGRATIONS_DIR, schema = fs.readFileSync(SCHEMA_PATH, "utf8") }: DiffOptions = {},
): Promise<string> {
  return withEngine(databaseUrl, schema, async (engine) => {
    const from = readMigrations(dir).length ? migrationsTarget(dir) : ({ tag: "empty" } as const);
    const result = await engine.diff({
      from,
      to: schemaTarget(schema),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return normaliseScript(result.stdout ?? "");
  });
}

/** SQL that takes the live database at `databaseUrl` to schema.prisma (empty when in sync). */
export async function diffDatabaseToSchema(databaseUrl: string, schema = fs.readFileSync(SCHEMA_PATH, "utf8")): Promise<string> {
  return withEngine(databaseUrl, schema, async (engine) => {
    const result = await engine.diff({
      // The Wasm engine reads "the datasource" through the adapter, i.e. databaseUrl.
      from: { tag: "schemaDatasource", files: [{ path: SCHEMA_PATH, content: schema }], configDir: path.dirname(SCHEMA_PATH) },
      to: schemaTarget(schema),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return normaliseScript(result.stdout ?? "");
  });
}

/** The engine prints "-- This is an empty migration." for no changes. */
function normaliseScript(script: string): string {
  return /^\s*(-- This is an empty migration\.)?\s*$/.test(script) ? "" : script;
}
