import { migrate } from "~/db/migrate.server.ts";
import type { AppConfig } from "~/infra/config.server.ts";
import { ensureDataDir, readOrCreateSecret } from "~/infra/data-dir.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { acquireRunLock } from "~/infra/run-lock.server.ts";
import { setRuntime, type Runtime } from "~/infra/runtime.server.ts";

export interface Services {
  runtime: Runtime;
  /** One line for the console: which database and which search engine are in use. */
  describe(): string;
  stop(): Promise<void>;
}

/**
 * Brings up PostgreSQL and Meilisearch (embedded unless DATABASE_URL / MEILI_URL point
 * elsewhere), applies pending migrations and publishes where they are (setRuntime).
 */
export async function startServices(config: AppConfig, log: (line: string) => void): Promise<Services> {
  ensureDataDir(config.dataDir);
  const lock = await acquireRunLock(config.dataDir, log);
  const stops: Array<() => Promise<void>> = [];
  try {
    const [database, search] = await Promise.all([
      config.databaseUrl
        ? Promise.resolve({ url: config.databaseUrl, label: `外部 PostgreSQL（${describeUrl(config.databaseUrl)}）` })
        : startEmbeddedPostgres({ dataDir: config.dataDir, log }).then((pg) => {
            stops.push(pg.stop);
            if (pg.pid) lock.recordChild("postgres", pg.pid);
            return { url: pg.url, label: `内置 PostgreSQL（${config.dataDir}/postgres，${describeUrl(pg.url)}）` };
          }),
      config.meiliUrl
        ? Promise.resolve({ url: config.meiliUrl, key: config.meiliMasterKey ?? "", label: `外部 Meilisearch（${config.meiliUrl}）` })
        : startEmbeddedMeilisearch({ dataDir: config.dataDir, log }).then((meili) => {
            stops.push(meili.stop);
            if (meili.pid) lock.recordChild("meilisearch", meili.pid);
            return { url: meili.url, key: meili.masterKey, label: `内置 Meilisearch（${config.dataDir}/meilisearch，${meili.url}）` };
          }),
    ]);

    await migrate(database.url, { log });

    const runtime: Runtime = {
      databaseUrl: database.url,
      meiliUrl: search.url,
      meiliApiKey: search.key,
      sessionSecret: config.sessionSecret ?? readOrCreateSecret(config.dataDir, "session-secret"),
      dataDir: config.dataDir,
    };
    setRuntime(runtime);
    return {
      runtime,
      describe: () => `数据库：${database.label}；搜索：${search.label}`,
      async stop() {
        // Reverse order: the search engine first, the database last.
        for (const stop of stops.reverse()) await stop().catch((error) => log(`停止服务时出错：${error}`));
        lock.release();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    lock.release();
    throw error;
  }
}

/** host:port/db without credentials. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "（无法解析的地址）";
  }
}
