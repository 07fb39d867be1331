import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getSignedInFromCookieHeader } from "~/auth/session.server.ts";
import { readSsoSettings, updateSsoSettings } from "~/auth/sso/settings.server.ts";
import { prisma } from "~/db/client.server.ts";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { action as casCallbackAction, loader as casCallback } from "~/routes/auth.cas.callback.tsx";
import { loader as casLogin } from "~/routes/auth.cas.login.tsx";
import { action as loginAction, loader as loginLoader } from "~/routes/login.tsx";
import { action as logoutAction } from "~/routes/logout.tsx";
import { call, cookieOf, type Handler } from "../support/sso-routes.ts";
import { startCasServer, type CasAccount, type CasServer } from "../support/cas-server.ts";
import { buildUser, TEST_PASSWORD } from "../support/factories.ts";

/**
 * Campus sign-on with CAS 3.0 (decision 123): our routes on the real database, the CAS server a
 * double that validates tickets as CAS does (one use, bound to the service), over HTTP.
 */
const ORIGIN = "http://localhost";
const SERVICE = `${ORIGIN}/auth/cas/callback`;
let cas: CasServer;
let admin: Awaited<ReturnType<typeof buildUser>>;
/** The double's accounts: each test adds its own (the double looks them up per request). */
const people: CasAccount[] = [];

/** A CAS account whose employeeNumber attribute is this 工号. */
function casAccountFor(staffNumber: string) {
  const user = `cas-${crypto.randomBytes(4).toString("hex")}`;
  people.push({ user, attributes: { employeeNumber: staffNumber, cn: "某某" } });
  return user;
}

