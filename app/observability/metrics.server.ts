import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus registry (decision 128): request durations, observed by the request
 * middleware; the process's default metrics; and the application's gauges, registered by the
 * app (app/observability/app-metrics.server.ts) through its hooks. On globalThis, as the server
 * loads this module twice (tsx and the Remix build).
 */
interface MetricsState {
  registry: Registry;
  requestDuration: Histogram<"method" | "route" | "status_class">;
}

const KEY = Symbol.for("fudao.observability.metrics");
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function metricsState(): MetricsState {
  const store = globalThis as unknown as Record<symbol, MetricsState>;
  if (!store[KEY]) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "fudao_" });
    const requestDuration = new Histogram({
      name: "fudao_http_request_duration_seconds",
      help: "HTTP requests by method, route pattern and status class: how long they took",
      labelNames: ["method", "route", "status_class"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    store[KEY] = { registry, requestDuration };
  }
  return store[KEY];
}

export function metricsRegistry(): Registry {
  return metricsState().registry;
}

/** One finished request (its route pattern, never its path). */
export function observeRequest(method: string, route: string, status: number, durationMs: number): void {
  metricsState().requestDuration.observe(
    { method: METHODS.has(method) ? method : "OTHER", route, status_class: `${Math.floor(status / 100)}xx` },
    durationMs / 1000,
  );
}

/** Whether an address is this machine's loopback (the socket's, not X-Forwarded-For). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  return plain === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** Compares two secrets in constant time (their digests, so lengths do not show either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who may read /metrics: a connection from this machine's loopback, or anyone presenting
 * `Authorization: Bearer <METRICS_TOKEN>` when a token is set. A proxy's X-Forwarded-For is not
 * looked at: behind a proxy on the same machine every request is "local", so set a token and do
 * not route /metrics through the proxy (README).
 */
export function mayReadMetrics({ remoteAddress, authorization, token }: { remoteAddress: string | undefined; authorization: string | undefined; token: string | undefined }): boolean {
  if (token) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (match && sameSecret(match[1]!, token)) return true;
  }
  return isLoopback(remoteAddress);
}

/** GET /metrics, in Prometheus' text format (mounted like /healthz, before the Remix handler). */
export function metricsEndpoint(token: string | undefined = process.env.METRICS_TOKEN || undefined): RequestHandler {
  return async (req, res) => {
    if (!mayReadMetrics({ remoteAddress: req.socket.remoteAddress, authorization: req.headers.authorization, token })) {
      res.status(403).type("text/plain; charset=utf-8").send("只能从本机或用 METRICS_TOKEN 读取监控指标。\n");
      return;
    }
    const registry = metricsRegistry();
    const body = await registry.metrics();
    res.status(200).set("Content-Type", registry.contentType).set("Cache-Control", "no-store").send(body);
  };
}
