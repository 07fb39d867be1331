import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "~/db/migrate.server.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";
import { createEmptyDatabase, query } from "../support/databases.ts";

// Each test starts the real server (the second also imports the demo university): under a loaded
// machine that alone can take longer than the default 30 s.
const START_AND_CHECK_MS = 180_000;

/**
 * Production points the app at its own PostgreSQL and Meilisearch: with DATABASE_URL and
 * MEILI_URL set it starts neither, and /healthz reports a part that is down with 503.
 */
describe("server with external services", () => {
  it("uses DATABASE_URL without starting PostgreSQL and reports an unreachable search engine", async () => {
    const app = await startApp({
      env: {
        DATABASE_URL: process.env.DATABASE_URL,
        MEILI_URL: "http://127.0.0.1:9", // discard port: nothing listens
        MEILI_MASTER_KEY: "not-used",
        SESSION_SECRET: "external-services-test",
      },
    });
    try {
      expect(fs.existsSync(path.join(app.dataDir, "postgres"))).toBe(false);
      expect(fs.existsSync(path.join(app.dataDir, "meilisearch"))).toBe(false);
      expect(app.output()).toMatch(/数据库：外部 PostgreSQL（127\.0\.0\.1:\d+\/test_\w+）；搜索：外部 Meilisearch（http:\/\/127\.0\.0\.1:9）/);
      expect(app.output()).not.toContain("正在导入演示大学数据");

      const response = await fetch(`${app.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ db: "ok", search: "down", version: "0.1.0" });
    } finally {
      expect(await app.stop()).toBe(0);
      removeDataDir(app.dataDir);
    }
  }, START_AND_CHECK_MS);
});

describe("server errors", () => {
  it("answer with the Chinese 500 page and no internals when the database breaks", async () => {
    const url = await createEmptyDatabase("broken");
    await migrate(url);
    const app = await startApp({ env: { DATABASE_URL: url, SESSION_SECRET: "error-page-test" } });
    try {
      expect(app.output()).toContain("正在导入演示大学数据");
      expect((await fetch(`${app.baseUrl}/login`)).status).toBe(200);

      await query(url, `ALTER TABLE "Setting" RENAME TO "Setting_moved"`);
      const response = await fetch(`${app.baseUrl}/login`);
      expect(response.status).toBe(500);
      const html = await response.text();
      expect(html).toContain("服务器出错了");
      expect(html).toContain("请稍后重试");
      // Asset names (e.g. a bundled "index-settings" chunk) are not internals; the message is.
      const withoutAssets = html.replace(/\/assets\/[\w.-]+/g, "");
      expect(withoutAssets).not.toMatch(/Setting|prisma|\.ts:\d+|at \w+ \(/i);
      // The details go to the server log instead.
      expect(app.output()).toMatch(/GET \/login/);
    } finally {
      await query(url, `ALTER TABLE "Setting_moved" RENAME TO "Setting"`).catch(() => {});
      expect(await app.stop()).toBe(0);
      removeDataDir(app.dataDir);
    }
  }, START_AND_CHECK_MS);
});
