import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { launchApp, type FailedStart, type RunningApp } from "../support/app-server.ts";
import { query } from "../support/databases.ts";
import { startInstances, type Instances } from "../support/instances.ts";

/**
 * Issue 21, items 1 and 5 (decision 111): instances started at the same moment on a new, empty
 * database and one data directory all run; the demo university is imported once; and a
 * single-instance app is kept off the directory they share.
 */
let cluster: Instances | undefined;
afterAll(async () => {
  await cluster?.stop();
}, 120_000);

describe("starting several instances together", () => {
  it("runs both on one data directory, seeds the empty database once, and keeps a single-instance start out", async () => {
    cluster = await startInstances(2);
    const outputs = cluster.instances.map((app) => app.output());
    const seeded = outputs.filter((output) => output.includes("演示数据导入完成"));
    expect(seeded, outputs.join("\n-----\n")).toHaveLength(1);
    const [counts] = await query<{ users: number; admins: number }>(
      cluster.databaseUrl,
      `SELECT count(*)::int AS users, count(*) FILTER (WHERE username = 'admin')::int AS admins FROM "User"`,
    );
    expect(counts?.admins).toBe(1);
    expect(counts?.users).toBeGreaterThan(100);
    for (const app of cluster.instances) expect((await fetch(`${app.baseUrl}/login`)).status).toBe(200);

    // The same directory without FUDAO_INSTANCES: refused in one line, nothing started.
    const single = (await launchApp({ dataDir: cluster.dataDir, timeoutMs: 60_000 })) as FailedStart;
    expect("baseUrl" in single).toBe(false);
    expect(single.exitCode).toBe(1);
    const pids = cluster.instances.map((app) => app.process.pid!).sort((a, b) => a - b);
    expect(single.output).toContain(
      `数据目录 ${cluster.dataDir} 正被 2 个多实例模式（FUDAO_INSTANCES=multi）的 Fudao Studio 进程（PID ${pids.join("、")}）使用。`,
    );
    expect(single.output).not.toMatch(/^\s+at /m);

    // An instance that stops removes its mark (and only its own); the other goes on serving.
    const [first, second] = cluster.instances as [RunningApp, RunningApp];
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain("已停止。");
    expect(fs.readdirSync(cluster.dataDir).filter((name) => name.startsWith("run.lock"))).toEqual([`run.lock.instance-${second.process.pid}`]);
    expect((await fetch(`${second.baseUrl}/login`)).status).toBe(200);
  }, 400_000);
});

