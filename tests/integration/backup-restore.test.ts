import crypto from "node:crypto";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { prisma } from "~/db/client.server.ts";
import { replaceBody, stateToDoc, stateToJSON } from "~/documents/content.server.ts";
import { uploadImage } from "~/documents/images.server.ts";
import { createVersion } from "~/documents/versions.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { defaultEngine, dropIndexes } from "~/search/engine.server.ts";
import { createEmptyDatabase, query } from "../support/databases.ts";
import { pngImage } from "../support/fixtures.ts";
import { scratchDir } from "../support/scratch-dir.ts";

/**
 * `npm run backup` and `npm run restore` run as the real commands: the demo university (this file's
 * seeded database) with an edited document and an uploaded picture is backed up, restored into an
 * empty database and data directory, and compared table by table and file by file (decision 120).
 */
const run = promisify(execFile);
const sourceDataDir = process.env.FUDAO_DATA_DIR!;
const outDir = scratchDir("backup-out");
const restoredDataDir = scratchDir("backup-restored");
const restoredPrefix = `${process.env.MEILI_INDEX_PREFIX}r_`;
const scratch: string[] = [outDir, restoredDataDir];

async function cli(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env }, timeout: 240_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const tables = await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) counts[tablename] = Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM "${tablename}"`))[0]!.n);
  return counts;
}

function fileSums(dataDir: string): Record<string, string> {
  const root = path.join(dataDir, "uploads");
  const sums: Record<string, string> = {};
  if (!fs.existsSync(root)) return sums;
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    sums[path.relative(dataDir, file)] = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  }
  return sums;
}

/** The document's text as it opens: the stored state with its update log applied. */
async function documentAsOpened(url: string, documentId: string) {
  const [row] = await query<{ yState: Buffer }>(url, `SELECT "yState" FROM "Document" WHERE id = $1`, [documentId]);
  const updates = await query<{ update: Buffer }>(url, `SELECT "update" FROM "DocumentUpdate" WHERE "documentId" = $1 ORDER BY id`, [documentId]);
  const doc = stateToDoc(row!.yState);
  for (const { update } of updates) Y.applyUpdate(doc, update);
  const versions = await query<{ number: number; name: string | null; digest: string }>(
    url,
    `SELECT number, name, md5("yState") AS digest FROM "DocumentVersion" WHERE "documentId" = $1 ORDER BY number`,
    [documentId],
  );
  return { json: JSON.stringify(stateToJSON(Y.encodeStateAsUpdate(doc))), updates: updates.length, versions };
}

let documentId = "";
let archive = "";

beforeAll(async () => {
  // Edits on top of the demo university: a document changed twice (update log + a named version)
  // and a picture uploaded into it.
  const document = await prisma.document.findFirstOrThrow({ where: { yState: { not: null } }, orderBy: { id: "asc" }, include: { authors: true } });
  documentId = document.id;
  const doc = stateToDoc(document.yState!);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  replaceBody(doc, { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "备份之前的第一次修改" }] }] });
  replaceBody(doc, { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "备份之前的第二次修改：谈心谈话记录" }] }] });
  for (const update of updates) await prisma.documentUpdate.create({ data: { documentId, update: Buffer.from(update) } });
  await createVersion(prisma, { documentId, state: Y.encodeStateAsUpdate(doc), reason: "NAMED", status: document.status, name: "备份前" });
  await uploadImage(documentId, document.authors[0]!.userId, "现场照片.png", pngImage(6, 5, [200, 30, 30]));
}, 60_000);

afterAll(async () => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
  const own = process.env.MEILI_INDEX_PREFIX;
  process.env.MEILI_INDEX_PREFIX = restoredPrefix;
  await dropIndexes(defaultEngine()).catch(() => {});
  process.env.MEILI_INDEX_PREFIX = own;
});

describe("npm run backup / npm run restore", () => {
  it("round-trips the demo university with edits: every table's rows, every file's checksum, a document with its full history", async () => {
    const backup = await cli("app/cli/backup.ts", ["--out", outDir], {});
    expect(backup.output).toContain("备份完成");
    expect(backup.code).toBe(0);
    const archives = fs.readdirSync(outDir).filter((f) => f.endsWith(".tar.gz"));
    expect(archives).toHaveLength(1);
    archive = path.join(outDir, archives[0]!);

    const target = await createEmptyDatabase("restored");
    const restore = await cli("app/cli/restore.ts", [archive], { DATABASE_URL: target, FUDAO_DATA_DIR: restoredDataDir, MEILI_INDEX_PREFIX: restoredPrefix });
    expect(restore.output).toContain("校验和一致");
    expect(restore.output).toContain("搜索索引已重建");
    expect(restore.output).toContain("恢复完成");
    expect(restore.code).toBe(0);

    const source = process.env.DATABASE_URL!;
    const before = await tableCounts(source);
    expect(before.DocumentUpdate).toBeGreaterThanOrEqual(2);
    expect(before.UploadedFile).toBeGreaterThan(0);
    expect(await tableCounts(target)).toEqual(before);

    const files = fileSums(sourceDataDir);
    expect(Object.keys(files).length).toBeGreaterThan(0);
    expect(fileSums(restoredDataDir)).toEqual(files);

    const original = await documentAsOpened(source, documentId);
    expect(original.json).toContain("谈心谈话记录");
    expect(original.updates).toBeGreaterThanOrEqual(2);
    expect(original.versions.some((v) => v.name === "备份前")).toBe(true);
    expect(await documentAsOpened(target, documentId)).toEqual(original);

    // The restored database takes new rows after the old ones (sequences were carried over).
    const [maxId] = await query<{ max: string }>(target, `SELECT max(id)::text AS max FROM "DocumentUpdate"`);
    const [next] = await query<{ id: string }>(target, `INSERT INTO "DocumentUpdate" ("documentId", "update") VALUES ($1, '\\x00') RETURNING id::text AS id`, [documentId]);
    expect(BigInt(next!.id)).toBeGreaterThan(BigInt(maxId!.max));

    // The manifest says what the archive holds.
    const manifestDir = scratchDir("backup-manifest");
    scratch.push(manifestDir);
    await tar.extract({ file: archive, cwd: manifestDir }, ["manifest.json"]);
    const manifest = JSON.parse(fs.readFileSync(path.join(manifestDir, "manifest.json"), "utf8"));
    expect(manifest.appVersion).toBe(JSON.parse(fs.readFileSync("package.json", "utf8")).version);
    expect(manifest.migrationLevel).toBe((await query<{ m: string }>(source, `SELECT max(migration_name) AS m FROM "_prisma_migrations"`))[0]!.m);
    expect(Object.fromEntries(manifest.tables.map((t: { name: string; rows: number }) => [t.name, t.rows]))).toEqual(before);
    for (const [file, sum] of Object.entries(files)) expect(manifest.files[file]).toBe(sum);

    // A target that now holds data is refused unless told, and then replaced.
    const again = await cli("app/cli/restore.ts", [archive], { DATABASE_URL: target, FUDAO_DATA_DIR: restoredDataDir, MEILI_INDEX_PREFIX: restoredPrefix });
    expect(again.code).toBe(1);
    expect(again.output).toContain("为避免覆盖已拒绝恢复");
    expect((await tableCounts(target)).DocumentUpdate).toBe(before.DocumentUpdate! + 1); // untouched
    const forced = await cli("app/cli/restore.ts", [archive, "--force"], { DATABASE_URL: target, FUDAO_DATA_DIR: restoredDataDir, MEILI_INDEX_PREFIX: restoredPrefix });
    expect(forced.output).toContain("恢复完成");
    expect(forced.code).toBe(0);
    expect(await tableCounts(target)).toEqual(before);
  }, 600_000);

  it("refuses a non-empty database without --force and leaves it as it was, and a data directory whose app runs", async () => {
    const source = process.env.DATABASE_URL!;
    const before = await tableCounts(source);
    const unused = scratchDir("backup-unused");
    scratch.push(unused);
    const refused = await cli("app/cli/restore.ts", [archive], { FUDAO_DATA_DIR: unused });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("目标数据库已有数据");
    expect(await tableCounts(source)).toEqual(before);

    // Nor into a data directory whose app is running, even with --force.
    const running = scratchDir("backup-app-running");
    scratch.push(running);
    fs.mkdirSync(path.join(running, "secrets"));
    fs.writeFileSync(path.join(running, "secrets", "running-services.json"), JSON.stringify({ pid: process.pid, databaseUrl: source, meiliUrl: "", meiliApiKey: "" }));
    const busy = await cli("app/cli/restore.ts", [archive, "--force"], { DATABASE_URL: await createEmptyDatabase("busy"), FUDAO_DATA_DIR: running });
    expect(busy.code).toBe(1);
    expect(busy.output).toContain("上的应用正在运行，请先停止应用再恢复");
    expect(fs.existsSync(path.join(running, "uploads"))).toBe(false);
  }, 300_000);

  it("refuses a corrupted archive before writing anything: a changed file, a truncated archive", async () => {
    const unpacked = scratchDir("backup-unpacked");
    scratch.push(unpacked);
    await tar.extract({ file: archive, cwd: unpacked });
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, "manifest.json"), "utf8"));
    const picture = Object.keys(manifest.files).find((f) => f.startsWith("uploads/"))!;
    fs.appendFileSync(path.join(unpacked, picture), "x");
    const tampered = path.join(outDir, "tampered.tar.gz");
    await tar.create({ gzip: true, file: tampered, cwd: unpacked }, ["manifest.json", ...Object.keys(manifest.files)]);
    const truncated = path.join(outDir, "truncated.tar.gz");
    const whole = fs.readFileSync(archive);
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));

    for (const [file, message] of [
      [tampered, `${picture} 的校验和不符`],
      [truncated, "备份文件已损坏"],
    ] as const) {
      const target = await createEmptyDatabase("corrupt");
      const dataDir = scratchDir("backup-corrupt");
      scratch.push(dataDir);
      const refused = await cli("app/cli/restore.ts", [file], { DATABASE_URL: target, FUDAO_DATA_DIR: dataDir, MEILI_INDEX_PREFIX: restoredPrefix });
      expect(refused.output).toContain(message);
      expect(refused.output).toContain("未写入任何数据");
      expect(refused.code).toBe(1);
      expect(await query(target, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, "uploads"))).toBe(false);
    }
  }, 300_000);

  it("backs up while the app runs and writes (found through running-services.json, one snapshot), and restores into an empty data directory's embedded PostgreSQL", async () => {
    // A running app publishes where its database is; the command finds it there (no DATABASE_URL).
    const appDataDir = scratchDir("backup-running");
    const emptyDataDir = scratchDir("backup-embedded");
    const runningOut = scratchDir("backup-running-out");
    scratch.push(appDataDir, emptyDataDir, runningOut);
    fs.mkdirSync(path.join(appDataDir, "secrets"));
    fs.writeFileSync(
      path.join(appDataDir, "secrets", "running-services.json"),
      JSON.stringify({ pid: process.pid, databaseUrl: process.env.DATABASE_URL, meiliUrl: process.env.MEILI_URL, meiliApiKey: process.env.MEILI_MASTER_KEY }),
    );
    fs.cpSync(path.join(sourceDataDir, "uploads"), path.join(appDataDir, "uploads"), { recursive: true });

    // Meanwhile the app keeps writing: each write is a notification and its audit line, together.
    const user = await prisma.user.findFirstOrThrow({ orderBy: { id: "asc" } });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await prisma.$transaction([
          prisma.notification.create({ data: { userId: user.id, type: "backup.test" } }),
          prisma.auditLog.create({ data: { action: "backup.test", entityType: "User", entityId: user.id } }),
        ]);
        written++;
      }
    })();
    const backup = await cli("app/cli/backup.ts", ["--out", runningOut], { DATABASE_URL: "", FUDAO_DATA_DIR: appDataDir });
    writing = false;
    await writer;
    expect(backup.output).toContain("备份完成");
    expect(backup.code).toBe(0);
    expect(written).toBeGreaterThan(0);
    const file = path.join(runningOut, fs.readdirSync(runningOut).find((f) => f.endsWith(".tar.gz"))!);

    const restore = await cli("app/cli/restore.ts", [file], { DATABASE_URL: "", FUDAO_DATA_DIR: emptyDataDir, MEILI_INDEX_PREFIX: restoredPrefix });
    expect(restore.output).toContain("内置 PostgreSQL");
    expect(restore.output).toContain("恢复完成");
    expect(restore.code).toBe(0);
    expect(fileSums(emptyDataDir)).toEqual(fileSums(sourceDataDir));

    const pg = await startEmbeddedPostgres({ dataDir: emptyDataDir, log: () => {} });
    try {
      const [pair] = await query<{ notifications: string; audits: string }>(
        pg.url,
        `SELECT (SELECT count(*) FROM "Notification" WHERE type = 'backup.test') AS notifications,
                (SELECT count(*) FROM "AuditLog" WHERE action = 'backup.test') AS audits`,
      );
      // One snapshot: never a notification without its audit line, whatever moment it caught.
      expect(Number(pair!.notifications)).toBeGreaterThan(0);
      expect(pair!.notifications).toBe(pair!.audits);
      const restored = await tableCounts(pg.url);
      const source = await tableCounts(process.env.DATABASE_URL!);
      for (const table of Object.keys(source)) {
        if (table !== "Notification" && table !== "AuditLog") expect([table, restored[table]]).toEqual([table, source[table]]);
      }
    } finally {
      await pg.stop();
    }
  }, 600_000);

  it("refuses a PG_DUMP older than the server, in Chinese, and writes no archive", async () => {
    const out = scratchDir("backup-pgdump");
    scratch.push(out);
    // A pg_dump that says it is PostgreSQL 15's (as Debian's is), older than the test cluster (18).
    const oldPgDump = path.join(scratchDir("backup-old-pg-dump"), "pg_dump");
    scratch.push(path.dirname(oldPgDump));
    fs.writeFileSync(oldPgDump, '#!/bin/sh\necho "pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"\n', { mode: 0o755 });
    const refused = await cli("app/cli/backup.ts", ["--out", out], { PG_DUMP: oldPgDump });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/PG_DUMP 指向的 pg_dump（pg_dump \(PostgreSQL\) \d+[^）]*）低于数据库服务器的 \d+ 版/);
    expect(fs.readdirSync(out)).toEqual([]);
    const missing = await cli("app/cli/backup.ts", ["--out", out], { PG_DUMP: "/nonexistent/pg_dump" });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("PG_DUMP 指向的程序 /nonexistent/pg_dump 无法运行");
  }, 120_000);
});
