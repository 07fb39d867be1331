import { readConfig } from "~/infra/config.server.ts";
import { ensureDataDir } from "~/infra/data-dir.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { acquireRunLock } from "~/infra/run-lock.server.ts";
import { readOrCreateSecret } from "~/infra/data-dir.server.ts";
import { setRuntime } from "~/infra/runtime.server.ts";

/**
 * For command-line tasks that need only the database: DATABASE_URL's server, or the app's
 * embedded cluster (which must not be in use by a running app: the run lock says so clearly).
 */
export async function withDatabase<T>(run: (databaseUrl: string) => Promise<T>): Promise<T> {
  const config = readConfig();
  const log = (line: string) => console.log(line);
  if (config.databaseUrl) return run(config.databaseUrl);
  ensureDataDir(config.dataDir);
  const lock = await acquireRunLock(config.dataDir, log);
  const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, log }).catch((error) => {
    lock.release();
    throw error;
  });
  if (pg.pid) lock.recordChild("postgres", pg.pid);
  try {
    setRuntime({
      databaseUrl: pg.url,
      meiliUrl: config.meiliUrl ?? "",
      meiliApiKey: config.meiliMasterKey ?? "",
      sessionSecret: config.sessionSecret ?? readOrCreateSecret(config.dataDir, "session-secret"),
      dataDir: config.dataDir,
    });
    return await run(pg.url);
  } finally {
    await pg.stop();
    lock.release();
  }
}

/** Prints a clear message for expected failures instead of a stack trace. */
export function runCli(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`错误：${error.message}`);
      process.exit(1);
    },
  );
}
