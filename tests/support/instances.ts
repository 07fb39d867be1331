import { migrate } from "~/db/migrate.server.ts";
import { ensureFreshBuild } from "~/infra/build.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { launchApp, removeDataDir, type RunningApp } from "./app-server.ts";
import { createEmptyDatabase } from "./databases.ts";
import { scratchDir } from "./scratch-dir.ts";

/**
 * Several app instances in multi-instance mode (issue 21, decision 111), as a deployment runs them
 * behind a load balancer: one PostgreSQL database (a new one on the tests' cluster, migrated and
 * left empty, so the instances seed it, once), one Meilisearch (the integration run's, under this
 * file's index prefix; or one of its own outside an integration run), one session secret and one
 * data directory shared by all; each instance a real `npm start` process on its own port.
 */
export interface Instances {
  instances: RunningApp[];
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  /** The data directory they share (uploads). */
  dataDir: string;
  /** The environment every instance gets (for starting another one by hand). */
  env: Record<string, string>;
  /** Starts one more instance (e.g. after a kill), appended to `instances`. */
  startAnother(): Promise<RunningApp>;
  /** kill -9 of instance `index`; resolves once it has exited. */
  kill(index: number): Promise<void>;
  /** Stops every instance still running (SIGTERM), then what the harness started; removes the data directory. */
  stop(): Promise<void>;
}

export interface InstancesOptions {
  /**
   * A database to share instead of a new empty one: e.g. the test file's own (seeded, and reachable
   * by the test's factories), `process.env.DATABASE_URL`. It must be migrated already.
   */
  databaseUrl?: string;
  /** Extra environment for every instance. */
  env?: Record<string, string>;
  /** Per instance start; the default allows for a loaded machine. */
  timeoutMs?: number;
}

export async function startInstances(n: number, options: InstancesOptions = {}): Promise<Instances> {
  // Built once here: N instances finding the build stale would each rebuild it, into one directory.
  ensureFreshBuild((line) => console.log(line));
  const databaseUrl = options.databaseUrl ?? (await createEmptyDatabase("instances"));
  if (!options.databaseUrl) await migrate(databaseUrl);
  const dataDir = scratchDir("instances");
  const ownMeili = process.env.MEILI_URL ? null : await startEmbeddedMeilisearch({ dataDir: scratchDir("instances-meili"), log: () => {} });
  const meiliUrl = ownMeili?.url ?? process.env.MEILI_URL!;
  const meiliMasterKey = ownMeili?.masterKey ?? process.env.MEILI_MASTER_KEY ?? "";
  const env: Record<string, string> = {
    FUDAO_INSTANCES: "multi",
    DATABASE_URL: databaseUrl,
    MEILI_URL: meiliUrl,
    MEILI_MASTER_KEY: meiliMasterKey,
    MEILI_INDEX_PREFIX: `${process.env.MEILI_INDEX_PREFIX ?? ""}inst${Math.random().toString(36).slice(2, 8)}_`,
    SESSION_SECRET: "instances-test-secret",
    ...options.env,
  };
  const instances: RunningApp[] = [];
  const startOne = async () => {
    const outcome = await launchApp({ dataDir, env, timeoutMs: options.timeoutMs ?? 240_000 });
    if (!("baseUrl" in outcome)) throw new Error(`instance exited with code ${outcome.exitCode}:\n${outcome.output}`);
    instances.push(outcome);
    return outcome;
  };
  const stop = async () => {
    // A killed instance is gone already (RunningApp.stop would wait for an exit that happened).
    const running = instances.filter((app) => app.process.exitCode === null && app.process.signalCode === null);
    await Promise.all(running.map((app) => app.stop()));
    await ownMeili?.stop();
    removeDataDir(dataDir);
  };
  try {
    // All at once, as a deployment starts them: one seeds the empty database, the others wait.
    const started = await Promise.allSettled(Array.from({ length: n }, startOne));
    const failed = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    instances,
    databaseUrl,
    meiliUrl,
    meiliMasterKey,
    dataDir,
    env,
    startAnother: startOne,
    async kill(index) {
      const app = instances[index]!;
      if (app.process.exitCode !== null || app.process.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        app.process.once("exit", () => resolve());
        app.process.kill("SIGKILL");
      });
    },
    stop,
  };
}
