import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDataDir, startApp, type RunningApp } from "../support/app-server.ts";
import { startCasServer, type CasServer } from "../support/cas-server.ts";
import { scratchDir } from "../support/scratch-dir.ts";

/**
 * Campus sign-on on the real server (`npm start`), configured by environment variables: the login
 * page with passwords for the admin only, a CAS sign-in over HTTP, and CAS's back-channel logout
 * arriving from the CAS server (no Origin header) and closing the person's open socket.
 */
const dataDir = scratchDir("sso-app");
let app: RunningApp;
let cas: CasServer;

beforeAll(async () => {
  // The demo account "counselor" (password Fudao@2026) is CAS user "zhang.san" with that 工号 as employeeNumber.
  cas = await startCasServer([{ user: "zhang.san", attributes: { employeeNumber: "counselor" } }]);
  app = await startApp({
    dataDir,
    timeoutMs: 300_000,
    env: { FUDAO_SSO: "cas", FUDAO_CAS_URL: cas.url, FUDAO_CAS_ID_ATTRIBUTE: "employeeNumber", FUDAO_LOCAL_LOGIN: "admin-only" },
  });
}, 320_000);

afterAll(async () => {
  await app?.stop();
  await cas?.close();
  removeDataDir(dataDir);
});

const sessionCookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith("fudao_session="))
    ?.split(";")[0];

const passwordSignIn = (username: string, path = "/login") =>
  fetch(`${app.baseUrl}${path}`, { method: "POST", body: new URLSearchParams({ intent: "signIn", username, password: "Fudao@2026", redirectTo: "/" }), redirect: "manual" });

describe("campus sign-on on the running server", () => {
  it("shows only the campus button, and the password form at /login?admin=1 for the admin alone", async () => {
    const page = await (await fetch(`${app.baseUrl}/login`)).text();
    expect(page).toContain("使用统一身份认证登录");
    expect(page).toContain('href="/auth/cas/login?redirectTo=%2F"');
    expect(page).not.toContain('name="password"');
    const adminPage = await (await fetch(`${app.baseUrl}/login?admin=1`)).text();
    expect(adminPage).toContain("管理员密码登录");
    expect(adminPage).toContain('name="password"');

    expect(sessionCookieOf(await passwordSignIn("counselor", "/login?admin=1"))).toBeUndefined();
    expect(sessionCookieOf(await passwordSignIn("admin", "/login?admin=1"))).toBeTruthy();
  });

  it("signs in through CAS, and CAS's logout request ends the session and closes its socket", async () => {
    const start = await fetch(`${app.baseUrl}/auth/cas/login`, { redirect: "manual" });
    const service = `${app.baseUrl}/auth/cas/callback`;
    expect(start.headers.get("Location")).toBe(`${cas.url}/login?service=${encodeURIComponent(service)}`);
    const flow = start.headers.getSetCookie().find((c) => c.startsWith("fudao_sso_flow="))!.split(";")[0]!;
    const atCas = await fetch(start.headers.get("Location")!, { method: "POST", body: new URLSearchParams({ username: "zhang.san", password: "x" }), redirect: "manual" });
    const callback = atCas.headers.get("Location")!;
    const ticket = new URL(callback).searchParams.get("ticket")!;
    const back = await fetch(callback, { headers: { Cookie: flow }, redirect: "manual" });
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("/");
    const cookie = sessionCookieOf(back)!;
    expect((await fetch(`${app.baseUrl}/notifications`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);

    const socket: Socket = connect(app.baseUrl, { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("session", () => resolve());
        socket.once("connect_error", reject);
      });
      const closed = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
      // Posted by the CAS server itself, to the service URL, as Apereo CAS does.
      expect(await cas.sendLogoutRequest(ticket)).toBe(200);
      expect(await closed).toBe("io server disconnect");
      expect((await fetch(`${app.baseUrl}/notifications`, { headers: { Cookie: cookie }, redirect: "manual" })).headers.get("Location")).toMatch(/^\/login/);
    } finally {
      socket.disconnect();
    }
  });
});
