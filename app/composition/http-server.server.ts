import http from "node:http";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { ensureFreshBuild, SERVER_BUILD } from "~/infra/build.server.ts";
import { readConfig } from "~/infra/config.server.ts";
import { assignCspNonce, cspNonceOf, refuseCrossOriginChanges, securityHeaders } from "~/infra/request-guards.server.ts";
import { CLIENT_ADDRESS_HEADER } from "~/lib/request.server.ts";
import { initLogging, lineLogger } from "~/observability/logger.server.ts";
import { metricsEndpoint, metricsRegistry } from "~/observability/metrics.server.ts";
import { labelRoute, requestLogging } from "~/observability/request-log.server.ts";
import { routePatternMatcher, UNMATCHED } from "~/observability/route-pattern.server.ts";
// Only the type: the hooks themselves come from the server build (see below).
import type { AppHooks } from "./app-hooks.server.ts";
import { mountJsonEndpoints } from "./json-endpoints.server.ts";
import { startServices } from "./services.server.ts";
import { answerWhileDatabaseUnavailable } from "./unavailable.server.ts";

/** The server's lines: pino records of component "server" (decision 127). */
const log = lineLogger("server");

/** How long a stop waits for the requests under way (decision 091). */
export const IN_FLIGHT_GRACE_MS = 20_000;

/** Start-up failures we explain in one line (their message says what to do), without a stack trace. */
const EXPLAINED_FAILURES = new Set(["DataDirLockedError", "ConfigError", "DataDirError", "EmbeddedPostgresError", "EmbeddedMeilisearchError", "MigrationError", "PortInUseError"]);

/** The message to print for a start-up failure we expect, or null for a bug (then the stack helps). */
export function explainStartFailure(error: unknown): string | null {
  return error instanceof Error && EXPLAINED_FAILURES.has(error.name) ? error.message : null;
}

class PortInUseError extends Error {
  override name = "PortInUseError";
}

/** Things to finish before the database stops (e.g. flushing open documents), run on shutdown. */
const shutdownHooks: Array<() => Promise<void>> = [];
export function onShutdown(hook: () => Promise<void>) {
  shutdownHooks.push(hook);
}

