import type { TestProject } from "vitest/node";
import { findChromium, type ChromiumExecutable } from "~/infra/chromium.server.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data directory (its running-services.json tells where its database is). */
    appDataDir: string;
    /** The browser every e2e file launches. */
    chromium: ChromiumExecutable;
  }
}

/** One real server (fresh data directory, so it also initialises and seeds) for the browser tests. */
export default async function setup(project: TestProject) {
  project.provide("chromium", await browserOrOneClearLine());
  const app = await startApp();
  project.provide("baseUrl", app.baseUrl);
  project.provide("appDataDir", app.dataDir);
  return async () => {
    const code = await app.stop();
    if (code !== 0) console.error(`server exited with ${code}\n${app.output()}`);
    removeDataDir(app.dataDir);
  };
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
