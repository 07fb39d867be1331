/**
 * npm run bench:instances (issue 21)
 *
 * Three app instances in multi-instance mode on one PostgreSQL and one Meilisearch (the harness of
 * the integration tests, tests/support/instances.ts: real `npm start` processes on their own
 * ports, one data directory), the demo university seeded once. In one run, bounded:
 *   1. edit-to-peer latency of one document with both editors on one instance, then with the two
 *      on different instances (BENCH_SAMPLES edits each, one after another);
 *   2. 1,000 jobs enqueued from all three instances: each must run exactly once;
 *   3. a mixed load (pages, search, edits, the notifications page) for BENCH_LOAD_S seconds, sent
 *      to one instance, then spread over all three: requests per second, p95, errors;
 *   4. kill -9 of an instance while three people type on it: the time until each is editing again
 *      through another instance (as a load balancer sends them), and whether any edit the killed
 *      instance had acknowledged is missing from the document afterwards.
 * Prints one JSON line; the process exits non-zero when a target is missed (cross-instance p95
 * over 2× the same-instance p95, a lost edit, a job run twice or never, an error).
 */
import os from "node:os";
import * as Y from "yjs";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { connectClient, editToPeerLatencies, paragraphs, percentile, synced, typist, waitFor, type TestClient } from "../support/collab.ts";
import { findDocumentId, signInOverHttp } from "../support/http-session.ts";
import { measureJobs } from "../support/jobs.ts";
import { removeDataDir } from "../support/app-server.ts";
import { startInstances, type Instances } from "../support/instances.ts";
import { scratchDir } from "../support/scratch-dir.ts";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const LOAD_S = Number(process.env.BENCH_LOAD_S ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 16);
const NOTE = "心理危机早期识别与干预研究笔记（一）";

