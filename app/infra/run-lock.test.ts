import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireRunLock, DataDirLockedError } from "./run-lock.server.ts";

/**
 * The run lock in multi-instance mode (decision 111): instances share the data directory with
 * each other, never with a single-instance app. Another live app is played by a sleeping child
 * process whose PID is written where an app would write its own.
 */
let other: ChildProcess;
const dirs: string[] = [];
const log = () => {};

beforeAll(() => {
  other = spawn("sleep", ["600"], { stdio: "ignore" });
});
afterAll(() => {
  other.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fudao-run-lock-"));
  dirs.push(dir);
  return dir;
}

const markOf = (pid: number) => `run.lock.instance-${pid}`;

describe("the run lock with several instances", () => {
  it("lets an instance start beside another live instance on the same directory, and removes its mark when it stops", async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, markOf(other.pid!)), "{}");
    const lock = await acquireRunLock(dir, log, { shared: true });
    expect(fs.readdirSync(dir).sort()).toEqual([markOf(other.pid!), markOf(process.pid)].sort());
    lock.release();
    expect(fs.readdirSync(dir)).toEqual([markOf(other.pid!)]);
  });

  it("keeps a single-instance app out while an instance uses the directory, in one line", async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, markOf(other.pid!)), "{}");
    const attempt = acquireRunLock(dir, log);
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(attempt).rejects.toThrow(
      `数据目录 ${dir} 正被 1 个多实例模式（FUDAO_INSTANCES=multi）的 Fudao Studio 进程（PID ${other.pid}）使用。请先停止这些进程，或用 FUDAO_DATA_DIR 指定其他数据目录。`,
    );
    // It left no lock behind.
    expect(fs.existsSync(path.join(dir, "run.lock.json"))).toBe(false);
  });

  it("refuses an instance while a single-instance app holds the directory", async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, "run.lock.json"), JSON.stringify({ pid: other.pid, startedAt: new Date().toISOString(), children: {} }));
    const attempt = acquireRunLock(dir, log, { shared: true });
    await expect(attempt).rejects.toThrow(`数据目录 ${dir} 正被另一个以单实例模式运行的 Fudao Studio 进程（PID ${other.pid}，使用内置数据库）使用。`);
    expect(fs.readdirSync(dir)).toEqual(["run.lock.json"]);
  });

  it("forgets instances that died: their marks go and a single-instance app may start", async () => {
    const dir = dataDir();
    const dead = spawn("true");
    await new Promise((resolve) => dead.once("exit", resolve));
    fs.writeFileSync(path.join(dir, markOf(dead.pid!)), "{}");
    const lock = await acquireRunLock(dir, log);
    expect(fs.readdirSync(dir)).toEqual(["run.lock.json"]);
    lock.release();
  });
});
