import crypto from "node:crypto";
import type { TLSSocket } from "node:tls";
import type { Request, RequestHandler, Response } from "express";
import helmet from "helmet";
import { checkOrigin, originSettings, SAFE_METHODS } from "./origin.server.ts";

/** The page a refused browser form post is shown (app/routes/request-refused.tsx renders the 403). */
export const REFUSED_PATH = "/request-refused";

/**
 * Every request that may change something (any method but GET/HEAD/OPTIONS, on pages and
 * resource routes alike) must come from the app's own origin. A refused browser form post gets
 * the app's error page (403) in the person's language; script requests a short 403 text. One log
 * line each, no stack trace.
 */
export function refuseCrossOriginChanges(log: (line: string) => void): RequestHandler {
  const settings = originSettings();
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const verdict = checkOrigin(req.headers, isEncrypted(req), settings);
    if (verdict.ok) return next();
    log(`已拒绝跨站请求：${req.method} ${req.path}（来源 ${verdict.origin}，本站 ${verdict.expected}）`);
    const wantsPage = !req.path.endsWith(".data") && req.accepts(["html", "json", "text"]) === "html";
    if (!wantsPage) {
      res.status(403).set("X-Content-Type-Options", "nosniff").type("text/plain; charset=utf-8").send("请求来源与本站不符，已拒绝。Refused: the request did not come from this site.");
      return;
    }
    // Shown as a GET of the refusal page: no action runs, and the error page is the app's own.
    req.method = "GET";
    req.url = req.originalUrl = REFUSED_PATH;
    next();
  };
}

function isEncrypted(req: Request): boolean {
  return Boolean((req.socket as TLSSocket).encrypted);
}

/** A fresh nonce per request for Remix's inline scripts (the CSP allows no other inline script). */
export const assignCspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
};

export function cspNonceOf(res: Response): string {
  return res.locals.cspNonce as string;
}

/**
 * helmet's protective headers with a nonce-based Content-Security-Policy: scripts only from our
 * origin or with this request's nonce, so a script that slips into user content cannot run.
 * Styles allow inline `style` attributes (the editor and charts position things with them).
 * Not helmet's "no-referrer": with it Chromium sends `Origin: null` on plain form posts, which the
 * origin check refuses, and forms stop working without JavaScript. Development (Vite's inline
 * HMR scripts) runs without the CSP.
 */
export function securityHeaders({ csp }: { csp: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: csp
      ? {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'", (_req, res) => `'nonce-${cspNonceOf(res as Response)}'`],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", "data:", "blob:"],
            fontSrc: ["'self'", "data:"],
            connectSrc: ["'self'", (req) => webSocketOrigin(req as Request)],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'self'"],
          },
        }
      : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
}

/** The app's own WebSocket origin (ws:// beside http://, wss:// beside https://). */
function webSocketOrigin(req: Request): string {
  const { publicUrl } = originSettings();
  const base = publicUrl ? new URL(publicUrl) : new URL(`${req.protocol}://${req.get("host") ?? "localhost"}`);
  return `${base.protocol === "https:" ? "wss:" : "ws:"}//${base.host}`;
}
