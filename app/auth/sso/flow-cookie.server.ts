import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { getRuntime, singleton } from "~/infra/runtime.server.ts";

/**
 * What a sign-in at the identity provider must come back with (decision 124): the state, nonce and
 * PKCE verifier (OIDC) or the exact service URL (CAS), and where to go afterwards. It lives in a
 * signed, HttpOnly cookie for ten minutes, scoped to /auth, and the callback clears it: the
 * browser that started the sign-in is the only one that can finish it, once.
 */
export interface SsoFlow {
  protocol: "cas" | "oidc";
  state: string;
  redirectTo: string;
  /** CAS: the service URL sent to /login, which validation must repeat exactly. */
  service?: string;
  nonce?: string;
  verifier?: string;
}

const FLOW_MINUTES = 10;

function flowCookie() {
  return singleton("ssoFlowCookie", () =>
    createCookie("fudao_sso_flow", {
      httpOnly: true,
      sameSite: "lax",
      path: "/auth",
      secrets: [getRuntime().sessionSecret],
      maxAge: FLOW_MINUTES * 60,
    }),
  );
}

const secure = (request: Request) => new URL(request.url).protocol === "https:";

export function newState(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function saveFlow(request: Request, flow: SsoFlow): Promise<string> {
  return flowCookie().serialize({ ...flow, startedAt: Date.now() }, { secure: secure(request) });
}

/** The flow this browser started, if it is still fresh; null otherwise. */
export async function readFlow(request: Request, protocol: SsoFlow["protocol"]): Promise<SsoFlow | null> {
  const value: unknown = await flowCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const flow = value as SsoFlow & { startedAt?: number };
  if (flow.protocol !== protocol || typeof flow.state !== "string" || typeof flow.startedAt !== "number") return null;
  if (Date.now() - flow.startedAt > FLOW_MINUTES * 60_000) return null;
  return flow;
}

export function clearFlow(request: Request): Promise<string> {
  return flowCookie().serialize("", { maxAge: 0, expires: new Date(0), secure: secure(request) });
}
