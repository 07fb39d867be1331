import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { scratchDir } from "./scratch-dir.ts";

export interface RunningApp {
  baseUrl: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the real server exactly as `npm start` does (tsx server.ts, production mode, embedded
 * PostgreSQL and Meilisearch under a fresh data directory) and waits until it reports ready.
 */
export async function startApp(options: { dataDir?: string; env?: Record<string, string | undefined>; timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? scratchDir("app");
  let output = "";
  const env: NodeJS.ProcessEnv = { ...process.env, FUDAO_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", ...options.env };
  for (const key of ["DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "SESSION_SECRET", "NODE_ENV", "VITEST"]) {
    if (!(options.env && key in options.env)) delete env[key];
  }
  const child = fork("server.ts", [], { execArgv: [...(options.nodeArgs ?? []), "--import", "tsx"], env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in time:\n${output}`)), options.timeoutMs ?? 150_000);
    child.on("message", (message: { ready?: boolean; port?: number }) => {
      if (message.ready && message.port) {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    process: child,
    output: () => output,
    stop(signal = "SIGTERM") {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}

export function removeDataDir(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
}
