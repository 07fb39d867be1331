import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import * as tar from "tar";
import { migrate, readMigrations } from "~/db/migrate.server.ts";

/**
 * One archive (.tar.gz) holds everything needed to bring the system back (decisions 120–122):
 *   manifest.json                 app version, migration level, row count per table, sha256 per file
 *   database/<n>-<table>.copy     each table in PostgreSQL's COPY text format, all read in one
 *                                 REPEATABLE READ READ ONLY transaction (one consistent snapshot,
 *                                 while the app keeps running)
 *   database/sequences.json       each sequence's value in that snapshot
 *   uploads/…                     the files under the data directory's uploads folder
 * A restore checks every checksum before it writes anything, recreates the schema with our own
 * migrations up to the archive's level, loads the tables with triggers and foreign keys held
 * (session_replication_role = replica), sets the sequences, then applies any newer migrations.
 */

export const BACKUP_FORMAT = "fudao-studio-backup";
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  /** The last applied migration, and every applied one in order. */
  migrationLevel: string | null;
  migrations: string[];
  tables: Array<{ name: string; file: string; columns: string[]; rows: number }>;
  sequences: Array<{ name: string; value: string | null }>;
  /** With PG_DUMP: the same snapshot also in pg_dump's custom format (for pg_restore by hand). */
  pgDump?: { file: string; version: string };
  /** sha256 of every other file in the archive, by its path in the archive. */
  files: Record<string, string>;
}

