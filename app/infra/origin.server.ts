import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

/**
 * One rule for every state change and every socket handshake: a browser request must come from
 * the app's own origin. The app's origin is `PUBLIC_URL` when set (behind a reverse proxy), else
 * the one the request was addressed to (Host, or X-Forwarded-Host/-Proto when TRUST_PROXY is set).
 *
 * Browsers send `Origin` on every POST and WebSocket handshake. A request without it is not a
 * browser's cross-site request (scripts, API clients) unless `Sec-Fetch-Site` says so.
 */
export interface OriginSettings {
  publicUrl: string | undefined;
  trustProxy: boolean;
}

export function originSettings(env: Record<string, string | undefined> = process.env): OriginSettings {
  return { publicUrl: env.PUBLIC_URL || undefined, trustProxy: Boolean(env.TRUST_PROXY) };
}

export type OriginVerdict = { ok: true } | { ok: false; origin: string; expected: string };

export function checkOrigin(headers: IncomingHttpHeaders, encrypted: boolean, settings: OriginSettings = originSettings()): OriginVerdict {
  const expected = expectedOrigin(headers, encrypted, settings);
  const origin = first(headers.origin);
  if (origin === undefined) {
    const site = first(headers["sec-fetch-site"]);
    return site === "cross-site" || site === "same-site" ? { ok: false, origin: `(Sec-Fetch-Site: ${site})`, expected } : { ok: true };
  }
  return normalise(origin) === expected ? { ok: true } : { ok: false, origin, expected };
}

function expectedOrigin(headers: IncomingHttpHeaders, encrypted: boolean, settings: OriginSettings): string {
  if (settings.publicUrl) return normalise(settings.publicUrl);
  const forwardedHost = settings.trustProxy ? first(headers["x-forwarded-host"])?.split(",")[0]?.trim() : undefined;
  const forwardedProto = settings.trustProxy ? first(headers["x-forwarded-proto"])?.split(",")[0]?.trim() : undefined;
  const protocol = forwardedProto || (encrypted ? "https" : "http");
  return normalise(`${protocol}://${forwardedHost || first(headers.host) || "invalid.host"}`);
}

/** Scheme and host in lower case, default ports dropped; anything unparsable ("null") matches nothing. */
function normalise(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return `unparsable:${value}`;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Methods that change nothing; everything else is checked. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** For WebSocket and socket.io handshakes: refused ones are logged in one line. */
export function handshakeFromOwnOrigin(request: IncomingMessage, log: (line: string) => void = (line) => console.log(`[fudao] ${line}`)): boolean {
  const verdict = checkOrigin(request.headers, Boolean((request.socket as TLSSocket).encrypted));
  if (!verdict.ok) log(`已拒绝跨站连接：${request.url?.split("?")[0]}（来源 ${verdict.origin}，本站 ${verdict.expected}）`);
  return verdict.ok;
}
