import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import type { LiveBodies } from "~/documents/live-body.server.ts";
import { COLLAB_WORKER_BUILD, COLLAB_WORKER_SOURCE } from "~/infra/build.server.ts";
import { handshakeFromOwnOrigin } from "~/infra/origin.server.ts";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";
import { COLLAB_PATH } from "./protocol.ts";
import { Link, type AppRequests, type CollabSettings, type Handlers, type WorkerStart, type UpgradeMessage, type WorkerRequests } from "./worker-link.ts";
import { lineLogger, logLinesOf } from "~/observability/logger.server.ts";

/** Timings of the worker, read when it starts; tests shorten them. */
export const collabSettings = singleton<CollabSettings>("collabSettings", () => ({
  saveDebounceMs: 2_000,
  saveMaxWaitMs: 10_000,
  textRefreshMs: 30_000,
  unloadDelayMs: 15_000,
}));

const log = lineLogger("collab");

/**
 * The collaboration worker seen from the app (decision 035): started on first need, restarted if
 * it dies, stopped (after saving every open document) before the database stops. It answers the
 * worker's questions with the handlers it was given at start-up (documents', decision 052) and
 * knows nothing of documents itself.
 */
class CollabWorker {
  private child: ChildProcess | null = null;
  private starting: Promise<Link<AppRequests, WorkerRequests>> | null = null;
  private link: Link<AppRequests, WorkerRequests> | null = null;
  private stopping = false;
  handlers: Handlers<AppRequests> | null = null;

  /** The running worker's link, or null when none runs (nothing is open then). */
  get current() {
    return this.link;
  }

  start(): Promise<Link<AppRequests, WorkerRequests>> {
    this.stopping = false;
    this.starting ??= this.spawn().catch((error) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private async spawn(): Promise<Link<AppRequests, WorkerRequests>> {
    const handlers = this.handlers;
    if (!handlers) throw new Error("协同服务尚未接入文档：须先调用 serveCollab（app/composition/collaboration.server.ts）。");
    // Production runs the built worker (`npm start` builds it with the app); development and
    // tests run its source.
    const built = process.env.NODE_ENV === "production" && fs.existsSync(COLLAB_WORKER_BUILD);
    const runtime = getRuntime();
    const start: WorkerStart = { ...collabSettings, multiInstance: runtime.multiInstance === true };
    const child = fork(built ? COLLAB_WORKER_BUILD : COLLAB_WORKER_SOURCE, [], {
      // A small young generation: the worker's garbage is many small, short-lived messages, and
      // V8's default lets it grow by tens of megabytes under load (decision 035).
      execArgv: ["--max-semi-space-size=1", ...(built ? [] : ["--import", "tsx"])],
      serialization: "advanced",
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, DATABASE_URL: runtime.databaseUrl, COLLAB_SETTINGS: JSON.stringify(start) },
    });
    this.child = child;
    // The worker prints plain lines; they join the app's log (and its files) as "collab" records.
    logLinesOf(child.stdout!, log);
    logLinesOf(child.stderr!, lineLogger("collab", "error"));
    // A message to a worker that just died (EPIPE) fails its request; "exit" below handles the rest.
    child.on("error", (error) => log(`与协同服务进程通信出错：${error.message}`));
    const link = new Link<AppRequests, WorkerRequests>(child);
    link.serve(handlers);
    // The worker must not keep the app (or a test run) alive on its own.
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    for (const output of [child.stdout, child.stderr]) (output as { unref?: () => void } | null)?.unref?.();
    return new Promise((resolve, reject) => {
      child.on("message", (message: { ready?: boolean }) => {
        if (!message?.ready) return;
        this.link = link;
        resolve(link);
      });
      child.once("exit", (code, signal) => {
        link.closed("协同服务进程已退出");
        if (this.child === child) {
          this.child = null;
          this.link = null;
          this.starting = null;
        }
        reject(new Error(`协同服务进程启动失败（${code ?? signal}）`));
        if (!this.stopping) {
          log(`协同服务进程意外退出（${code ?? signal}），1 秒后重启；已确认的修改均已保存。`);
          setTimeout(() => !this.stopping && void this.start().catch((error) => log(String(error))), 1_000).unref();
        }
      });
    });
  }

  /** Gives an upgraded HTTP connection to the worker; it speaks socket.io with the client from then on. */
  handOver(request: IncomingMessage, socket: Duplex, head: Buffer) {
    this.start().then(
      () => {
        const child = this.child;
        if (!child?.connected || socket.destroyed) return socket.destroy();
        const message: UpgradeMessage = {
          upgrade: { method: request.method ?? "GET", url: request.url ?? "", headers: request.headers, head: new Uint8Array(head) },
        };
        // Without its `server`, Node does not keep tracking the connection through the worker as
        // cluster does (the HTTP server's close would then wait on the worker, and hang if it is
        // gone); destroying our emptied copy after the hand-over settles the server's count.
        const tracked = socket as Duplex & { server?: unknown; _handle?: { readStop?: () => number } | null };
        tracked.server = null;
        // Stop reading here first. Node keeps our copy of the handle until the worker acknowledges
        // it and drops whatever it reads meanwhile (`onread = nop`); the worker may already have
        // answered the upgrade by then, so a busy app could swallow the client's first frames and
        // break the WebSocket stream (seen in bench:collab: one client in 50 never synced).
        tracked._handle?.readStop?.();
        child.send(message, socket as never, () => socket.destroy());
      },
      () => {
        socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
      },
    );
  }

  /** Saves and closes every open document, then ends the worker. */
  async stop() {
    this.stopping = true;
    const child = this.child;
    const link = this.link;
    if (!child) return;
    const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    // The worker ignores SIGTERM (decision 091); closing its channel ends it.
    await link?.request("shutdown", {}).catch(() => child.connected && child.disconnect());
    await exited;
    clearTimeout(force);
  }
}

const worker = singleton("collabWorker", () => new CollabWorker());

/**
 * The collaboration channel: socket.io namespace /collab, on its own path, served by the worker.
 * This process accepts the connection and hands it over once the HTTP upgrade arrives.
 */
export function attachCollab(httpServer: HttpServer): void {
  httpServer.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!request.url?.startsWith(`${COLLAB_PATH}/`)) return;
    if (!handshakeFromOwnOrigin(request, lineLogger("collab", "warn"))) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      return;
    }
    worker.handOver(request, socket, head);
  });
  void worker.start().catch((error) => log(String(error)));
}