export class BackupError extends Error {
  override name = "BackupError";
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.resolve("package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

/** Every regular file under `root`, as paths relative to `base` with forward slashes, sorted. */
function listFiles(root: string, base: string): string[] {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    out.push(path.relative(base, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  }
  return out.sort();
}

/**
 * PG_DUMP may name a server's pg_dump (decision 120): it must be at least the server's major
 * version, since pg_dump refuses to dump a newer server.
 */
async function checkPgDump(pgDump: string, client: pg.Client): Promise<string> {
  let version: string;
  try {
    version = (await promisify(execFile)(pgDump, ["--version"])).stdout.trim();
  } catch (error) {
    throw new BackupError(`PG_DUMP 指向的程序 ${pgDump} 无法运行：${(error as Error).message}`);
  }
  const major = Number(/(\d+)(?:\.\d+)*/.exec(version.replace(/^\D*/, ""))?.[1] ?? NaN);
  const server = Math.floor(Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v) / 10000);
  if (!(major >= server)) {
    throw new BackupError(`PG_DUMP 指向的 pg_dump（${version}）低于数据库服务器的 ${server} 版，pg_dump 不能导出更新版本的服务器。请改用 ${server} 版或更新的 pg_dump，或不设置 PG_DUMP。`);
  }
  return version;
}

const timestamp = (date: Date) => date.toISOString().replace(/\.\d+Z$/, "").replaceAll(/[-:]/g, "").replace("T", "-");

interface TableInfo {
  name: string;
  columns: string[];
}

async function listTables(client: pg.Client): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     GROUP BY c.relname
     ORDER BY c.relname`);
  return rows;
}

/**
 * Writes one archive of the database at `databaseUrl` and the uploads under `dataDir` into
 * `outDir`; returns its path. Safe while the app runs: the database is read in one snapshot.
 */
export async function createBackup({
  databaseUrl,
  dataDir,
  outDir,
  log = () => {},
  now = new Date(),
  pgDump,
}: {
  databaseUrl: string;
  dataDir: string;
  outDir: string;
  log?: (line: string) => void;
  now?: Date;
  /** A pg_dump binary (PG_DUMP): the archive then also holds the snapshot in custom format. */
  pgDump?: string;
}): Promise<{ file: string; manifest: BackupManifest }> {
  fs.mkdirSync(outDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "fudao-backup-"));
  try {
    fs.mkdirSync(path.join(staging, "database"));
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: appVersion(),
      createdAt: now.toISOString(),
      migrationLevel: null,
      migrations: [],
      tables: [],
      sequences: [],
      files: {},
    };
    try {
      const pgDumpVersion = pgDump ? await checkPgDump(pgDump, client) : null;
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const tables = await listTables(client);
      if (!tables.some((t) => t.name === "_prisma_migrations")) throw new BackupError("数据库中没有迁移记录（_prisma_migrations），不是 Fudao Studio 的数据库。");
      const migrations = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      );
      manifest.migrations = migrations.rows.map((row) => row.migration_name);
      manifest.migrationLevel = manifest.migrations.at(-1) ?? null;
      log(`正在导出数据库（${tables.length} 张表，迁移版本 ${manifest.migrationLevel ?? "无"}）…`);
      for (const [index, table] of tables.entries()) {
        const file = `database/${String(index + 1).padStart(3, "0")}-${table.name}.copy`;
        const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${quote(table.name)}`);
        const columnList = table.columns.map(quote).join(", ");
        await pipeline(client.query(copyTo(`COPY ${quote(table.name)} (${columnList}) TO STDOUT`)), fs.createWriteStream(path.join(staging, file)));
        manifest.tables.push({ name: table.name, file, columns: table.columns, rows: Number(rows[0]!.count) });
      }
      const sequences = await client.query<{ name: string; value: string | null }>(
        `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
      );
      manifest.sequences = sequences.rows;
      if (pgDump && pgDumpVersion) {
        // The same snapshot, shared with pg_dump while this transaction stays open.
        const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
        const file = "database/database.pgdump";
        log(`正在用 ${pgDumpVersion} 导出自定义格式（同一快照）…`);
        await promisify(execFile)(pgDump, ["--format=custom", `--snapshot=${rows[0]!.snapshot}`, `--file=${path.join(staging, file)}`, `--dbname=${databaseUrl}`], {
          maxBuffer: 16 * 1024 * 1024,
        }).catch((error: Error & { stderr?: string }) => {
          throw new BackupError(`pg_dump 失败：${error.stderr?.trim() || error.message}`);
        });
        manifest.pgDump = { file, version: pgDumpVersion };
      }
      await client.query("COMMIT");
    } finally {
      await client.end();
    }

    // The uploads are linked in, not copied: tar follows the link while packing.
    const uploads = path.join(dataDir, "uploads");
    const uploadFiles = listFiles(uploads, dataDir);
    if (uploadFiles.length) fs.symlinkSync(path.resolve(uploads), path.join(staging, "uploads"), "dir");
    log(`正在计算校验和（${uploadFiles.length} 个上传文件）…`);
    for (const file of [...listFiles(path.join(staging, "database"), staging), ...uploadFiles]) {
      manifest.files[file] = await sha256File(path.join(staging, file));
    }
    fs.writeFileSync(path.join(staging, "manifest.json"), JSON.stringify(manifest, null, 2));

    const target = path.join(outDir, `fudao-backup-${timestamp(now)}.tar.gz`);
    const partial = `${target}.partial`;
    log("正在写入备份文件…");
    await tar.create({ gzip: true, file: partial, cwd: staging, follow: true, portable: true }, ["manifest.json", ...Object.keys(manifest.files)]);
    fs.renameSync(partial, target);
    return { file: target, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Unpacks an archive into a private temporary folder and checks it whole: the manifest's format,
 * every listed file present with its sha256, nothing unlisted. Nothing of the target is touched.
 */
export async function openBackup(archive: string): Promise<{ dir: string; manifest: BackupManifest; dispose: () => void }> {
  if (!fs.existsSync(archive)) throw new BackupError(`找不到备份文件 ${archive}。`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fudao-restore-"));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const skipped: string[] = [];
    try {
      await tar.extract({
        file: archive,
        cwd: dir,
        strict: true,
        // Only plain files and folders: a link in an archive could point outside the folder.
        filter: (entryPath, entry) => {
          const type = "type" in entry ? entry.type : "File";
          const ok = type === "File" || type === "OldFile" || type === "Directory";
          if (!ok) skipped.push(entryPath);
          return ok;
        },
      });
    } catch (error) {
      throw new BackupError(`备份文件已损坏，无法解开（${(error as Error).message}）。未写入任何数据。`);
    }
    if (skipped.length) throw new BackupError(`备份文件中含有不应有的条目（${skipped.slice(0, 3).join("、")}）。未写入任何数据。`);
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as BackupManifest;
    } catch {
      throw new BackupError("备份文件中没有可读的 manifest.json，不是 Fudao Studio 的备份。未写入任何数据。");
    }
    if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
      throw new BackupError(`不认识的备份格式（${String(manifest.format)} 第 ${String(manifest.formatVersion)} 版）。未写入任何数据。`);
    }
    const present = new Set([...listFiles(path.join(dir, "database"), dir), ...listFiles(path.join(dir, "uploads"), dir)]);
    for (const [file, expected] of Object.entries(manifest.files)) {
      if (!present.delete(file)) throw new BackupError(`备份文件不完整：缺少 ${file}。未写入任何数据。`);
      if ((await sha256File(path.join(dir, file))) !== expected) throw new BackupError(`备份文件已损坏：${file} 的校验和不符。未写入任何数据。`);
    }
    if (present.size) throw new BackupError(`备份文件中有清单之外的文件（${[...present].slice(0, 3).join("、")}）。未写入任何数据。`);
    for (const table of manifest.tables) {
      if (!(table.file in manifest.files)) throw new BackupError(`备份清单有误：表 ${table.name} 的数据文件不在校验清单中。未写入任何数据。`);
    }
    const known = readMigrations().map((m) => m.name);
    const unknown = manifest.migrations.filter((name) => !known.includes(name));
    if (unknown.length) {
      throw new BackupError(`备份来自更新的版本（${manifest.appVersion}，含本程序没有的迁移 ${unknown.join("、")}），请先升级程序再恢复。未写入任何数据。`);
    }
    return { dir, manifest, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** Rows in any table but the migration history, or any upload: then a restore needs --force. */
export async function describeNonEmptyTarget(databaseUrl: string, dataDir: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await listTables(client);
    for (const table of tables) {
      if (table.name === "_prisma_migrations") continue;
      const { rows } = await client.query(`SELECT 1 FROM ${quote(table.name)} LIMIT 1`);
      if (rows.length) return `目标数据库已有数据（表 ${table.name} 非空）`;
    }
  } finally {
    await client.end();
  }
  const uploads = listFiles(path.join(dataDir, "uploads"), dataDir);
  if (uploads.length) return `目标数据目录 ${dataDir} 已有 ${uploads.length} 个上传文件`;
  return null;
}

/**
 * Loads an opened, checked archive into the database at `databaseUrl` and the data directory.
 * With `force`, whatever is there is removed first (the public schema and the uploads folder).
 */
export async function restoreBackup({
  opened,
  databaseUrl,
  dataDir,
  force = false,
  log = () => {},
}: {
  opened: { dir: string; manifest: BackupManifest };
  databaseUrl: string;
  dataDir: string;
  force?: boolean;
  log?: (line: string) => void;
}): Promise<void> {
  const { dir, manifest } = opened;
  const occupied = await describeNonEmptyTarget(databaseUrl, dataDir);
  if (occupied && !force) throw new BackupError(`${occupied}，为避免覆盖已拒绝恢复。确认要覆盖时请加 --force。`);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (occupied) {
      log("已指定 --force：正在清空目标数据库和上传文件…");
      await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      fs.rmSync(path.join(dataDir, "uploads"), { recursive: true, force: true });
    }

    // The schema as it was when the archive was made: our migrations up to its level.
    const levelDir = fs.mkdtempSync(path.join(os.tmpdir(), "fudao-restore-migrations-"));
    try {
      for (const name of manifest.migrations) fs.cpSync(path.join("prisma/migrations", name), path.join(levelDir, name), { recursive: true });
      log(`正在建立数据库结构（迁移到 ${manifest.migrationLevel ?? "无"}）…`);
      await migrate(databaseUrl, { dir: levelDir });
    } finally {
      fs.rmSync(levelDir, { recursive: true, force: true });
    }

    log(`正在导入数据（${manifest.tables.length} 张表）…`);
    await client.query("BEGIN");
    try {
      try {
        await client.query("SET LOCAL session_replication_role = replica");
      } catch (error) {
        throw new BackupError(`恢复需要能暂停触发器和外键检查的数据库账号（超级用户）：${(error as Error).message}`);
      }
      const existing = new Set((await listTables(client)).map((t) => t.name));
      const missing = manifest.tables.filter((t) => !existing.has(t.name));
      if (missing.length) throw new BackupError(`迁移后的数据库缺少表 ${missing.map((t) => t.name).join("、")}。`);
      await client.query(`TRUNCATE ${manifest.tables.map((t) => quote(t.name)).join(", ")}`);
      for (const table of manifest.tables) {
        await pipeline(
          fs.createReadStream(path.join(dir, table.file)),
          client.query(copyFrom(`COPY ${quote(table.name)} (${table.columns.map(quote).join(", ")}) FROM STDIN`)),
        );
        const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${quote(table.name)}`);
        if (Number(rows[0]!.count) !== table.rows) throw new BackupError(`表 ${table.name} 导入后有 ${rows[0]!.count} 行，备份清单记录为 ${table.rows} 行。`);
      }
      for (const sequence of manifest.sequences) {
        if (sequence.value === null) await client.query(`SELECT setval($1::regclass, 1, false)`, [quote(sequence.name)]);
        else await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [quote(sequence.name), sequence.value]);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
  const { applied } = await migrate(databaseUrl, { log });
  if (applied.length) log(`已应用备份之后新增的 ${applied.length} 个迁移。`);

  const uploads = Object.keys(manifest.files).filter((file) => file.startsWith("uploads/"));
  log(`正在恢复上传文件（${uploads.length} 个）…`);
  for (const file of uploads) {
    const target = path.join(dataDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(dir, file), target);
  }
}
