import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import { currentLogger, requestContexts, rootLogger, type RequestContext } from "./logger.server.ts";
import { observeRequest } from "./metrics.server.ts";

export const REQUEST_ID_HEADER = "X-Request-Id";

/** An incoming id we keep: a short token of letters, digits and `-_.:` (a proxy's or a client's). */
const SANE_ID = /^[\w.:-]{1,64}$/;

/** The id of a request: the incoming `X-Request-Id` when it is a sane short token, else a new UUID. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SANE_ID.test(value) ? value : randomUUID();
}

type Labelled = ServerResponse & { locals?: Record<string, unknown> };
const CONTEXT = Symbol("fudao.requestContext");
type WithContext = IncomingMessage & { [CONTEXT]?: RequestContext & { method?: string; pathname?: string }; originalUrl?: string };

/** A route label set by a handler of our own (`/healthz`, `/metrics`), ahead of the Remix matching. */
export function labelRoute(res: ServerResponse, route: string): void {
  const locals = ((res as Labelled).locals ??= {});
  locals.routePattern = route;
}

/**
 * The request id, one access line per request and the request metrics (decision 127):
 * `X-Request-Id` in and out, `req.log` the request's child logger, and everything that logs while
 * the request is under way (`currentLogger()`, `lineLogger()`) carries its `reqId`. The access
 * line: method, route pattern, status, duration in ms and the signed-in person's id; no URL, no
 * query string, no header, no body.
 */
export function requestLogging(routeOf: (pathname: string) => string, isHot: (pathname: string) => boolean = () => false): RequestHandler {
  const patternOf = (req: IncomingMessage, res: ServerResponse) => {
    const labelled = (res as Labelled).locals?.routePattern;
    if (typeof labelled === "string") return labelled;
    // As the request came (a refused post goes on as a GET of the refusal page).
    const pathname = (req as WithContext)[CONTEXT]?.pathname ?? ((req as WithContext).originalUrl ?? req.url ?? "/").split("?")[0]!;
    if (pathname.startsWith("/assets/")) return "/assets/*";
    return routeOf(pathname);
  };
  const accessFields = (req: IncomingMessage, res: ServerResponse, durationMs: number) => ({
    method: (req as WithContext)[CONTEXT]?.method ?? req.method,
    route: patternOf(req, res),
    status: res.statusCode,
    durationMs,
    userId: (req as WithContext)[CONTEXT]?.userId,
  });
  const http = pinoHttp({
    logger: rootLogger(),
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers["x-request-id"]);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: "reqId", responseTime: "durationMs" },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
    customSuccessObject: (req, res, value: { durationMs?: number }) => {
      const fields = accessFields(req, res, value.durationMs ?? 0);
      observeRequest(fields.method ?? "GET", fields.route, fields.status, fields.durationMs);
      return { access: true, ...fields };
    },
    customErrorObject: (req, res, error, value: { durationMs?: number }) => {
      const fields = accessFields(req, res, value.durationMs ?? 0);
      observeRequest(fields.method ?? "GET", fields.route, fields.status, fields.durationMs);
      return { access: true, ...fields, err: error };
    },
    customSuccessMessage: (req, res, durationMs) => `${accessFields(req, res, durationMs).method} ${patternOf(req, res)} ${res.statusCode} ${durationMs}ms`,
    customErrorMessage: (req, res) => `${accessFields(req, res, 0).method} ${patternOf(req, res)} ${res.statusCode}`,
  });
  const context: RequestHandler = (req, _res, next) => {
    const store: RequestContext = { log: req.log ?? currentLogger() };
    (req as WithContext)[CONTEXT] = Object.assign(store, { method: req.method, pathname: req.path });
    requestContexts().run(store, next);
  };
  // The hot JSON endpoints (decisions 100, 101) get the same id and access line without a child
  // logger or a request context: they log nothing else, and per save that work cost 0.4 ms of CPU.
  const hot: RequestHandler = (req, res, next) => {
    const reqId = requestIdOf(req.headers["x-request-id"]);
    res.setHeader(REQUEST_ID_HEADER, reqId);
    const started = Date.now();
    res.once("finish", () => {
      const fields = accessFields(req, res, Date.now() - started);
      observeRequest(fields.method ?? "GET", fields.route, fields.status, fields.durationMs);
      rootLogger()[fields.status >= 500 ? "error" : "info"]({ reqId, access: true, ...fields }, `${fields.method} ${fields.route} ${fields.status} ${fields.durationMs}ms`);
    });
    next();
  };
  const pages = http as unknown as RequestHandler;
  return (req, res, next) => (isHot(req.path) ? hot(req, res, next) : pages(req, res, () => context(req, res, next)));
}
