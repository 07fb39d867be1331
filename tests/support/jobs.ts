import crypto from "node:crypto";
import type { ProbeData } from "~/jobs/probe-message.ts";
import type { RunningApp } from "./app-server.ts";
import { query } from "./databases.ts";

/**
 * The job queue's probe (app/jobs/probe.server.ts, decision 113), driven from a test or a
 * benchmark: probes are sent by the app instances themselves, through their IPC channel (there
 * is no HTTP route to it), and tallied from the database.
 */

/** Asks one running instance to enqueue these probes; resolves once they are in the queue. */
export function enqueueProbes(app: RunningApp, items: ProbeData[], timeoutMs = 30_000): Promise<number> {
  const id = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      app.process.off("message", onMessage);
      reject(new Error(`instance ${app.baseUrl} did not enqueue the probes within ${timeoutMs} ms`));
    }, timeoutMs);
    function onMessage(message: { type?: string; id?: string; count?: number; error?: string }) {
      if (message?.type !== "fudao:jobs-probe-sent" || message.id !== id) return;
      clearTimeout(timer);
      app.process.off("message", onMessage);
      if (message.error) reject(new Error(message.error));
      else resolve(message.count ?? 0);
    }
    app.process.on("message", onMessage);
    app.process.send({ type: "fudao:jobs-probe", id, items });
  });
}

export interface ProbeTally {
  /** Probes sent. */
  jobs: number;
  /** Probes that ran to their end more than once (delivered twice). */
  jobs_run_twice: number;
  /** Probes with no effect (not run, or not yet). */
  jobs_never_run: number;
  /** Probes whose effect is there more than once: 0 by construction (the key is the effect's primary key), counted to show it. */
  effects_twice: number;
  /** Runs started, finished, and by how many processes. */
  runs: number;
  finished_runs: number;
  pids: number;
}

export async function probeTally(databaseUrl: string, keys: readonly string[]): Promise<ProbeTally> {
  const [row] = await query<{ runs: string; finished: string; twice: string; never: string; effects_twice: string; pids: string }>(
    databaseUrl,
    `WITH k AS (SELECT unnest($1::text[]) AS key),
          r AS (SELECT key, count(*) AS runs, count("finishedAt") AS finished FROM "JobProbeRun" WHERE key = ANY($1) GROUP BY key),
          e AS (SELECT key, count(*) AS effects FROM "JobProbeEffect" WHERE key = ANY($1) GROUP BY key)
     SELECT coalesce(sum(r.runs), 0) AS runs, coalesce(sum(r.finished), 0) AS finished,
            count(*) FILTER (WHERE r.finished > 1) AS twice,
            count(*) FILTER (WHERE e.effects IS NULL) AS never,
            count(*) FILTER (WHERE e.effects > 1) AS effects_twice,
            (SELECT count(DISTINCT pid) FROM "JobProbeRun" WHERE key = ANY($1)) AS pids
       FROM k LEFT JOIN r USING (key) LEFT JOIN e USING (key)`,
    [keys],
  );
  return {
    jobs: keys.length,
    jobs_run_twice: Number(row!.twice),
    jobs_never_run: Number(row!.never),
    effects_twice: Number(row!.effects_twice),
    runs: Number(row!.runs),
    finished_runs: Number(row!.finished),
    pids: Number(row!.pids),
  };
}

/**
 * What bench:instances reports: `count` probes sent from all the instances in turn, waited for
 * (until none is missing or `timeoutMs`), then tallied: `jobs`, `jobs_run_twice`, `jobs_never_run`.
 */
export async function measureJobs(apps: readonly RunningApp[], databaseUrl: string, { count = 1000, timeoutMs = 120_000 } = {}): Promise<ProbeTally & { seconds: number }> {
  const run = crypto.randomUUID().slice(0, 8);
  const keys = Array.from({ length: count }, (_, i) => `probe-${run}-${i}`);
  const started = Date.now();
  await Promise.all(apps.map((app, a) => enqueueProbes(app, keys.filter((_, i) => i % apps.length === a).map((key) => ({ key })))));
  let tally = await probeTally(databaseUrl, keys);
  while (tally.jobs_never_run > 0 && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    tally = await probeTally(databaseUrl, keys);
  }
  const seconds = (Date.now() - started) / 1000;
  // A moment more, so that a second delivery would show.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return { ...(await probeTally(databaseUrl, keys)), seconds };
}
