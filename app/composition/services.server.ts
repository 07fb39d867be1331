import { migrate } from "~/db/migrate.server.ts";
import type { AppConfig } from "~/infra/config.server.ts";
import { ensureDataDir, readOrCreateSecret } from "~/infra/data-dir.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { watchDatabase } from "~/infra/database-watch.server.ts";
import { guardUnhandledPgErrors } from "~/infra/pg-error-guard.ts";
import { acquireRunLock, type RunLock } from "~/infra/run-lock.server.ts";
import { setRuntime, type Runtime } from "~/infra/runtime.server.ts";
import { supervise, type ServiceName, type ServiceProcess } from "~/infra/supervisor.server.ts";

export interface Services {
  runtime: Runtime;
  /** One line for the console: which database and which search engine are in use. */
  describe(): string;
  stop(): Promise<void>;
}

/**
 * Brings up PostgreSQL and Meilisearch (embedded unless DATABASE_URL / MEILI_URL point
 * elsewhere), applies pending migrations and publishes where they are (setRuntime). The embedded
 * ones are supervised (restarted when they die, decision 090); the database, embedded or not, is
 * watched for the 503 page and /healthz.
 */
export async function startServices(config: AppConfig, log: (line: string) => void): Promise<Services> {
  ensureDataDir(config.dataDir);
  guardUnhandledPgErrors(log);
  // Several instances may share the data directory in multi-instance mode (decision 111): they
  // start no embedded service, so only a single-instance app is kept out.
  const lock = await acquireRunLock(config.dataDir, log, { shared: config.multiInstance });
  // Stopped in this order: the database watch, the search engine, the database last.
  const stops: { watch?: () => Promise<void>; search?: () => Promise<void>; database?: () => Promise<void> } = {};
  const stopAll = async (report: (error: unknown) => void) => {
    for (const stop of [stops.watch, stops.search, stops.database]) await stop?.().catch(report);
  };
  try {
    const [database, search] = await Promise.all([
      config.databaseUrl
        ? Promise.resolve({ url: config.databaseUrl, label: `外部 PostgreSQL（${describeUrl(config.databaseUrl)}）` })
        : startEmbeddedPostgres({ dataDir: config.dataDir, log }).then((pg) => {
            const service = superviseChild("database", "内置 PostgreSQL", "postgres", pg, () => startEmbeddedPostgres({ dataDir: config.dataDir, log, port: pg.port }), lock, log);
            stops.database = service.stop;
            return { url: pg.url, label: `内置 PostgreSQL（${config.dataDir}/postgres，${describeUrl(pg.url)}）` };
          }),
      config.meiliUrl
        ? Promise.resolve({ url: config.meiliUrl, key: config.meiliMasterKey ?? "", label: `外部 Meilisearch（${config.meiliUrl}）` })
        : startEmbeddedMeilisearch({ dataDir: config.dataDir, log }).then((meili) => {
            const service = superviseChild("search", "内置 Meilisearch", "meilisearch", meili, () => startEmbeddedMeilisearch({ dataDir: config.dataDir, log, port: meili.port }), lock, log);
            stops.search = service.stop;
            return { url: meili.url, key: meili.masterKey, label: `内置 Meilisearch（${config.dataDir}/meilisearch，${meili.url}）` };
          }),
    ]);

    await migrate(database.url, { log });
    const databaseWatch = watchDatabase(database.url, log);
    stops.watch = () => databaseWatch.close();

    const runtime: Runtime = {
      databaseUrl: database.url,
      meiliUrl: search.url,
      meiliApiKey: search.key,
      sessionSecret: config.sessionSecret ?? readOrCreateSecret(config.dataDir, "session-secret"),
      dataDir: config.dataDir,
      multiInstance: config.multiInstance,
    };
    setRuntime(runtime);
    return {
      runtime,
      describe: () => `${config.multiInstance ? "多实例模式；" : ""}数据库：${database.label}；搜索：${search.label}`,
      async stop() {
        await stopAll((error) => log(`停止服务时出错：${error}`));
        lock.release();
      },
    };
  } catch (error) {
    await stopAll(() => {});
    lock.release();
    throw error;
  }
}

/** Supervises a service we started, and keeps its PID in the run lock (for clean-up after a crash). */
function superviseChild(
  name: ServiceName,
  label: string,
  lockName: string,
  first: ServiceProcess,
  restart: () => Promise<ServiceProcess>,
  lock: RunLock,
  log: (line: string) => void,
) {
  if (first.pid) lock.recordChild(lockName, first.pid);
  return supervise({
    name,
    label,
    first,
    restart,
    log,
    onRestarted: (service) => service.pid && lock.recordChild(lockName, service.pid),
  });
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
