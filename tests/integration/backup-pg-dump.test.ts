import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import * as tar from "tar";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "~/db/migrate.server.ts";
import { scratchDir } from "../support/scratch-dir.ts";

/**
 * PG_DUMP (decision 120): with a pg_dump of the server's version the archive also holds the same
 * snapshot in pg_dump's custom format. No npm package ships pg_dump 18, so this runs where the
 * system has a PostgreSQL whose server and pg_dump are of one version (Debian's here): a cluster
 * of that version is started for the test.
 */
const run = promisify(execFile);
const pgDump = "/usr/bin/pg_dump";
const major = fs.existsSync(pgDump) ? /(\d+)\./.exec(execFileSync(pgDump, ["--version"], { encoding: "utf8" }))?.[1] : undefined;
const bin = major ? `/usr/lib/postgresql/${major}/bin` : "";
const available = Boolean(major && fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "pg_ctl")));
const root = scratchDir("backup-pg-dump");
const port = 20_000 + Math.floor(Math.random() * 20_000);
const asPostgres = (command: string[]) =>
  process.getuid?.() === 0 ? run("su", ["postgres", "-s", "/bin/sh", "-c", command.map((part) => `'${part}'`).join(" ")]) : run(command[0]!, command.slice(1));

afterAll(async () => {
  if (available && fs.existsSync(path.join(root, "db", "postmaster.pid"))) await asPostgres([path.join(bin, "pg_ctl"), "-D", path.join(root, "db"), "stop", "-m", "fast"]).catch(() => {});
  fs.rmSync(root, { recursive: true, force: true });
});

describe("PG_DUMP", () => {
  it.skipIf(!available)("adds the snapshot in pg_dump's custom format, readable by pg_restore, next to the tables", async () => {
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres", root]);
    await asPostgres([path.join(bin, "initdb"), "-D", path.join(root, "db"), "-A", "trust", "-U", "postgres"]);
    await asPostgres([path.join(bin, "pg_ctl"), "-D", path.join(root, "db"), "-o", `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`, "-l", path.join(root, "log"), "-w", "start"]);
    const databaseUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    await migrate(databaseUrl);

    const out = path.join(root, "out");
    const { stdout } = await run(process.execPath, ["--import", "tsx", "app/cli/backup.ts", "--out", out], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PG_DUMP: pgDump, FUDAO_DATA_DIR: path.join(root, "data") },
      timeout: 120_000,
    });
    expect(stdout).toContain("导出自定义格式（同一快照）");
    const unpacked = path.join(root, "unpacked");
    fs.mkdirSync(unpacked);
    await tar.extract({ file: path.join(out, fs.readdirSync(out)[0]!), cwd: unpacked });
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, "manifest.json"), "utf8"));
    expect(manifest.pgDump.file).toBe("database/database.pgdump");
    expect(manifest.files["database/database.pgdump"]).toMatch(/^[0-9a-f]{64}$/);
    const { stdout: list } = await run(path.join(bin, "pg_restore"), ["--list", path.join(unpacked, "database", "database.pgdump")]);
    expect(list).toContain("TABLE DATA public _prisma_migrations");
    expect(list).toContain("TABLE public Document");
  }, 180_000);
});
