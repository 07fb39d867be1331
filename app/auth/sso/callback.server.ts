import { data, redirect } from "@remix-run/node";
import { passwordPageFor } from "~/auth/session.server.ts";
import { languageCookie } from "~/i18n/i18n.server.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { isLanguage } from "~/i18n/resources.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { clearFlow } from "./flow-cookie.server.ts";
import type { SsoSignInResult } from "./sign-in.server.ts";

/** What the callback page shows when the sign-in does not go through. */
export interface SsoProblem {
  key: MessageKey;
  params: Record<string, string>;
}

/** A refusal page (the flow cookie goes with it: a callback is answered once). */
export async function problem(request: Request, key: MessageKey, status: number, params: Record<string, string> = {}) {
  return data({ problem: { key, params } satisfies SsoProblem }, { status, headers: { "Set-Cookie": await clearFlow(request) } });
}

/** Signed in: on to where they were going (or to set a password first), with their language. */
export async function finishSignIn(request: Request, result: SsoSignInResult, redirectTo: string) {
  if (!result.ok) {
    if (result.reason === "unknown") return problem(request, "sso.unknown", 403, { staffNumber: result.staffNumber });
    if (result.reason === "disabled") return problem(request, "login.disabled", 403);
    return problem(request, "sso.replayed", 400);
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await clearFlow(request));
  headers.append("Set-Cookie", result.setCookie);
  if (isLanguage(result.locale)) headers.append("Set-Cookie", await languageCookie.serialize(result.locale));
  const destination = safeRedirect(redirectTo);
  throw redirect(result.passwordMustChange ? passwordPageFor(destination) : destination, { headers });
}
