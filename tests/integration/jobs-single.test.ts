import { afterAll, describe, expect, it } from "vitest";
import { removeDataDir, startApp, type RunningApp } from "../support/app-server.ts";
import { embeddedDatabaseUrl, readRunLock, waitUntil } from "../support/embedded-app.ts";
import { measureJobs } from "../support/jobs.ts";

/**
 * The job queue in single mode (decision 113): one `npm start` with its embedded PostgreSQL runs
 * the queue too; it survives a kill -9 of that database (decision 090: the supervisor restarts
 * it) and runs jobs again afterwards; a graceful stop still ends with "已停止。" and exit code 0.
 */
let app: RunningApp | null = null;
afterAll(async () => {
  if (app) {
    if (app.process.exitCode === null) await app.stop();
    removeDataDir(app.dataDir);
  }
}, 60_000);

describe("the job queue on the embedded database", () => {
  it("runs jobs, survives a restart of the database and stops gracefully", async () => {
    app = await startApp({ timeoutMs: 240_000 });
    const url = embeddedDatabaseUrl(app);
    const first = await measureJobs([app], url, { count: 50, timeoutMs: 60_000 });
    expect(first).toMatchObject({ jobs: 50, jobs_run_twice: 0, jobs_never_run: 0 });

    process.kill(readRunLock(app.dataDir)!.children.postgres!, "SIGKILL");
    await waitUntil("PostgreSQL to be restarted", () => /内置 PostgreSQL已重新启动/.test(app!.output()), 60_000, 100);
    expect(app.process.exitCode).toBeNull();

    const after = await measureJobs([app], url, { count: 50, timeoutMs: 60_000 });
    expect(after).toMatchObject({ jobs: 50, jobs_run_twice: 0, jobs_never_run: 0 });
    expect(app.process.exitCode).toBeNull();

    expect(await app.stop("SIGTERM")).toBe(0);
    expect(app.output()).toContain("已停止。");
  }, 420_000);
});
