import { prisma } from "~/db/client.server.ts";
import { isProbeMessage, type ProbeData } from "./probe-message.ts";
import type { JobKind, JobQueue } from "./queue.server.ts";

export type { ProbeData };

/**
 * The queue's self-check (decision 113): a probe job records each run (`JobProbeRun`, a row at its
 * start, `finishedAt` at its end) and has one effect per key (`JobProbeEffect`, the key is the
 * idempotency key), written in one transaction with the run's end. A job delivered twice shows as
 * two finished runs of one key; a job never run as a key without an effect.
 *
 * It is sent through the process's IPC channel only (`{ type: "fudao:jobs-probe" }`), which exists
 * when a parent process started the server with one (the tests, the instances benchmark); there
 * is no HTTP route to it.
 */

export const PROBE_JOB = "jobs.probe";

export const probeJob: JobKind<ProbeData> = {
  name: PROBE_JOB,
  expireInSeconds: 15,
  retryLimit: 3,
  concurrency: 4,
  async run({ key, holdMs = 0 }, job) {
    const run = await prisma.jobProbeRun.create({ data: { key, jobId: job.id, pid: process.pid }, select: { id: true } });
    if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(holdMs, 10_000)));
    await prisma.$transaction([
      prisma.$executeRaw`INSERT INTO "JobProbeEffect" ("key", "jobId", "pid") VALUES (${key}, ${job.id}, ${process.pid}) ON CONFLICT ("key") DO NOTHING`,
      prisma.jobProbeRun.update({ where: { id: run.id }, data: { finishedAt: new Date() } }),
    ]);
  },
};

/** Listens for probe requests on the IPC channel, when there is one; returns how to stop listening. */
export function listenForProbes(queue: JobQueue): () => void {
  if (!process.send) return () => {};
  const onMessage = (message: unknown) => {
    if (!isProbeMessage(message)) return;
    const items = message.items.map(({ key, holdMs }) => ({ key, holdMs }));
    queue.sendMany(PROBE_JOB, items).then(
      () => process.send?.({ type: "fudao:jobs-probe-sent", id: message.id, count: items.length }),
      (error: unknown) => process.send?.({ type: "fudao:jobs-probe-sent", id: message.id, error: String(error) }),
    );
  };
  process.on("message", onMessage);
  return () => process.off("message", onMessage);
}
