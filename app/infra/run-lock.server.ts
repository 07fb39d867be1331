import fs from "node:fs";
import path from "node:path";

/**
 * One running app per data directory. The lock file also remembers the child processes we
 * started (PostgreSQL, Meilisearch): if the app was killed hard, they outlive it and still hold
 * the data; the next start stops them before starting fresh ones.
 */
interface LockContent {
  pid: number;
  startedAt: string;
  children: Record<string, number>;
}

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

export interface RunLock {
  recordChild(name: string, pid: number): void;
  release(): void;
}

export async function acquireRunLock(dataDir: string, log: (line: string) => void): Promise<RunLock> {
  const file = path.join(dataDir, "run.lock.json");
  const previous = readLock(file);
  if (previous && previous.pid !== process.pid && isAlive(previous.pid)) {
    throw new DataDirLockedError(
      `数据目录 ${dataDir} 正被另一个正在运行的 Fudao Studio 进程（PID ${previous.pid}）使用。` +
        `请先停止该进程，或用 FUDAO_DATA_DIR 指定其他数据目录。`,
    );
  }
  if (previous) {
    for (const [name, pid] of Object.entries(previous.children)) {
      if (isAlive(pid) && commandLineMentions(pid, dataDir)) {
        log(`上次未正常退出：正在停止遗留的 ${name} 进程（PID ${pid}）…`);
        await stopProcess(pid);
      }
    }
  }
  const content: LockContent = { pid: process.pid, startedAt: new Date().toISOString(), children: {} };
  const write = () => fs.writeFileSync(file, JSON.stringify(content, null, 2));
  write();
  return {
    recordChild(name, pid) {
      content.children[name] = pid;
      write();
    },
    release() {
      const current = readLock(file);
      if (current?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}

function readLock(file: string): LockContent | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockContent;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Guards against signalling an unrelated process that happens to reuse an old PID. */
function commandLineMentions(pid: number, dataDir: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dataDir);
  } catch {
    return false;
  }
}

async function stopProcess(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
}
