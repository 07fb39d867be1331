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
// Only the type: the hooks themselves come from the server build (see below).
import type { AppHooks } from "./app-hooks.server.ts";
import { mountJsonEndpoints } from "./json-endpoints.server.ts";
import { startServices } from "./services.server.ts";

const log = (line: string) => console.log(`[fudao] ${line}`);

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
  log(`Fudao Studio 正在启动（${dev ? "开发" : "生产"}模式，数据目录 ${config.dataDir}）…`);
  if (!dev) ensureFreshBuild(log);
  phase("构建");

  const services = await startServices(config, log);
  log(services.describe());
  phase("数据库与搜索");

  const app = express();
  const httpServer = http.createServer(app);
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY : false);
  app.use((req, _res, next) => {
    req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });
  app.use(assignCspNonce);
  app.use(securityHeaders({ csp: !dev }));
  app.use(refuseCrossOriginChanges(log));
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
  mountJsonEndpoints(app, hooks.jsonEndpoints);
  phase("加载应用");
  await hooks.seedIfEmpty(log);
  phase("演示数据");

  const io = hooks.createSocketServer(httpServer);
  app.get("/healthz", async (_req, res) => {
    const health = await hooks.checkHealth();
    res.status(health.db === "ok" && health.search === "ok" ? 200 : 503).json(health);
  });
  app.all(
    "*",
    hooks.requestScope,
    createRequestHandler({ build, mode: dev ? "development" : "production", getLoadContext: (_req, res) => ({ cspNonce: cspNonceOf(res) }) }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`端口 ${config.port} 已被占用：请停止占用该端口的程序，或用 PORT 指定其他端口。`)
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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止…`);
    const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
    await new Promise<void>((resolve) => {
      io.close();
      httpServer.close(() => resolve());
      httpServer.closeIdleConnections();
    });
    clearTimeout(force);
    await hooks.stopBackgroundTasks(log);
    for (const hook of shutdownHooks) await hook().catch((error) => log(`停止时出错：${error}`));
    await hooks.disconnectDatabase();
    await services.stop();
    log("已停止。");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

function appHooksOf(build: ServerBuild): AppHooks {
  return (build.entry.module as unknown as { appHooks: AppHooks }).appHooks;
}
