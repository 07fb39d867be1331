import express, { type RequestHandler, type Router } from "express";
import { labelRoute } from "~/observability/request-log.server.ts";

/** A JSON endpoint the server answers ahead of Remix: what it gets and what it replies. */
export interface JsonEndpoint {
  path: string;
  /** Larger bodies are refused (413) before they are read whole. */
  maxBytes: number;
  handle(input: { cookieHeader: string | null; body: unknown }): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * The headers of every JSON reply, fixed: what the security headers of pages say (helmet,
 * app/infra/request-guards.server.ts), with a Content-Security-Policy that allows nothing, as a
 * JSON reply runs no script and loads nothing (so no nonce is made per reply).
 */
export const JSON_REPLY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Origin-Agent-Cluster": "?1",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "X-DNS-Prefetch-Control": "off",
  "X-Download-Options": "noopen",
  "X-Frame-Options": "SAMEORIGIN",
  "X-Permitted-Cross-Domain-Policies": "none",
  "X-XSS-Protection": "0",
};

/**
 * Mounts the app's few hot JSON endpoints (decision 100) on `router`, which the server places
 * after the origin check and ahead of the pages' per-request work (the CSP nonce, helmet,
 * compression, Remix): `before` runs first (the 503 while the database is away), then the body is
 * read and the reply written whole with JSON_REPLY_HEADERS. (The origin check must stay outside:
 * it sends a refused page post on as a GET of another address, which a route's own chain would
 * not re-route.) A body that is not JSON reaches the handler as null
 * (its own validation refuses it in Chinese).
 */
export function mountJsonEndpoints(router: Router, endpoints: readonly JsonEndpoint[], ...before: RequestHandler[]) {
  for (const endpoint of endpoints) {
    const label: RequestHandler = (_req, res, next) => {
      // The access line's and metrics' route (decision 129): no page route answers these.
      labelRoute(res, endpoint.path);
      next();
    };
    router.post(endpoint.path, label, ...before, express.text({ type: () => true, limit: endpoint.maxBytes }), async (req, res, next) => {
      try {
        const reply = await endpoint.handle({ cookieHeader: req.headers.cookie ?? null, body: parseJson(req.body) });
        const body = JSON.stringify(reply.body);
        res.writeHead(reply.status, { ...JSON_REPLY_HEADERS, "Content-Length": String(Buffer.byteLength(body)) }).end(body);
      } catch (error) {
        next(error);
      }
    });
  }
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
