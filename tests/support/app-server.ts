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

export interface AppOptions {
  dataDir?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Node options for the server process (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Leads its own process group (as under a terminal or a service manager): signal it with process.kill(-pid, …). */
  detached?: boolean;
}

/** A start that did not become ready: how it ended and what it printed. */
export interface FailedStart {
  exitCode: number | null;
  output: string;
}

/**
 * Starts the real server exactly as `npm start` does (tsx server.ts, production mode, embedded
 * PostgreSQL and Meilisearch under a fresh data directory) and waits until it reports ready.
 */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const outcome = await launchApp(options);
  if ("baseUrl" in outcome) return outcome;
  throw new Error(`server exited with code ${outcome.exitCode}:\n${outcome.output}`);
}

/** Like startApp, but a start that ends before it is ready (e.g. refused) is an outcome, not an error. */
export async function launchApp(options: AppOptions = {}): Promise<RunningApp | FailedStart> {
  const dataDir = options.dataDir ?? scratchDir("app");
  let output = "";
  const env: NodeJS.ProcessEnv = { ...process.env, FUDAO_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", ...options.env };
  for (const key of ["DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "SESSION_SECRET", "NODE_ENV", "VITEST"]) {
    if (!(options.env && key in options.env)) delete env[key];
  }
  const child = fork("server.ts", [], { execArgv: [...(options.nodeArgs ?? []), "--import", "tsx"], env, stdio: ["ignore", "pipe", "pipe", "ipc"], detached: options.detached ?? false });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in time:\n${output}`)), options.timeoutMs ?? 150_000);
    child.on("message", (message: { ready?: boolean; port?: number }) => {
      if (message.ready && message.port) {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  if (port === null) {
    // Let the pipes drain: the last line (e.g. why it refused) arrives with or just after the exit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { exitCode: await exited, output };
  }
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