export function stopCollabWorker() {
  return worker.stop();
}

/** The handlers that answer the worker's questions (admission, loading, saving); given once at start-up. */
export function serveCollab(handlers: Handlers<AppRequests>): void {
  worker.handlers = handlers;
}

/** The live bodies as documents reach them (their port, app/documents/live-body.server.ts). */
export const collabLiveBodies = {
  async state(documentId) {
    return (await worker.current?.request("state", { documentId }).catch(() => null)) ?? null;
  },
  async load(documentId) {
    const link = await worker.start();
    return link.request("state", { documentId, load: true });
  },
  async change(documentId, userId, update) {
    const link = await worker.start();
    return link.request("change", { documentId, userId, update });
  },
  notify(documentId, kind) {
    worker.current?.request("notify", { documentId, kind }).catch(() => {});
  },
  async connections(documentId) {
    return (await worker.current?.request("connections", { documentId })) ?? [];
  },
  async access(documentId, decisions) {
    await worker.current?.request("access", { documentId, decisions });
  },
  async close(documentId) {
    await worker.current?.request("close", { documentId });
  },
} satisfies LiveBodies;

/** Whether the worker holds the document in memory (tests watch documents unload). */
export async function isDocumentLoaded(documentId: string): Promise<boolean> {
  return (await worker.current?.request("loaded", { documentId })) ?? false;
}

/** The documents the worker holds open and their connections; zero when no worker runs (/metrics). */
export async function collabStats(): Promise<{ documents: number; connections: number }> {
  return (await worker.current?.request("stats", {}).catch(() => null)) ?? { documents: 0, connections: 0 };
}

/** Increments left by a crash, folded in by the worker (the one writer of a document's body). */
export async function foldDocuments(documentIds: string[]): Promise<number> {
  if (!documentIds.length) return 0;
  const link = await worker.start();
  return link.request("fold", { documentIds });
}