export async function runServer({ dev }: { dev: boolean }) {
  const started = performance.now();
  const phases: string[] = [];
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${((now - mark) / 1000).toFixed(1)}`);
    mark = now;
  };
  const config = readConfig();
  await initLogging(config.dataDir, { name: config.multiInstance ? `fudao-${process.pid}` : "fudao" });
  log(`Fudao Studio 正在启动（${dev ? "开发" : "生产"}模式，数据目录 ${config.dataDir}）…`);
  if (!dev) ensureFreshBuild(log);
  phase("构建");

  const services = await startServices(config, log);
  log(services.describe());
  phase("数据库与搜索");
  try {
    await serve();
  } catch (error) {
    // Nothing listens: the services we started and the lock go with us.
    await services.stop();
    throw error;
  }

  async function serve() {
    const app = express();
    const httpServer = http.createServer(app);
    // Requests under way, so a stop can let them finish (decision 091).
    const inFlight = new Set<express.Response>();
    let stopping = false;
    // The request id and the access line first, so every answer (even a refusal) has them; the
    // route pattern comes from the app's routes once they are loaded (decision 127).
    let routeOf: (pathname: string) => string = () => UNMATCHED;
    let hotPaths: RegExp[] = [];
    app.use(requestLogging((pathname) => routeOf(pathname), (pathname) => hotPaths.some((pattern) => pattern.test(pathname))));
    app.use((_req, res, next) => {
      if (stopping) {
        res.status(503).set({ Connection: "close", "Retry-After": "5" }).type("text/plain; charset=utf-8").send("服务正在停止，请稍后再试。");
        return;
      }
      inFlight.add(res);
      res.on("close", () => inFlight.delete(res));
      next();
    });
    app.disable("x-powered-by");
    app.set("trust proxy", process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY : false);
    app.use((req, _res, next) => {
      req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? "unknown";
      next();
    });
    // First the origin check: a refused page post goes on, as a GET of the refusal page.
    app.use(refuseCrossOriginChanges(log));
    // The hot JSON endpoints answer here, ahead of what pages need per request (mounted below,
    // once the app is loaded; decisions 100, 101).
    const hotEndpoints = express.Router();
    app.use(hotEndpoints);
    app.use(assignCspNonce);
    app.use(securityHeaders({ csp: !dev }));
    app.use(compression());

    // The application (and every module that opens the database) is loaded only now that the
    // services are known: from the production build, or through Vite in development. The server
    // takes its hooks from the build's entry module, so each app module is loaded once.
    let build: ServerBuild | (() => Promise<ServerBuild>);
    let hooks: AppHooks;
    if (dev) {
      const vite = await import("vite");
      const viteServer = await vite.createServer({ server: { middlewareMode: true, hmr: { server: httpServer } } });
      const load = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
      build = load;
      // Hooks come from the first load: after editing them in dev, restart the server.
      hooks = appHooksOf(await load());
      app.use(viteServer.middlewares);
      onShutdown(() => viteServer.close());
    } else {
      build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
      hooks = appHooksOf(build);
      app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
      app.use(express.static("build/client", { maxAge: "1h" }));
    }
    routeOf = routePatternMatcher((typeof build === "function" ? await build() : build).routes);
    mountJsonEndpoints(hotEndpoints, hooks.jsonEndpoints, answerWhileDatabaseUnavailable);
    // Their patterns ("/camp/:campId/test/answers") as the paths they match.
    hotPaths = hooks.jsonEndpoints.map((endpoint) => new RegExp(`^${endpoint.path.replace(/:[^/]+/g, "[^/]+")}/?$`));
    phase("加载应用");
    await hooks.seedIfEmpty(log);
    phase("演示数据");

    const io = hooks.createSocketServer(httpServer);
    hooks.registerMetrics(metricsRegistry(), io);
    app.get("/healthz", async (_req, res) => {
      labelRoute(res, "/healthz");
      const health = await hooks.checkHealth();
      res.status(health.db === "ok" && health.search === "ok" ? 200 : 503).json(health);
    });
    // Prometheus' scrape: from this machine or with METRICS_TOKEN (decision 128).
    app.get("/metrics", (_req, res, next) => {
      labelRoute(res, "/metrics");
      next();
    }, metricsEndpoint());
    app.all(
      "*",
      answerWhileDatabaseUnavailable,
      hooks.requestScope,
      createRequestHandler({ build, mode: dev ? "development" : "production", getLoadContext: (_req, res) => ({ cspNonce: cspNonceOf(res) }) }),
    );

    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", (error: NodeJS.ErrnoException) => {
        reject(
          error.code === "EADDRINUSE"
            ? new PortInUseError(`端口 ${config.port} 已被占用：请停止占用该端口的程序，或用 PORT 指定其他端口。`)
            : error,
        );
      });
      httpServer.listen(config.port, config.host, resolve);
    });

    const address = httpServer.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const shownHost = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
    for (const line of await hooks.describeDemoAccounts()) log(line);
    await hooks.startBackgroundTasks(log);
    phase("监听");
    log(`已就绪：http://${shownHost}:${port}（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒：${phases.join("，")}）`);
    if (process.send) process.send({ ready: true, port });

    /**
     * The order matters (decision 091): no new requests; the ones under way finish (up to 20 s);
     * sockets and the collaboration worker close (open documents are saved); then the search
     * engine and the database stop, last, and the lock goes. The embedded services run in their
     * own process group, so the signal that reached us did not reach them.
     */
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      const step = async (what: string, work: () => unknown) => {
        try {
          await work();
        } catch (error) {
          log(`停止时出错（${what}）：${error instanceof Error ? error.message : String(error)}`);
        }
      };
      log(`收到 ${signal}，正在停止：不再接受新请求${inFlight.size ? `，等待 ${inFlight.size} 个处理中的请求完成` : ""}…`);
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await step("等待处理中的请求", () => waitForRequests(inFlight, IN_FLIGHT_GRACE_MS, log));
      io.close();
      httpServer.closeAllConnections();
      await closed;
      await step("后台任务", () => hooks.stopBackgroundTasks(log));
      for (const hook of shutdownHooks) await step("停止钩子", hook);
      await step("数据库连接", () => hooks.disconnectDatabase());
      await step("数据库与搜索服务", () => services.stop());
      log("已停止。");
      process.exit(0);
    };
    process.on("SIGINT", () => void shutdown("SIGINT"));
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
  }
}

/** Resolves when no request is under way, or after `graceMs` (those left are cut off then). */
async function waitForRequests(inFlight: Set<express.Response>, graceMs: number, log: (line: string) => void): Promise<void> {
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  const deadline = Date.now() + graceMs;
  while (inFlight.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  if (inFlight.size) log(`${inFlight.size} 个请求在 ${graceMs / 1000} 秒内未完成，已中断。`);
}

function appHooksOf(build: ServerBuild): AppHooks {
  return (build.entry.module as unknown as { appHooks: AppHooks }).appHooks;
}
