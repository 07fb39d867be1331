import type { TestProject } from "vitest/node";
import { removeDataDir, startApp } from "../support/app-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data directory (its running-services.json tells where its database is). */
    appDataDir: string;
  }
}

/** One real server (fresh data directory, so it also initialises and seeds) for the browser tests. */
export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide("baseUrl", app.baseUrl);
  project.provide("appDataDir", app.dataDir);
  return async () => {
    const code = await app.stop();
    if (code !== 0) console.error(`server exited with ${code}\n${app.output()}`);
    removeDataDir(app.dataDir);
  };
}
