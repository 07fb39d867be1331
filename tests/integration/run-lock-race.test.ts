import { afterAll, describe, expect, it } from "vitest";
import { launchApp, removeDataDir, startApp, type FailedStart, type RunningApp } from "../support/app-server.ts";
import { processAlive, readRunLock, waitUntil } from "../support/embedded-app.ts";

/**
 * Issue 27, item 3. Right after a crash (the app killed with SIGKILL: its lock names a dead
 * process, and its PostgreSQL and Meilisearch still run, orphaned), five `npm start` at the same
 * moment on the same data directory: exactly one runs (it stops the orphans first); the other four
 * refuse with one clear Chinese line and a non-zero exit code, without a stack trace.
 */
const running: RunningApp[] = [];
let dataDir: string | undefined;
afterAll(async () => {
  for (const app of running) await app.stop();
  if (dataDir) removeDataDir(dataDir);
});

describe("run lock", () => {
  it("lets exactly one of five simultaneous starts run after a crash; the others refuse in one line", async () => {
    const first = await startApp({ timeoutMs: 240_000 });
    dataDir = first.dataDir;
    first.process.kill("SIGKILL");
    await new Promise((resolve) => first.process.once("exit", resolve));
    const stale = readRunLock(dataDir)!;
    expect(processAlive(stale.pid)).toBe(false);
    const orphans = Object.values(stale.children);
    expect(orphans).toHaveLength(2);
    for (const pid of orphans) expect(processAlive(pid)).toBe(true);

    const outcomes = await Promise.all(Array.from({ length: 5 }, () => launchApp({ dataDir, timeoutMs: 240_000 })));
    const started = outcomes.filter((outcome): outcome is RunningApp => "baseUrl" in outcome);
    const refused = outcomes.filter((outcome): outcome is FailedStart => !("baseUrl" in outcome));
    running.push(...started);
    const report = refused.map((r) => `exit ${r.exitCode}:\n${r.output}`).join("\n-----\n");

    expect(started, report).toHaveLength(1);
    expect(refused).toHaveLength(4);
    const winner = started[0]!;
    for (const refusal of refused) {
      expect(refusal.exitCode, refusal.output).not.toBe(0);
      expect(refusal.exitCode, refusal.output).not.toBeNull();
      const errorLines = refusal.output.split("\n").filter((line) => /正被另一个|Error|错误|^\s+at /.test(line));
      expect(errorLines, refusal.output).toEqual([
        `[fudao] 数据目录 ${dataDir} 正被另一个正在运行的 Fudao Studio 进程（PID ${winner.process.pid}）使用。请先停止该进程，或用 FUDAO_DATA_DIR 指定其他数据目录。`,
      ]);
      expect(refusal.output).not.toMatch(/^\s+at /m);
      // A refused start never touched the services.
      expect(refusal.output).not.toMatch(/正在停止遗留|内置 Meilisearch 已就绪/);
    }
    // The orphans of the crash were stopped (once), and the winner runs its own services.
    for (const pid of orphans) await waitUntil(`orphan ${pid} to be gone`, () => !processAlive(pid), 15_000);
    expect(winner.output()).toMatch(/上次未正常退出：正在停止遗留的 postgres 进程/);
    expect(readRunLock(dataDir)!.pid).toBe(winner.process.pid);
    expect((await fetch(`${winner.baseUrl}/healthz`)).status).toBe(200);

    expect(await winner.stop("SIGTERM")).toBe(0);
    running.length = 0;
    expect(readRunLock(dataDir)).toBeNull();
  }, 600_000);
});
