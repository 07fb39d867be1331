import * as client from "openid-client";
import type { SsoSettings } from "./settings.server.ts";

/**
 * OpenID Connect with openid-client (panva), decision 123: authorization code with PKCE (S256),
 * state and nonce; the ID token is checked by the library (signature, issuer, audience, nonce,
 * expiry). The provider's discovery document is read once per configuration.
 */
const configs = new Map<string, Promise<client.Configuration>>();

/** http:// issuers only on this machine (a provider started by a test, or on the same host). */
function isLoopback(url: URL) {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export function oidcConfiguration(settings: SsoSettings): Promise<client.Configuration> {
  const key = JSON.stringify([settings.oidcIssuer, settings.oidcClientId, settings.oidcClientSecret]);
  let config = configs.get(key);
  if (!config) {
    const issuer = new URL(settings.oidcIssuer);
    const insecure = issuer.protocol === "http:" && isLoopback(issuer);
    config = client.discovery(
      issuer,
      settings.oidcClientId,
      settings.oidcClientSecret || undefined,
      settings.oidcClientSecret ? undefined : client.None(),
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    configs.set(key, config);
    // A provider that was down is asked again next time.
    config.catch(() => configs.delete(key));
  }
  return config;
}

export interface OidcStart {
  url: string;
  state: string;
  nonce: string;
  verifier: string;
}

export async function startOidc(settings: SsoSettings, redirectUri: string): Promise<OidcStart> {
  const config = await oidcConfiguration(settings);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: settings.oidcScopes || "openid",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, state, nonce, verifier };
}

export type OidcOutcome = { ok: true; claims: Record<string, unknown>; idToken: string } | { ok: false; code: string };

/** Exchanges the code (the callback URL as we serve it) for tokens and reads the person's claims. */
export async function finishOidc(settings: SsoSettings, callbackUrl: URL, expected: { state: string; nonce: string; verifier: string }): Promise<OidcOutcome> {
  try {
    const config = await oidcConfiguration(settings);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.verifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) return { ok: false, code: "NO_ID_TOKEN" };
    let claims: Record<string, unknown> = { ...idClaims };
    // The 工号 claim may be released through the UserInfo endpoint only.
    if (claims[settings.oidcIdClaim] === undefined && config.serverMetadata().userinfo_endpoint) {
      claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...claims };
    }
    return { ok: true, claims, idToken: tokens.id_token };
  } catch (error) {
    const code = error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError ? error.error : ((error as { code?: string }).code ?? "OIDC_ERROR");
    return { ok: false, code: String(code) };
  }
}

export function staffNumberOfClaims(claims: Record<string, unknown>, claim: string): string | null {
  const value = claims[claim];
  return typeof value === "string" || typeof value === "number" ? String(value).trim() || null : null;
}

/** The provider's end-session URL (RP-initiated logout), or null when it has none. */
export async function oidcLogoutUrl(settings: SsoSettings, idToken: string | null, postLogoutRedirectUri: string): Promise<string | null> {
  try {
    const config = await oidcConfiguration(settings);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) }).href;
  } catch {
    return null;
  }
}
