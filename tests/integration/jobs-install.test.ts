import { describe, expect, it } from "vitest";
import { createJobQueue, type JobKind } from "~/jobs/queue.server.ts";
import { createEmptyDatabase, query } from "../support/databases.ts";

/**
 * Decision 113: pg-boss installs its schema itself at start, beside our migrations. Instances
 * starting at the same moment on a database without it wait for one another (its advisory lock)
 * and all start; a job sent by one is run by one of them, once.
 */
describe("the job queue's schema", () => {
  it("is installed once when three queues start at the same moment on a fresh database", async () => {
    const url = await createEmptyDatabase("jobs_install");
    const runs: string[] = [];
    const kind: JobKind<{ n: number }> = {
      name: "jobs.install-check",
      expireInSeconds: 30,
      retryLimit: 0,
      async run({ n }) {
        runs.push(`run ${n}`);
      },
    };
    const lines: string[] = [];
    const queues = [0, 1, 2].map(() => createJobQueue({ passes: [], kinds: [kind as JobKind<never>], databaseUrl: () => url }));
    try {
      await Promise.all(queues.map((queue) => queue.start((line) => lines.push(line))));
      expect(await query(url, `SELECT version FROM pgboss.version`)).toHaveLength(1);
      expect(await query(url, `SELECT name FROM pgboss.queue WHERE name = 'jobs.install-check'`)).toHaveLength(1);
      // Our migrations own "public": nothing of the queue's is there.
      expect(await query(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).toEqual([]);

      await queues[1]!.send("jobs.install-check", { n: 1 });
      for (let waited = 0; runs.length === 0 && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(runs).toEqual(["run 1"]);
      expect(lines).toEqual([]);
    } finally {
      await Promise.all(queues.map((queue) => queue.stop()));
    }
  }, 60_000);

  it("refuses to send before it has started", async () => {
    const queue = createJobQueue({ passes: [], kinds: [], databaseUrl: () => "postgresql://127.0.0.1:9/none" });
    await expect(queue.send("jobs.probe", {})).rejects.toThrow("任务队列尚未启动");
  });
});
