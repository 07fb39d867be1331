import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSignedInFromCookieHeader } from "~/auth/session.server.ts";
import { updateSsoSettings } from "~/auth/sso/settings.server.ts";
import { prisma } from "~/db/client.server.ts";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { loader as oidcCallback } from "~/routes/auth.oidc.callback.tsx";
import { loader as oidcLogin } from "~/routes/auth.oidc.login.tsx";
import { action as logoutAction } from "~/routes/logout.tsx";
import { buildUser } from "../support/factories.ts";
import { confirmLogoutAtProvider, signInAtProvider, startOidcProvider, type OidcAccount, type RunningProvider } from "../support/oidc-provider.ts";
import { call, cookieOf, type Handler } from "../support/sso-routes.ts";

/**
 * Campus sign-on with OpenID Connect (decision 123): our routes on the real database against a
 * real provider (oidc-provider) over HTTP — code flow with PKCE, state and nonce, the 工号 from a
 * claim, RP-initiated logout.
 */
const ORIGIN = "http://localhost";
const CALLBACK = `${ORIGIN}/auth/oidc/callback`;
const accounts: OidcAccount[] = [];
let provider: RunningProvider;

function providerAccountFor(staffNumber: string) {
  const login = `op-${crypto.randomBytes(4).toString("hex")}`;
  accounts.push({ login, employeeNumber: staffNumber });
  return login;
}

/** Our /auth/oidc/login, then the provider's login and consent: the callback URL and the flow cookie. */
async function throughProvider(login: string, redirectTo = "/") {
  const start = await call(oidcLogin as Handler, `${ORIGIN}/auth/oidc/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  expect(start.status).toBe(302);
  const authorization = new URL(start.response!.headers.get("Location")!);
  expect(authorization.origin).toBe(provider.issuer);
  expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorization.searchParams.get("redirect_uri")).toBe(CALLBACK);
  for (const param of ["state", "nonce", "code_challenge"]) expect(authorization.searchParams.get(param)).toBeTruthy();
  const flow = cookieOf(start.response!, "fudao_sso_flow")!;
  const back = await signInAtProvider(authorization.href, login);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return { callbackUrl: back.href, flow };
}

beforeAll(async () => {
  provider = await startOidcProvider({ accounts, redirectUris: [CALLBACK], postLogoutRedirectUris: [`${ORIGIN}/login`] });
  const admin = await buildUser({ roles: ["ADMIN"] });
  await updateSsoSettings(
    { protocol: "oidc", oidcIssuer: provider.issuer, oidcClientId: provider.clientId, oidcClientSecret: provider.clientSecret, oidcIdClaim: "employee_number", oidcScopes: "openid profile" },
    admin.id,
  );
});

afterAll(async () => {
  await provider?.close();
});

describe("signing in with OpenID Connect", () => {
  it("signs the person with the 工号 of the claim in and audits it", async () => {
    const person = await buildUser({ profile: false });
    const { callbackUrl, flow } = await throughProvider(providerAccountFor(person.username), "/documents");
    const answer = await call(oidcCallback as Handler, callbackUrl, { cookie: flow });
    expect(answer.status).toBe(302);
    expect(answer.response!.headers.get("Location")).toBe("/documents");
    expect(await getSignedInFromCookieHeader(cookieOf(answer.response!, "fudao_session"))).toMatchObject({ user: { id: person.id } });
    expect(await prisma.auditLog.findFirst({ where: { action: "account.sso-sign-in", entityId: person.id } })).toMatchObject({ data: { protocol: "oidc" } });
  });

  it("shows a Chinese page for an unknown 工号 and creates no account", async () => {
    const staffNumber = `nobody-${crypto.randomBytes(3).toString("hex")}`;
    const { callbackUrl, flow } = await throughProvider(providerAccountFor(staffNumber));
    const answer = await call(oidcCallback as Handler, callbackUrl, { cookie: flow });
    expect(answer.status).toBe(403);
    expect(translateKey((await i18nFor("zh-CN")).t, answer.data.problem.key, answer.data.problem.params)).toBe(`未找到工号 ${staffNumber} 对应的账号，请联系学工部为您开通。`);
    expect(await prisma.user.findUnique({ where: { username: staffNumber } })).toBeNull();
  });

  it("refuses a callback whose state is not the one this browser was sent with", async () => {
    const person = await buildUser({ profile: false });
    const { callbackUrl, flow } = await throughProvider(providerAccountFor(person.username));
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set("state", "someone-elses-state");
    const answer = await call(oidcCallback as Handler, tampered.href, { cookie: flow });
    expect(answer.status).toBe(401);
    expect(answer.data.problem.key).toBe("sso.failed");
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
    // Another browser's flow cookie does not fit either.
    const other = await throughProvider(providerAccountFor(person.username));
    expect((await call(oidcCallback as Handler, callbackUrl, { cookie: other.flow })).data.problem.key).toBe("sso.failed");
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
  });

  it("refuses a replayed callback", async () => {
    const person = await buildUser({ profile: false });
    const { callbackUrl, flow } = await throughProvider(providerAccountFor(person.username));
    expect((await call(oidcCallback as Handler, callbackUrl, { cookie: flow })).status).toBe(302);
    const replay = await call(oidcCallback as Handler, callbackUrl, { cookie: flow });
    expect(replay.status).toBe(400);
    expect(replay.data.problem.key).toBe("sso.replayed");
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(1);
  });

  it("logging out goes to the provider's end-session endpoint with the ID token, and back to the login page", async () => {
    const person = await buildUser({ profile: false });
    const { callbackUrl, flow } = await throughProvider(providerAccountFor(person.username));
    const session = cookieOf((await call(oidcCallback as Handler, callbackUrl, { cookie: flow })).response!, "fudao_session")!;
    const answer = await call(logoutAction as Handler, `${ORIGIN}/logout`, { method: "POST", cookie: session });
    expect(answer.status).toBe(302);
    const endSession = new URL(answer.response!.headers.get("Location")!);
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get("id_token_hint")).toBeTruthy();
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/login`);
    expect(await getSignedInFromCookieHeader(session)).toBeNull();
    expect((await confirmLogoutAtProvider(endSession.href)).href).toBe(`${ORIGIN}/login`);
  });
});
