import type { TestProject } from "vitest/node";
import { readRunningServices } from "~/cli/running-services.server.ts";
import { findChromium, type ChromiumExecutable } from "~/infra/chromium.server.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";
import { leftovers, snapshotDatabase } from "../support/database-snapshot.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data directory (its running-services.json tells where its database is). */
    appDataDir: string;
    /** The browser every e2e file launches. */
    chromium: ChromiumExecutable;
  }
}

/**
 * One real server (fresh data directory, so it also initialises and seeds) for the browser tests,
 * or, with E2E_BASE_URL and E2E_DATA_DIR, a server that is already running (tests/e2e-twice.ts
 * runs the project twice against one). Either way every row and uploaded file is compared before
 * and after the tests: whatever a test left behind fails the run, listed table by table.
 */
export default async function setup(project: TestProject) {
  project.provide("chromium", await browserOrOneClearLine());
  const existing = existingServer();
  const app = existing ? null : await startApp();
  const baseUrl = existing?.baseUrl ?? app!.baseUrl;
  const dataDir = existing?.dataDir ?? app!.dataDir;
  project.provide("baseUrl", baseUrl);
  project.provide("appDataDir", dataDir);

  const services = readRunningServices(dataDir);
  if (!services) throw new Error(`no running server publishes its services in ${dataDir}`);
  const before = await snapshotDatabase(services.databaseUrl, dataDir);

  return async () => {
    try {
      const left = leftovers(before, await snapshotDatabase(services.databaseUrl, dataDir));
      if (left.length) {
        const message = `The browser tests left rows or files behind in the server's data (each test must undo what it changed; see docs/conventions.md, Tests):\n${left.join("\n")}`;
        const error = new Error(message);
        error.stack = message;
        throw error;
      }
    } finally {
      if (app) {
        const code = await app.stop();
        if (code !== 0) console.error(`server exited with ${code}\n${app.output()}`);
        removeDataDir(app.dataDir);
      }
    }
  };
}

/** E2E_BASE_URL and E2E_DATA_DIR name a running server to test instead of starting one. */
function existingServer(): { baseUrl: string; dataDir: string } | null {
  const baseUrl = process.env.E2E_BASE_URL;
  const dataDir = process.env.E2E_DATA_DIR;
  if (!baseUrl && !dataDir) return null;
  if (!baseUrl || !dataDir) throw new Error("set both E2E_BASE_URL and E2E_DATA_DIR to test a running server, or neither");
  return { baseUrl: baseUrl.replace(/\/$/, ""), dataDir };
}

/** Found once for all files: without a browser every file would fail with its own stack trace. */
async function browserOrOneClearLine(): Promise<ChromiumExecutable> {
  try {
    const found = await findChromium();
    console.log(`browser tests: ${found.source} Chromium at ${found.executablePath}`);
    return found;
  } catch (cause) {
    const line = `browser tests cannot start: ${cause instanceof Error ? cause.message : String(cause)} — set CHROMIUM_PATH to a Chromium/Chrome executable, or unset it to use the one npm installed (@sparticuz/chromium).`;
    const error = new Error(line);
    error.stack = line;
    throw error;
  }
}
