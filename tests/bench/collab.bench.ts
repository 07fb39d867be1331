/**
 * npm run bench:collab
 *
 * Side by side in one run, same machine, same load: our collaboration server (the real app as
 * `npm start` runs it: the collaboration worker process serving socket.io namespace /collab,
 * session cookies and the policy checked by the app, every update written to PostgreSQL before
 * it is acknowledged) and @hocuspocus/server 3.4.3 (default configuration, in-memory documents,
 * its own process). Both run as plain JavaScript on plain Node. Beside them, a third server marks
 * the floor of our transport: socket.io with our wire protocol that only relays, documents in
 * memory, nothing checked or stored (socketio-floor-server.mjs; BENCH_FLOOR=0 leaves it out).
 *
 * For N = 10, 50, 200 simulated Yjs clients, spread over documents (BENCH_PER_DOC clients per
 * document), every client appends a short paragraph at a steady rate (BENCH_RATE edits/s, start
 * times staggered), 5 s of warm-up, then BENCH_SECONDS measured; BENCH_ROUNDS rounds per server
 * (default 3), rotating which goes first, pooled. Our simulated clients are the app's
 * CollabProvider on the builds of socket.io's client that browsers get (browser-client-builds.mjs,
 * loaded by the npm script); Hocuspocus' are its own provider. Measured: latency from an edit to
 * its arrival at each other client of the document (p50/p95/p99), edits per second delivered to
 * all peers, and the server process's RSS at the end of the load (ours: the collaboration worker;
 * the web app's process, which answers the worker's cold-path questions, is reported beside it as
 * app_rss_mb and app_cpu_ms_per_edit). Around our run the script waits until our app has finished
 * its own follow-up work (new documents indexed before; documents saved when they unload and
 * re-indexed, after), so that neither run pays for it.
 *
 * Prints one JSON line per N while running and, last, one combined JSON line
 * {"runs":[{"clients":10,"ours":{…},"hocuspocus":{…},"socketio_floor":{…}}, …]}.
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { CollabProvider } from "~/collab/provider.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";
import { findDocumentId, signInOverHttp } from "../support/http-session.ts";

const SIZES = (process.env.BENCH_CLIENTS ?? "10,50,200").split(",").map(Number);
const PER_DOC = Number(process.env.BENCH_PER_DOC ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 2); // edits per second per client
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
// Measured rounds per server and size: this machine's run-to-run noise in p95 (±0.5 ms) is larger
// than the difference being measured, so rounds are pooled.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WITH_FLOOR = process.env.BENCH_FLOOR !== "0";
// Warm-up before measuring: connections settle, and the search engine indexes each document's
// new authors (a one-time re-index per author and document, not a cost of each edit).
const WARMUP_S = 5;

interface Client {
  doc: Y.Doc;
  synced: () => boolean;
  /** Connection state, for the report when clients fail to sync. */
  state: () => string;
  destroy(): void;
}
interface Figures {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  eps: number;
  rss_mb: number;
  rss_growth_mb: number;
  /** The RSS split: the heap and other private memory, and pages of the Node binary and libraries. */
  rss_anon_mb: number;
  rss_file_mb: number;
  /** Server CPU time per delivered edit during the measured window (less sensitive to a busy machine than latency). */
  cpu_ms_per_edit: number;
  /** CPU time of the whole machine per delivered edit (servers, database, search engine, and the benchmark's own clients). */
  machine_cpu_ms_per_edit: number;
  /** Ours only: the web app's process beside the worker. */
  app_rss_mb?: number;
  app_cpu_ms_per_edit?: number;
  delivered: number;
  lost: number;
  /** Pooled figures: p95 of each round, in the order they ran. */
  p95_by_round_ms?: number[];
}
/** One measured run: its figures and the raw latencies, for pooling rounds. */
interface Measured {
  figures: Figures;
  latencies: number[];
}

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
/** p50 / p95 / p99 of latencies sorted ascending, rounded to 0.1 ms. */
function latencyFigures(sorted: number[]): Pick<Figures, "p50_ms" | "p95_ms" | "p99_ms"> {
  return { p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)), p99_ms: round(percentile(sorted, 99)) };
}
/** CPU time (user + system) a process has used so far, in seconds. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}
/** CPU time of every process on the machine, by pid (with its name), in seconds. */
function allProcessesCpu(): Map<string, { name: string; seconds: number }> {
  const result = new Map<string, { name: string; seconds: number }>();
  for (const pid of fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      result.set(pid, { name, seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // The process ended meanwhile.
    }
  }
  return result;
}
/** Where the machine's CPU went between two snapshots: per process name, busiest first. */
function cpuByProcess(before: ReturnType<typeof allProcessesCpu>, after: ReturnType<typeof allProcessesCpu>) {
  const byName = new Map<string, number>();
  for (const [pid, { name, seconds }] of after) {
    const used = seconds - (before.get(pid)?.seconds ?? 0);
    if (used > 0) byName.set(name, (byName.get(name) ?? 0) + used);
  }
  return [...byName.entries()].sort((a, b) => b[1] - a[1]);
}
function rssMb(pid: number, field: "VmRSS" | "RssAnon" | "RssFile" = "VmRSS"): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]) / 1024);
}
async function waitUntil(check: () => boolean, what: string, timeoutMs = 120_000, detail?: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${detail ? ` (${detail()})` : ""}`);
    await sleep(20);
  }
}

/**
 * Waits until the machine is quiet (under 10 % of one core busy over a second): after the app
 * starts, its search index is still being built, and one server must not pay for the other's
 * leftovers.
 */
async function quietMachine() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const before = allProcessesCpu();
    await sleep(1000);
    const busy = cpuByProcess(before, allProcessesCpu()).reduce((sum, [, seconds]) => sum + seconds, 0);
    if (busy < 0.1 || Date.now() > deadline) return;
  }
}

/**
 * Runs the load against `connect`: clients in groups of PER_DOC per document; each appends
 * "c<i>-<n>" paragraphs; every other client of the document records the arrival delay.
 */
async function runLoad(
  n: number,
  documents: string[],
  connect: (documentId: string) => Client,
  serverPid: number,
  appPid?: number,
): Promise<Measured> {
  await quietMachine();
  const rssBefore = rssMb(serverPid);
  const clients: Array<{ client: Client; documentIndex: number }> = [];
  for (let i = 0; i < n; i++) {
    const documentIndex = Math.floor(i / PER_DOC) % documents.length;
    clients.push({ client: connect(documents[documentIndex]!), documentIndex });
    if (i % 10 === 9) await sleep(50); // connect in small waves, as people open a page
  }
  await waitUntil(
    () => clients.every((c) => c.client.synced()),
    `${n} clients to sync`,
    120_000,
    () => `${clients.filter((c) => c.client.synced()).length} synced; not synced: ${clients.filter((c) => !c.client.synced()).map((c) => c.client.state()).join(", ")}`,
  );

  const sentAt = new Map<string, number>();
  const peers = new Map<number, number>(); // documentIndex → clients on it
  for (const c of clients) peers.set(c.documentIndex, (peers.get(c.documentIndex) ?? 0) + 1);
  const arrivals = new Map<string, number>();
  const latencies: number[] = [];
  let measuring = false;
  // Arrival of a paragraph: read from the structs the remote transaction added (at the end of
  // each writer's struct list), not from a type observer's `event.changes`, which walks the whole
  // fragment on every event: the measuring client must not cost more as the document grows.
  for (const { client } of clients) {
    client.doc.on("afterTransaction", (transaction: Y.Transaction) => {
      if (transaction.local) return;
      const now = performance.now();
      for (const [writer, after] of transaction.afterState) {
        const before = transaction.beforeState.get(writer) ?? 0;
        if (after === before) continue;
        const structs = transaction.doc.store.clients.get(writer) ?? [];
        for (let i = structs.length - 1; i >= 0 && structs[i]!.id.clock >= before; i--) {
          const struct = structs[i]!;
          if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType) || !(struct.content.type instanceof Y.XmlElement)) continue;
          const token = struct.content.type.toArray().map((child) => (child instanceof Y.XmlText ? child.toString() : "")).join("");
          const t0 = sentAt.get(token);
          if (t0 === undefined) continue;
          arrivals.set(token, (arrivals.get(token) ?? 0) + 1);
          if (measuring) latencies.push(now - t0);
        }
      }
    });
  }

  const interval = 1000 / RATE;
  let stop = false;
  const measuredTokens: Array<{ token: string; documentIndex: number }> = [];
  const typing = clients.map(async ({ client, documentIndex }, index) => {
    await sleep((index / n) * interval); // stagger: a steady aggregate rate, not bursts
    const fragment = client.doc.getXmlFragment("default");
    let next = performance.now();
    for (let seq = 0; !stop; seq++) {
      const token = `c${index}-${seq}`;
      sentAt.set(token, performance.now());
      if (measuring) measuredTokens.push({ token, documentIndex });
      client.doc.transact(() => {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(token)]);
        fragment.insert(fragment.length, [paragraph]);
      });
      next += interval;
      await sleep(Math.max(0, next - performance.now()));
    }
  });
  await sleep(WARMUP_S * 1000);
  measuring = true;
  const started = performance.now();
  const cpuBefore = cpuSeconds(serverPid);
  const appCpuBefore = appPid ? cpuSeconds(appPid) : 0;
  const machineBefore = allProcessesCpu();
  await sleep(SECONDS * 1000);
  const machineUsed = cpuByProcess(machineBefore, allProcessesCpu());
  measuring = false;
  const cpuUsed = cpuSeconds(serverPid) - cpuBefore;
  const appCpuUsed = appPid ? cpuSeconds(appPid) - appCpuBefore : 0;
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(typing);
  const rssAfter = rssMb(serverPid);
  console.error(`  busiest processes: ${machineUsed.slice(0, 6).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(", ")}`);
  // Give late edits time to arrive before counting what never did.
  const expected = (t: { token: string; documentIndex: number }) => peers.get(t.documentIndex)! - 1;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && measuredTokens.some((t) => (arrivals.get(t.token) ?? 0) < expected(t))) await sleep(100);
  const delivered = measuredTokens.filter((t) => (arrivals.get(t.token) ?? 0) >= expected(t)).length;
  for (const { client } of clients) client.destroy();
  latencies.sort((a, b) => a - b);
  const perEdit = (seconds: number) => Math.round((seconds * 1000 * 100) / Math.max(1, measuredTokens.length)) / 100;
  const figures: Figures = {
    ...latencyFigures(latencies),
    eps: Math.round(delivered / elapsed),
    rss_mb: rssAfter,
    rss_growth_mb: rssAfter - rssBefore,
    rss_anon_mb: rssMb(serverPid, "RssAnon"),
    rss_file_mb: rssMb(serverPid, "RssFile"),
    cpu_ms_per_edit: perEdit(cpuUsed),
    machine_cpu_ms_per_edit: perEdit(machineUsed.reduce((sum, [, seconds]) => sum + seconds, 0)),
    ...(appPid ? { app_rss_mb: rssMb(appPid), app_cpu_ms_per_edit: perEdit(appCpuUsed) } : {}),
    delivered,
    lost: measuredTokens.length - delivered,
  };
  return { figures, latencies };
}

/**
 * Rounds of one server pooled: percentiles over every latency of every round; throughput and CPU
 * averaged; memory the highest seen (the server's peak, not its best round); losses summed.
 */
function pool(rounds: Measured[]): Figures {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const all = rounds.map((r) => r.figures);
  const mean = (pick: (f: Figures) => number) => Math.round((all.reduce((sum, f) => sum + pick(f), 0) / all.length) * 100) / 100;
  const max = (pick: (f: Figures) => number) => Math.max(...all.map(pick));
  return {
    ...latencyFigures(latencies),
    eps: Math.round(mean((f) => f.eps)),
    rss_mb: max((f) => f.rss_mb),
    rss_growth_mb: max((f) => f.rss_growth_mb),
    rss_anon_mb: max((f) => f.rss_anon_mb),
    rss_file_mb: max((f) => f.rss_file_mb),
    cpu_ms_per_edit: mean((f) => f.cpu_ms_per_edit),
    machine_cpu_ms_per_edit: mean((f) => f.machine_cpu_ms_per_edit),
    ...(all[0]!.app_rss_mb !== undefined ? { app_rss_mb: max((f) => f.app_rss_mb!), app_cpu_ms_per_edit: mean((f) => f.app_cpu_ms_per_edit!) } : {}),
    delivered: all.reduce((sum, f) => sum + f.delivered, 0),
    lost: all.reduce((sum, f) => sum + f.lost, 0),
    p95_by_round_ms: all.map((f) => f.p95_ms),
  };
}

/** A comparison server in its own process on plain Node; it reports its port over IPC. */
async function startServer(script: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(script, [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (message: { ready?: boolean; port?: number }) => message.ready && resolve(message.port!));
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

/** The collaboration worker: the app's child process running the built worker. */
function collabWorkerPid(appPid: number): number {
  const children = fs
    .readdirSync(`/proc/${appPid}/task`)
    .flatMap((task) => fs.readFileSync(`/proc/${appPid}/task/${task}/children`, "utf8").trim().split(/\s+/))
    .filter(Boolean);
  const worker = children.find((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("collab-worker"));
  if (!worker) throw new Error("the collaboration worker process was not found");
  return Number(worker);
}

// ── Setup: the real app on a fresh data directory, signed-in members, enough documents ──
const app = await startApp({ timeoutMs: 300_000 });
const hocus = await startServer("tests/bench/hocuspocus-server.mjs");
const floor = WITH_FLOOR ? await startServer("tests/bench/socketio-floor-server.mjs") : null;
const runs: Array<{ clients: number; ours: Figures; hocuspocus: Figures; socketio_floor?: Figures }> = [];
try {
  const cookies = [await signInOverHttp(app.baseUrl, "leader"), await signInOverHttp(app.baseUrl, "backbone")];
  const seedDocument = await findDocumentId(app.baseUrl, cookies[0]!, "心理危机早期识别与干预研究笔记（一）");
  const documentPage = await (await fetch(`${app.baseUrl}/documents/${seedDocument}`, { headers: { Cookie: cookies[0]! } })).text();
  const studioId = /\/studios\/([^/"?]+)\/documents/.exec(documentPage)?.[1];
  if (!studioId) throw new Error("studio of the leader not found on the document page");
  // Fresh documents for every size on both servers: each run starts from empty documents.
  const createDocument = async (title: string) => {
    const response = await fetch(`${app.baseUrl}/studios/${studioId}/documents`, {
      method: "POST",
      headers: { Cookie: cookies[0]! },
      body: new URLSearchParams({ intent: "create", title, type: "RESEARCH_NOTE" }),
      redirect: "manual",
    });
    const id = /\/documents\/([^/?]+)$/.exec(response.headers.get("location") ?? "")?.[1];
    if (!id) throw new Error(`creating a document failed: ${response.status}`);
    return id;
  };

  /** A client on our provider: against the app with a session cookie, or against the floor without. */
  const providerClient = (documentId: string, url: string, cookie?: string): Client => {
    const doc = new Y.Doc();
    const provider = new CollabProvider(doc, {
      documentId,
      url,
      socketOptions: { reconnection: false, ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) },
    });
    let lastError = "";
    provider.on("error", (code) => (lastError = String(code)));
    return {
      doc,
      synced: () => provider.synced,
      state: () => `${provider.status}${lastError ? ` (${lastError})` : ""}`,
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
  };
  /**
   * After its clients leave, our app still has work to do: the documents are saved when they
   * unload (15 s later) and the search engine re-indexes them. Hocuspocus keeps nothing, so its
   * run must not pay for ours: wait for the unload and for the search outbox to be empty. Before
   * our run, the search outbox must have indexed the documents just created.
   */
  const settleApp = async ({ afterRun }: { afterRun: boolean }) => {
    if (afterRun) await sleep(17_000);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${app.baseUrl}/api/search?q=${encodeURIComponent("压测")}&facets=0`, { headers: { Cookie: cookies[0]! } });
      const body = (await response.json()) as { indexing?: { pending: number } };
      // 503: the index is still being built after the app's first start.
      if (response.status !== 503 && (!response.ok || !body.indexing)) throw new Error(`the search API answered ${response.status}`);
      if (body.indexing?.pending === 0) return;
      await sleep(500);
    }
    throw new Error("the search index did not catch up within two minutes");
  };

  const hocuspocus = (name: string): Client => {
    const doc = new Y.Doc();
    const websocketProvider = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${hocus.port}`, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ websocketProvider, name, document: doc });
    provider.attach();
    return {
      doc,
      synced: () => provider.isSynced,
      state: () => websocketProvider.status,
      destroy: () => {
        provider.destroy();
        websocketProvider.destroy();
        doc.destroy();
      },
    };
  };

  // The order of the servers rotates from round to round (ours, Hocuspocus, floor; then
  // Hocuspocus, floor, ours; …), so that none gains from a place in the order; with three rounds
  // each server has each place once. Each round starts from fresh, empty documents.
  const runOurs = async (n: number, roundIndex: number) => {
    const ourDocuments: string[] = [];
    for (let i = 0; i < Math.ceil(n / PER_DOC); i++) ourDocuments.push(await createDocument(`压测文档 ${n}-${roundIndex + 1}-${i + 1}`));
    let ourCount = 0;
    await settleApp({ afterRun: false }); // the new documents are in the search index
    const connect = (id: string) => providerClient(id, app.baseUrl, cookies[ourCount++ % 2]!);
    const measured = await runLoad(n, ourDocuments, connect, collabWorkerPid(app.process.pid!), app.process.pid!);
    await settleApp({ afterRun: true });
    return measured;
  };
  /** Hocuspocus and the floor keep documents in memory under any name: nothing to create or settle. */
  const runInMemory = (prefix: string, connect: (name: string) => Client, pid: number) => async (n: number, roundIndex: number) => {
    const names = Array.from({ length: Math.ceil(n / PER_DOC) }, (_, i) => `${prefix}-${n}-${roundIndex + 1}-${i}`);
    const measured = await runLoad(n, names, connect, pid);
    await sleep(3000);
    return measured;
  };
  const servers = [
    { name: "ours", run: runOurs },
    { name: "hocuspocus", run: runInMemory("bench", hocuspocus, hocus.child.pid!) },
    ...(floor ? [{ name: "socketio_floor", run: runInMemory("floor", (name) => providerClient(name, `http://127.0.0.1:${floor.port}`), floor.child.pid!) }] : []),
  ];
  for (const n of SIZES) {
    const rounds = new Map<string, Measured[]>(servers.map((server) => [server.name, []]));
    for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex++) {
      for (let place = 0; place < servers.length; place++) {
        const server = servers[(roundIndex + place) % servers.length]!;
        rounds.get(server.name)!.push(await server.run(n, roundIndex));
      }
      const p95s = servers.map((server) => `${server.name} ${rounds.get(server.name)!.at(-1)!.figures.p95_ms} ms`);
      console.error(`  N=${n} round ${roundIndex + 1}: p95 ${p95s.join(", ")}`);
    }
    const pooled = Object.fromEntries(servers.map((server) => [server.name, pool(rounds.get(server.name)!)]));
    const line = { clients: n, per_document: PER_DOC, rate_per_client: RATE, seconds: SECONDS, rounds: ROUNDS, ours: pooled.ours!, hocuspocus: pooled.hocuspocus!, ...(floor ? { socketio_floor: pooled.socketio_floor! } : {}) };
    runs.push(line);
    console.log(JSON.stringify(line));
  }
} catch (error) {
  console.error(`app output (last lines):\n${app.output().split("\n").slice(-40).join("\n")}`);
  throw error;
} finally {
  hocus.child.kill("SIGTERM");
  floor?.child.kill("SIGTERM");
  await app.stop();
  removeDataDir(app.dataDir);
}
console.error(`machine: ${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
console.log(JSON.stringify({ runs }));
process.exit(0);
