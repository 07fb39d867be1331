import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Three projects, all real parts:
 * - unit: pure modules under app/ (no services);
 * - integration: *.server.test.ts and tests/integration, each file on its own copy of a seeded
 *   template database in one embedded PostgreSQL cluster, plus one real Meilisearch per run;
 * - e2e: the real server started as `npm start` would, driven with Chromium; every test undoes what
 *   it changed in the server's database, and the run fails if anything is left behind.
 */
export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}"],
          exclude: ["app/**/*.server.test.ts"],
          // Exhaustive checks (the matching optimum against brute force) take seconds on a busy machine,
          // and the seams test's TypeScript program is built in a hook.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["app/**/*.server.test.ts", "tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/integration-global.ts"],
          setupFiles: ["tests/setup/integration-file.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/e2e-global.ts"],
          setupFiles: ["tests/setup/e2e-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
