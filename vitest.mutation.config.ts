import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * What `npm run test:mutation` (stryker.config.mjs) runs against each mutant: the policy's unit
 * tests alone. A separate file because vitest.config.ts's integration and browser projects start
 * PostgreSQL, Meilisearch and the server for every run, whichever files are selected.
 */
export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: { include: ["app/policy/**/*.test.ts"] },
});
