import { migrate } from "~/db/migrate.server.ts";
import { readConfig } from "~/infra/config.server.ts";
import { ensureDataDir, readOrCreateSecret } from "~/infra/data-dir.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { acquireRunLock } from "~/infra/run-lock.server.ts";
import { setRuntime, type Runtime } from "~/infra/runtime.server.ts";
import { readRunningServices } from "./running-services.server.ts";
import { lineLogger } from "~/observability/logger.server.ts";

/**
 * Runs `work` with the runtime set to the app's services: DATABASE_URL/MEILI_URL when given, the
 * running app's embedded ones, or embedded ones started for the command (and stopped after).
 */
export async function withAppServices<T>(work: (runtime: Runtime) => Promise<T>, { search = true }: { search?: boolean } = {}): Promise<T> {
  const config = readConfig();
  const log = lineLogger("cli");
  const runtimeWith = (parts: Pick<Runtime, "databaseUrl" | "meiliUrl" | "meiliApiKey">): Runtime => {
    const runtime = { ...parts, sessionSecret: config.sessionSecret ?? readOrCreateSecret(config.dataDir, "session-secret"), dataDir: config.dataDir };
    setRuntime(runtime);
    return runtime;
  };
  const running = readRunningServices(config.dataDir);
  if (running) return work(runtimeWith(running));
  if (config.databaseUrl && (config.meiliUrl || !search)) {
    return work(runtimeWith({ databaseUrl: config.databaseUrl, meiliUrl: config.meiliUrl ?? "", meiliApiKey: config.meiliMasterKey ?? "" }));
  }
  ensureDataDir(config.dataDir);
  const lock = await acquireRunLock(config.dataDir, log);
  const stops: Array<() => Promise<void>> = [];
  try {
    const [database, meili] = await Promise.all([
      config.databaseUrl
        ? Promise.resolve({ url: config.databaseUrl })
        : startEmbeddedPostgres({ dataDir: config.dataDir, log }).then((pg) => {
            stops.push(pg.stop);
            if (pg.pid) lock.recordChild("postgres", pg.pid);
            return pg;
          }),
      search && !config.meiliUrl
        ? startEmbeddedMeilisearch({ dataDir: config.dataDir, log }).then((m) => {
            stops.push(m.stop);
            if (m.pid) lock.recordChild("meilisearch", m.pid);
            return m;
          })
        : Promise.resolve(null),
    ]);
    await migrate(database.url, { log });
    return await work(
      runtimeWith({ databaseUrl: database.url, meiliUrl: meili?.url ?? config.meiliUrl ?? "", meiliApiKey: meili?.masterKey ?? config.meiliMasterKey ?? "" }),
    );
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    lock.release();
  }
}
