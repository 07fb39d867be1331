/**
 * npm run bench:foundation
 * Start-up (clean clone, fresh data, warm restart), home page server response under load,
 * and memory at idle, against the real server as `npm start` runs it.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { removeDataDir, startApp, type RunningApp } from "../support/app-server.ts";
import { scratchDir } from "../support/scratch-dir.ts";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (n: number) => Math.round(n * 10) / 10;

async function timedStart(dataDir: string): Promise<{ app: RunningApp; seconds: number }> {
  const started = performance.now();
  const app = await startApp({ dataDir, timeoutMs: 300_000 });
  return { app, seconds: (performance.now() - started) / 1000 };
}

async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ intent: "signIn", username, password: "Fudao@2026", redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("fudao_session="));
  if (!cookie) throw new Error(`login failed: ${response.status}`);
  return cookie.split(";")[0]!;
}

async function load(url: string, cookie: string, concurrency: number, total: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        const response = await fetch(url, { headers: { Cookie: cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`status ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: ms(percentile(latencies, 50)), p95: ms(percentile(latencies, 95)), p99: ms(percentile(latencies, 99)), rps: Math.round(total / seconds) };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** RSS of a process and all its descendants (PostgreSQL forks a backend per connection). */
function treeRssMb(pid: number): number {
  const children = execSync(`ps -o pid= --ppid ${pid} || true`).toString().split("\n").map(Number).filter(Boolean);
  return rssMb(pid) + children.reduce((sum, child) => sum + treeRssMb(child), 0);
}

const results: Record<string, unknown> = {
  machine: `${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  date: new Date().toISOString().slice(0, 10),
};

// 1. A clean clone: no production build, no data directory.
fs.rmSync("build", { recursive: true, force: true });
const cleanDir = scratchDir("bench-clean");
const clean = await timedStart(cleanDir);
results.clean_clone_start_s = ms(clean.seconds);
await clean.app.stop();
removeDataDir(cleanDir);

// 2. First start on a fresh data directory (build present): initdb, migrations, seed, Meilisearch.
const dataDir = scratchDir("bench");
const first = await timedStart(dataDir);
results.fresh_data_start_s = ms(first.seconds);
await first.app.stop();

// 3. Warm restarts on the same data directory.
const WARM_RUNS = 5;
const warmRuns: number[] = [];
let app: RunningApp | undefined;
for (let i = 0; i < WARM_RUNS; i++) {
  const warm = await timedStart(dataDir);
  warmRuns.push(warm.seconds);
  console.error(`warm start ${i + 1}: ${warm.seconds.toFixed(1)} s — ${/已就绪：http.*/.exec(warm.app.output())?.[0]}`);
  if (i < WARM_RUNS - 1) await warm.app.stop();
  else app = warm.app;
}
warmRuns.sort((a, b) => a - b);
results.warm_restart_s = { median: ms(warmRuns[Math.floor(WARM_RUNS / 2)]!), max: ms(warmRuns[WARM_RUNS - 1]!) };

// Memory right after start, before any request.
await new Promise((r) => setTimeout(r, 3_000));
results.rss_after_start_mb = rssMb(app!.process.pid!);

// 4. Home page (signed in as the studio leader: stage, studios) under load.
const cookie = await signIn(app!.baseUrl, "leader");
await load(`${app!.baseUrl}/`, cookie, 4, 200); // warm-up
results.home_c1_ms = await load(`${app!.baseUrl}/`, cookie, 1, REQUESTS);
results.home_c10_ms = await load(`${app!.baseUrl}/`, cookie, 10, REQUESTS);
const adminCookie = await signIn(app!.baseUrl, "admin");
results.home_admin_c1_ms = await load(`${app!.baseUrl}/`, adminCookie, 1, REQUESTS);

// 5. Memory after the load and 10 s idle (V8 keeps its grown heap until it needs to collect).
await new Promise((r) => setTimeout(r, 10_000));
const serverPid = app!.process.pid!;
const lock = JSON.parse(fs.readFileSync(`${dataDir}/run.lock.json`, "utf8")) as { children: Record<string, number> };
results.idle_after_load_rss_mb = {
  server: rssMb(serverPid),
  postgres_total: treeRssMb(lock.children.postgres!),
  meilisearch: rssMb(lock.children.meilisearch!),
};

await app!.stop();
removeDataDir(dataDir);
console.log(JSON.stringify(results));
