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

/**
 * Takes the data directory's lock (decision 092). The lock file is created exclusively (`wx`):
 * of several starts at once exactly one creates it. A lock left by a dead process (a crash, a
 * `kill -9`) is taken over under a guard file named after that process, so one start at a time
 * re-reads it, stops the services it left running and replaces it with its own (one rename); the
 * others then find the new holder alive and refuse.
 */
export async function acquireRunLock(dataDir: string, log: (line: string) => void, { shared = false }: { shared?: boolean } = {}): Promise<RunLock> {
  if (shared) return acquireSharedLock(dataDir);
  const file = path.join(dataDir, "run.lock.json");
  const content: LockContent = { pid: process.pid, startedAt: new Date().toISOString(), children: {} };
  const deadline = Date.now() + 60_000;
  while (!createExclusively(file, content)) {
    const holder = readLock(file);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new DataDirLockedError(
        `数据目录 ${dataDir} 正被另一个正在运行的 Fudao Studio 进程（PID ${holder.pid}）使用。` +
          `请先停止该进程，或用 FUDAO_DATA_DIR 指定其他数据目录。`,
      );
    }
    if (Date.now() > deadline) throw new DataDirLockedError(`无法取得数据目录 ${dataDir} 的运行锁（${file}）：请检查该文件后重试。`);
    // Unreadable: being written this very moment, or left empty by a crash (then stale after a while).
    if (holder || ageMs(file) > 5_000) {
      if (await takeOver(file, holder, dataDir, log, content)) break;
    } else await sleep(20);
  }
  // Instances in multi-instance mode share this directory (their uploads): a single-instance app
  // would run its own embedded database beside their shared one. Checked after our lock exists, as
  // they check for it after theirs: of two starts at once at least one sees the other.
  const instances = liveSharedHolders(dataDir);
  if (instances.length) {
    fs.rmSync(file, { force: true });
    throw new DataDirLockedError(
      `数据目录 ${dataDir} 正被 ${instances.length} 个多实例模式（FUDAO_INSTANCES=multi）的 Fudao Studio 进程（PID ${instances.join("、")}）使用。` +
        `请先停止这些进程，或用 FUDAO_DATA_DIR 指定其他数据目录。`,
    );
  }
  const write = () => fs.writeFileSync(file, JSON.stringify(content, null, 2));
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

const SHARED_PREFIX = "run.lock.instance-";

/**
 * Multi-instance mode (decision 111): several instances share the directory (uploads) and start
 * no embedded service, so none excludes another. Each one marks its presence with a file named
 * after its PID, which only keeps a single-instance app out; it refuses while a single-instance
 * app holds the directory's lock. Marks of dead instances are removed by whoever finds them.
 */
function acquireSharedLock(dataDir: string): RunLock {
  const mine = path.join(dataDir, `${SHARED_PREFIX}${process.pid}`);
  fs.writeFileSync(mine, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
  const release = () => fs.rmSync(mine, { force: true });
  const holder = readLock(path.join(dataDir, "run.lock.json"));
  if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
    release();
    throw new DataDirLockedError(
      `数据目录 ${dataDir} 正被另一个以单实例模式运行的 Fudao Studio 进程（PID ${holder.pid}，使用内置数据库）使用。` +
        `请先停止该进程，或用 FUDAO_DATA_DIR 指定其他数据目录。`,
    );
  }
  liveSharedHolders(dataDir);
  return { recordChild() {}, release };
}

/** PIDs of the live multi-instance apps using the directory; removes the marks of dead ones. */
function liveSharedHolders(dataDir: string): number[] {
  const live: number[] = [];
  for (const name of fs.readdirSync(dataDir)) {
    if (!name.startsWith(SHARED_PREFIX)) continue;
    const pid = Number(name.slice(SHARED_PREFIX.length));
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (isAlive(pid)) live.push(pid);
    else fs.rmSync(path.join(dataDir, name), { force: true });
  }
  return live.sort((a, b) => a - b);
}

/** Creates the lock file with our content; false when it exists already. */
function createExclusively(file: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    fs.writeSync(fd, JSON.stringify(content, null, 2));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** Removes a stale lock (and stops what its process left running), one taker at a time. */
/**
 * Takes over a stale lock: true when this start now holds it. The stale file is replaced by ours
 * in one rename, never removed first: removed, it could be created by another start in between,
 * after this one had stopped the services (the taker, which saw them stopped, must be the one
 * that runs).
 */
async function takeOver(file: string, stale: LockContent | null, dataDir: string, log: (line: string) => void, content: LockContent): Promise<boolean> {
  const guard = `${file}.takeover-${stale?.pid ?? "empty"}`;
  let fd: number;
  try {
    fd = fs.openSync(guard, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another start is taking over. If it died doing so, its guard goes after a while.
    if (ageMs(guard) > 30_000) fs.rmSync(guard, { force: true });
    await sleep(50);
    return false;
  }
  try {
    fs.writeSync(fd, String(process.pid));
    // Only the lock we judged stale: another taker may have replaced it since.
    const current = readLock(file);
    const same = stale ? current?.pid === stale.pid && current.startedAt === stale.startedAt : current === null;
    if (!same) return false;
    for (const [name, pid] of Object.entries(current?.children ?? {})) {
      if (isAlive(pid) && commandLineMentions(pid, dataDir)) {
        log(`上次未正常退出：正在停止遗留的 ${name} 进程（PID ${pid}）…`);
        await stopProcess(pid);
      }
    }
    const ours = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(ours, JSON.stringify(content, null, 2));
    fs.renameSync(ours, file);
    return true;
  } finally {
    fs.closeSync(fd);
    fs.rmSync(guard, { force: true });
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