/** Starts at our /auth/cas/login, signs in at CAS as `casUser`: the callback URL and the flow cookie. */
async function throughCas(casUser: string, redirectTo = "/") {
  const start = await call(casLogin as Handler, `${ORIGIN}/auth/cas/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  expect(start.status).toBe(302);
  const location = start.response!.headers.get("Location")!;
  expect(location).toBe(`${cas.url}/login?service=${encodeURIComponent(SERVICE)}`);
  const flow = cookieOf(start.response!, "fudao_sso_flow")!;
  expect(flow).toBeTruthy();
  const atCas = await fetch(location, { method: "POST", body: new URLSearchParams({ username: casUser, password: "x" }), redirect: "manual" });
  expect(atCas.status).toBe(302);
  const back = atCas.headers.get("Location")!;
  expect(back.startsWith(`${SERVICE}?ticket=ST-`)).toBe(true);
  return { callbackUrl: back, flow, ticket: new URL(back).searchParams.get("ticket")! };
}

async function chineseText(problem: { key: never; params: Record<string, string> }) {
  return translateKey((await i18nFor("zh-CN")).t, problem.key, problem.params);
}

beforeAll(async () => {
  cas = await startCasServer(people);
  admin = await buildUser({ roles: ["ADMIN"] });
});

beforeEach(async () => {
  await updateSsoSettings({ protocol: "cas", casUrl: cas.url, casIdAttribute: "employeeNumber", localLogin: "everyone" }, admin.id);
});

afterAll(async () => {
  await cas?.close();
});

describe("the CAS server double validates as CAS does", () => {
  it("issues a ticket once, for one service only", async () => {
    const validate = async (service: string, ticket: string) => (await fetch(`${cas.url}/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`)).text();
    const user = casAccountFor("whatever");
    const ticket = cas.issueTicket(user, SERVICE);
    expect(await validate(SERVICE, ticket)).toContain("<cas:authenticationSuccess>");
    expect(await validate(SERVICE, ticket)).toContain('code="INVALID_TICKET"');
    const other = cas.issueTicket(user, SERVICE);
    expect(await validate("http://elsewhere.example/cb", other)).toContain('code="INVALID_SERVICE"');
    // CAS spends a ticket on a failed validation too.
    expect(await validate(SERVICE, other)).toContain('code="INVALID_TICKET"');
    expect(await validate(SERVICE, "ST-made-up")).toContain('code="INVALID_TICKET"');
  });
});

describe("signing in with CAS", () => {
  it("signs the person with that 工号 in, goes where they were going, and audits it", async () => {
    const person = await buildUser({ profile: false });
    const { callbackUrl, flow } = await throughCas(casAccountFor(person.username), "/studios?duty=CRISIS");
    const answer = await call(casCallback as Handler, callbackUrl, { cookie: flow });
    expect(answer.status).toBe(302);
    expect(answer.response!.headers.get("Location")).toBe("/studios?duty=CRISIS");
    const session = cookieOf(answer.response!, "fudao_session")!;
    expect(await getSignedInFromCookieHeader(session)).toMatchObject({ user: { id: person.id } });
    // The flow cookie is spent.
    expect(answer.response!.headers.getSetCookie().find((c) => c.startsWith("fudao_sso_flow="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await prisma.auditLog.findFirst({ where: { action: "account.sso-sign-in", entityId: person.id } })).toMatchObject({ actorId: person.id, data: { protocol: "cas" } });
  });

  it("shows a Chinese page for an unknown 工号 and creates no account", async () => {
    const staffNumber = `nobody-${crypto.randomBytes(3).toString("hex")}`;
    const users = await prisma.user.count();
    const { callbackUrl, flow } = await throughCas(casAccountFor(staffNumber));
    const answer = await call(casCallback as Handler, callbackUrl, { cookie: flow });
    expect(answer.status).toBe(403);
    expect(await chineseText(answer.data.problem)).toBe(`未找到工号 ${staffNumber} 对应的账号，请联系学工部为您开通。`);
    expect(await prisma.user.count()).toBe(users);
    expect(answer.headers!.getSetCookie().some((c) => c.startsWith("fudao_session="))).toBe(false);
  });

  it("refuses a disabled account as the password form does", async () => {
    const person = await buildUser({ profile: false, active: false });
    const { callbackUrl, flow } = await throughCas(casAccountFor(person.username));
    const answer = await call(casCallback as Handler, callbackUrl, { cookie: flow });
    expect(answer.status).toBe(403);
    expect(await chineseText(answer.data.problem)).toBe("该账号已停用，请联系学工部。");
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
  });

  it("refuses a replayed callback without asking CAS again", async () => {
    const person = await buildUser({ profile: false });
    const { callbackUrl, flow } = await throughCas(casAccountFor(person.username));
    expect((await call(casCallback as Handler, callbackUrl, { cookie: flow })).status).toBe(302);
    const validations = cas.validations.length;
    const replay = await call(casCallback as Handler, callbackUrl, { cookie: flow });
    expect(replay.status).toBe(400);
    expect(await chineseText(replay.data.problem)).toBe("这次登录已经用过，请重新登录。");
    expect(cas.validations.length).toBe(validations);
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(1);
  });

  it("refuses a ticket issued for another service", async () => {
    const person = await buildUser({ profile: false });
    const { flow } = await throughCas(casAccountFor(person.username));
    const ticket = cas.issueTicket(people.at(-1)!.user, "http://elsewhere.example/auth/cas/callback");
    const answer = await call(casCallback as Handler, `${SERVICE}?ticket=${ticket}`, { cookie: flow });
    expect(answer.status).toBe(401);
    expect(answer.data.problem).toMatchObject({ key: "sso.failed", params: { code: "INVALID_SERVICE" } });
    expect(cas.validations.at(-1)).toEqual({ service: SERVICE, ticket });
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
  });

  it("refuses a callback that this browser did not start (no flow cookie), without asking CAS", async () => {
    const person = await buildUser({ profile: false });
    const { callbackUrl } = await throughCas(casAccountFor(person.username));
    const validations = cas.validations.length;
    const answer = await call(casCallback as Handler, callbackUrl);
    expect(answer.status).toBe(400);
    expect(answer.data.problem.key).toBe("sso.expired");
    expect(cas.validations.length).toBe(validations);
  });
});

describe("single logout", () => {
  async function signedInThroughCas() {
    const person = await buildUser({ profile: false });
    const { callbackUrl, flow, ticket } = await throughCas(casAccountFor(person.username));
    const answer = await call(casCallback as Handler, callbackUrl, { cookie: flow });
    return { person, ticket, session: cookieOf(answer.response!, "fudao_session")! };
  }
  const postToCallback = async (body: URLSearchParams) => (await call(casCallbackAction as Handler, SERVICE, { body })).status;

  it("ends the session when CAS posts a LogoutRequest for its ticket; other sessions stay", async () => {
    const one = await signedInThroughCas();
    const other = await signedInThroughCas();
    expect(await cas.sendLogoutRequest(one.ticket, (url, body) => call(casCallbackAction as Handler, url, { body }).then((a) => a.status))).toBe(200);
    expect(await getSignedInFromCookieHeader(one.session)).toBeNull();
    expect(await getSignedInFromCookieHeader(other.session)).toMatchObject({ user: { id: other.person.id } });
  });

  it("ignores a body that is not a LogoutRequest, and one for a ticket it never accepted", async () => {
    const one = await signedInThroughCas();
    expect(await postToCallback(new URLSearchParams({ logoutRequest: `<foo>${one.ticket}</foo>` }))).toBe(400);
    expect(await postToCallback(new URLSearchParams({ logoutRequest: "not xml <" }))).toBe(400);
    expect(await postToCallback(new URLSearchParams({ ticket: one.ticket }))).toBe(400);
    const stranger = cas.issueTicket(people.at(-1)!.user, SERVICE);
    expect(await cas.sendLogoutRequest(stranger, (url, body) => call(casCallbackAction as Handler, url, { body }).then((a) => a.status))).toBe(200);
    expect(await getSignedInFromCookieHeader(one.session)).toMatchObject({ user: { id: one.person.id } });
  });

  it("logging out here goes on to CAS /logout, which comes back to the login page", async () => {
    const one = await signedInThroughCas();
    const answer = await call(logoutAction as Handler, `${ORIGIN}/logout`, { method: "POST", cookie: one.session });
    expect(answer.status).toBe(302);
    const location = answer.response!.headers.get("Location")!;
    expect(location).toBe(`${cas.url}/logout?service=${encodeURIComponent(`${ORIGIN}/login`)}`);
    expect(await getSignedInFromCookieHeader(one.session)).toBeNull();
    const atCas = await fetch(location, { redirect: "manual" });
    expect(atCas.headers.get("Location")).toBe(`${ORIGIN}/login`);
  });
});

describe("password sign-in switched off for everyone but the admin", () => {
  const signIn = (username: string, url = `${ORIGIN}/login`) => call(loginAction as Handler, url, { body: new URLSearchParams({ intent: "signIn", username, password: TEST_PASSWORD, redirectTo: "/" }) });

  it("refuses a counselor's right password, admits the admin, and the page shows only the campus button", async () => {
    await updateSsoSettings({ localLogin: "admin-only" }, admin.id);
    const counselor = await buildUser({ profile: false });
    const refused = await signIn(counselor.username);
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ error: "本校已关闭密码登录，请使用统一身份认证登录。" });
    expect(await prisma.session.count({ where: { userId: counselor.id } })).toBe(0);

    const admitted = await signIn(admin.username, `${ORIGIN}/login?admin=1`);
    expect(admitted.status).toBe(302);
    expect(await getSignedInFromCookieHeader(cookieOf(admitted.response!, "fudao_session"))).toMatchObject({ user: { id: admin.id } });

    expect((await call(loginLoader as Handler, `${ORIGIN}/login`)).data).toEqual({ campusUrl: "/auth/cas/login", passwordForm: false, adminPath: false });
    expect((await call(loginLoader as Handler, `${ORIGIN}/login?admin=1`)).data).toEqual({ campusUrl: null, passwordForm: true, adminPath: true });
  });

  it("lets everyone use passwords by default, with the campus button beside the form", async () => {
    const counselor = await buildUser({ profile: false });
    expect((await signIn(counselor.username)).status).toBe(302);
    expect((await call(loginLoader as Handler, `${ORIGIN}/login`)).data).toEqual({ campusUrl: "/auth/cas/login", passwordForm: true, adminPath: false });
  });
});

describe("settings", () => {
  it("an environment variable wins over the stored value and is reported as such", async () => {
    const { settings, fromEnv } = await readSsoSettings({ FUDAO_SSO: "oidc", FUDAO_LOCAL_LOGIN: "admin-only" });
    expect(settings).toMatchObject({ protocol: "oidc", localLogin: "admin-only", casUrl: cas.url });
    expect(fromEnv.sort()).toEqual(["localLogin", "protocol"]);
    await expect(readSsoSettings({ FUDAO_SSO: "saml" })).rejects.toThrow(/FUDAO_SSO/);
  });
});