const log = (line: string) => console.error(`[bench:instances ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 10) / 10;


function open(baseUrl: string, cookie: string, documentId: string, doc?: Y.Doc): TestClient {
  const client = connectClient(baseUrl, cookie, documentId, { reconnection: true, doc });
  return client;
}

async function latencies(instances: Instances, cookies: [string, string], documentId: string) {
  const [a, b] = [instances.instances[0]!, instances.instances[1]!];
  const measure = async (senderUrl: string, receiverUrl: string) => {
    const sender = open(senderUrl, cookies[0], documentId);
    const receiver = open(receiverUrl, cookies[1], documentId);
    try {
      await Promise.all([synced(sender), synced(receiver)]);
      await editToPeerLatencies(sender, receiver, 10); // warm-up
      return await editToPeerLatencies(sender, receiver, SAMPLES);
    } finally {
      sender.close();
      receiver.close();
    }
  };
  // Alternating, so that neither pays for the machine's moods alone.
  const same: number[] = [];
  const cross: number[] = [];
  for (let i = 0; i < 2; i++) {
    same.push(...(await measure(a.baseUrl, a.baseUrl)));
    cross.push(...(await measure(a.baseUrl, b.baseUrl)));
  }
  return { same, cross };
}

interface LoadFigures {
  instances: number;
  requests: number;
  requests_per_s: number;
  p50_ms: number;
  p95_ms: number;
  errors: number;
  edits: number;
}

/** The mixed load, sent round-robin to `targets`. */
async function mixedLoad(targets: string[], cookie: string, editorCookie: string, documentId: string): Promise<LoadFigures> {
  const paths = ["/", "/documents", "/notifications", "/search?q=辅导员", "/search?q=心理危机", "/training", "/meetings"];
  const durations: number[] = [];
  let errors = 0;
  let next = 0;
  // One editor per target, typing all along.
  const editors = targets.map((url) => open(url, editorCookie, documentId));
  await Promise.all(editors.map((editor) => synced(editor)));
  const typists = editors.map((editor, i) => typist(editor.doc, `load${i}`, 200));
  typists.forEach((t, i) => t.watch(editors[i]!.provider));
  const started = performance.now();
  const until = started + LOAD_S * 1000;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let n = 0; performance.now() < until; n++) {
        const url = targets[next++ % targets.length]!;
        const path = paths[(worker + n) % paths.length]!;
        const t0 = performance.now();
        try {
          const response = await fetch(url + path, { headers: { Cookie: cookie }, redirect: "manual" });
          await response.arrayBuffer();
          if (response.status >= 500 || response.status === 0) errors++;
        } catch {
          errors++;
        }
        durations.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(typists.map((t) => t.stop()));
  const edits = typists.reduce((sum, t) => sum + t.acknowledged.size, 0);
  editors.forEach((editor) => editor.close());
  return {
    instances: targets.length,
    requests: durations.length,
    requests_per_s: round(durations.length / seconds),
    p50_ms: round(percentile(durations, 50)),
    p95_ms: round(percentile(durations, 95)),
    errors,
    edits,
  };
}

/** kill -9 of the instance three people type on; they move to the others. */
async function killOne(instances: Instances, cookies: string[], documentId: string) {
  const victimIndex = 2;
  const victim = instances.instances[victimIndex]!;
  const survivors = instances.instances.filter((_, i) => i !== victimIndex);
  const watcher = open(survivors[0]!.baseUrl, cookies[0]!, documentId);
  const editors = cookies.map((cookie) => open(victim.baseUrl, cookie, documentId));
  await Promise.all([synced(watcher), ...editors.map((editor) => synced(editor))]);
  const typists = editors.map((editor, i) => typist(editor.doc, `kill${i}`, 30));
  typists.forEach((t, i) => t.watch(editors[i]!.provider));
  await waitFor(() => typists.every((t) => t.acknowledged.size >= 20), "edits acknowledged before the kill", 60_000);

  const killedAt = performance.now();
  await instances.kill(victimIndex);
  // The editors notice, and the load balancer sends them to the instances still running.
  await waitFor(() => editors.every((editor) => editor.provider.status !== "connected"), "the editors to notice", 60_000);
  const recovered: number[] = [];
  const moved = await Promise.all(
    editors.map(async (editor, i) => {
      const ackedBefore = typists[i]!.acknowledged.size;
      editor.provider.destroy();
      const again = open(survivors[i % survivors.length]!.baseUrl, cookies[i]!, documentId, editor.doc);
      typists[i]!.watch(again.provider);
      await synced(again, { timeoutMs: 60_000 });
      await waitFor(() => typists[i]!.acknowledged.size > ackedBefore, "an edit acknowledged after the move", 60_000);
      recovered.push((performance.now() - killedAt) / 1000);
      return again;
    }),
  );
  await sleep(1000);
  await Promise.all(typists.map((t) => t.stop()));
  await waitFor(() => moved.every((client) => client.provider.saveState === "saved"), "everything to be saved", 60_000);
  const acknowledged = typists.flatMap((t) => [...t.acknowledged]);
  await waitFor(() => acknowledged.every((token) => paragraphs(watcher.doc).includes(token)), "the watcher to see every acknowledged edit", 30_000).catch(() => {});
  const seen = new Set(paragraphs(watcher.doc));
  const lost = acknowledged.filter((token) => !seen.has(token));
  watcher.close();
  moved.forEach((client) => client.close());
  return { recovery_s: round(Math.max(...recovered)), edits_acknowledged: acknowledged.length, edits_lost: lost.length };
}

async function main() {
  // A throwaway PostgreSQL for the shared database (the harness makes an empty one on it and
  // starts its own Meilisearch).
  const dir = scratchDir("bench-instances");
  const postgres = await startEmbeddedPostgres({ dataDir: dir, log: () => {}, database: "bench_instances" });
  process.env.DATABASE_URL = postgres.url;
  log("starting three instances on one database (the first start seeds the demo university)");
  const instances = await startInstances(3);
  const failures: string[] = [];
  try {
    const [a] = instances.instances;
    const cookies = [await signInOverHttp(a!.baseUrl, "leader"), await signInOverHttp(a!.baseUrl, "backbone"), await signInOverHttp(a!.baseUrl, "admin")];
    const documentId = await findDocumentId(a!.baseUrl, cookies[0]!, NOTE);

    log(`edit-to-peer latency: ${SAMPLES} × 2 edits, both on one instance, then across two`);
    const { same, cross } = await latencies(instances, [cookies[0]!, cookies[1]!], documentId);

    log(`${JOBS} jobs enqueued from all three instances`);
    const jobs = await measureJobs(instances.instances, instances.databaseUrl, { count: JOBS });

    log(`mixed load for ${LOAD_S} s on one instance, then on three`);
    const one = await mixedLoad([a!.baseUrl], cookies[2]!, cookies[0]!, documentId);
    const three = await mixedLoad(instances.instances.map((app) => app.baseUrl), cookies[2]!, cookies[0]!, documentId);

    log("kill -9 of an instance with three people typing on it");
    // Two authors, one of them in two tabs (学工部 may read the document, not edit it).
    const kill = await killOne(instances, [cookies[0]!, cookies[1]!, cookies[0]!], documentId);

    const sameP95 = round(percentile(same, 95));
    const crossP95 = round(percentile(cross, 95));
    const errors = one.errors + three.errors;
    if (crossP95 > 2 * sameP95) failures.push(`cross-instance p95 ${crossP95} ms > 2 × same-instance p95 ${sameP95} ms`);
    if (kill.edits_lost) failures.push(`${kill.edits_lost} acknowledged edits lost`);
    if (jobs.jobs_run_twice || jobs.jobs_never_run) failures.push(`jobs run twice ${jobs.jobs_run_twice}, never run ${jobs.jobs_never_run}`);
    if (errors) failures.push(`${errors} server errors under load`);
    const cpu = os.cpus();
    console.log(
      JSON.stringify({
        bench: "instances",
        machine: `${cpu[0]?.model.split(" ").slice(0, 2).join(" ")} ×${cpu.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
        date: new Date().toISOString(),
        instances: 3,
        same_instance_p50_ms: round(percentile(same, 50)),
        same_instance_p95_ms: sameP95,
        cross_instance_p50_ms: round(percentile(cross, 50)),
        cross_instance_p95_ms: crossP95,
        cross_vs_same_p95: round(crossP95 / sameP95),
        jobs: jobs.jobs,
        jobs_run_twice: jobs.jobs_run_twice,
        jobs_never_run: jobs.jobs_never_run,
        jobs_s: round(jobs.seconds),
        load_one_instance: one,
        load_three_instances: three,
        errors,
        recovery_s: kill.recovery_s,
        edits_acknowledged_before_and_after_kill: kill.edits_acknowledged,
        edits_lost: kill.edits_lost,
        failures,
      }),
    );
  } finally {
    await instances.stop();
    await postgres.stop();
    removeDataDir(dir);
  }
  process.exit(failures.length ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
