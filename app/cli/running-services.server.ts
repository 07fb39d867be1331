import fs from "node:fs";
import path from "node:path";
import type { BackgroundTask } from "~/infra/background-task.ts";
import { isAlive } from "~/infra/run-lock.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";

/**
 * Command-line tasks that must work while the app runs (`npm run search:reindex`,
 * `npm run token`). The embedded PostgreSQL and Meilisearch listen on ports chosen at start, so
 * the running app writes where they are into its data directory's private secrets folder (next
 * to the passwords it already keeps there); a command finds them there, or starts the embedded
 * services itself when the app is not running.
 */

const FILE = "running-services.json";

export interface RunningServices {
  pid: number;
  databaseUrl: string;
  meiliUrl: string;
  meiliApiKey: string;
}

function fileFor(dataDir: string) {
  return path.join(dataDir, "secrets", FILE);
}

/** Background task of the app (TASKS): publish on start, remove on stop. */
export const runningServicesTask: BackgroundTask = {
  name: "running-services",
  start() {
    const runtime = getRuntime();
    const file = fileFor(runtime.dataDir);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const content: RunningServices = { pid: process.pid, databaseUrl: runtime.databaseUrl, meiliUrl: runtime.meiliUrl, meiliApiKey: runtime.meiliApiKey };
    fs.writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
  },
  stop() {
    const file = fileFor(getRuntime().dataDir);
    try {
      const content = JSON.parse(fs.readFileSync(file, "utf8")) as RunningServices;
      if (content.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // nothing published
    }
  },
};

export function readRunningServices(dataDir: string): RunningServices | null {
  try {
    const content = JSON.parse(fs.readFileSync(fileFor(dataDir), "utf8")) as RunningServices;
    return isAlive(content.pid) ? content : null;
  } catch {
    return null;
  }
}

