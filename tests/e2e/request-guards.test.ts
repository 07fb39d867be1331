import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { CollabProvider } from "~/collab/provider.ts";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { waitFor } from "../support/collab.ts";
import { signIn, undoChangesTo } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
const EVIL = "http://evil.example";
let browser: Browser;
let leader: string;
beforeAll(async () => {
  browser = await launchBrowser();
  leader = await signIn("leader");
  // The accepted language change below stores the leader's choice.
  await undoChangesTo("User", { username: "leader" });
});
afterAll(() => browser?.close());

/** Every route module that exports an action, as a URL (parameters filled with a placeholder). */
function routesWithActions(): string[] {
  const dir = path.resolve("app/routes");
  return fs
    .readdirSync(dir)
    .filter((file) => /export (async )?function action|export const action/.test(fs.readFileSync(path.join(dir, file), "utf8")))
    .map((file) => {
      const segments = file
        .replace(/\.tsx?$/, "")
        .replace(/\[\.\]/g, "\u0000")
        .split(".")
        .filter((segment) => segment !== "_index")
        .map((segment) => segment.replace(/_$/, "").replace(/\u0000/g, "."))
        .map((segment) => (segment.startsWith("$") ? "placeholder" : segment));
      return `/${segments.join("/")}`;
    });
}

describe("a state change from another site", () => {
  it("is refused on every route that has an action, pages and resource routes alike, and changes nothing", async () => {
    const routes = routesWithActions();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContain("/logout");
    expect(routes).toContain("/language");
    for (const route of routes) {
      const response = await fetch(`${baseUrl}${route}`, {
        method: "POST",
        headers: { Cookie: leader, Origin: EVIL, Accept: "text/html", "Content-Type": "application/x-www-form-urlencoded" },
        body: "intent=delete&name=x",
        redirect: "manual",
      });
      expect(response.status, `${route}`).toBe(403);
    }
    // The session survived the refused /logout.
    const home = await fetch(`${baseUrl}/settings/tokens`, { headers: { Cookie: leader }, redirect: "manual" });
    expect(home.status).toBe(200);
  });

  it("gets the app's error page in Chinese (no action runs), and scripts get a short 403", async () => {
    const response = await fetch(`${baseUrl}/settings/tokens`, {
      method: "POST",
      headers: { Cookie: leader, Origin: EVIL, Accept: "text/html", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "create", name: "跨站令牌", expiresInDays: "30" }),
    });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("请求已拒绝");
    expect(html).toContain("未做任何更改");
    const tokens = await (await fetch(`${baseUrl}/settings/tokens`, { headers: { Cookie: leader } })).text();
    expect(tokens).not.toContain("跨站令牌");

    const script = await fetch(`${baseUrl}/settings/tokens.data`, { method: "POST", headers: { Cookie: leader, Origin: EVIL }, body: "intent=create" });
    expect(script.status).toBe(403);
    expect(await script.text()).toContain("请求来源与本站不符");
  });

  it("is refused without an Origin when the browser says the request is cross-site", async () => {
    const response = await fetch(`${baseUrl}/language`, {
      method: "POST",
      headers: { Cookie: leader, "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded" },
      body: "locale=en",
      redirect: "manual",
    });
    expect(response.status).toBe(403);
  });

  it("passes from the app's own origin", async () => {
    const response = await fetch(`${baseUrl}/language`, {
      method: "POST",
      headers: { Cookie: leader, Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ locale: "zh-CN", redirectTo: "/" }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
  });
});

describe("socket handshakes", () => {
  function handshake(socketPath: string, namespace: string, origin: string): Promise<"connected" | string> {
    return new Promise((resolve) => {
      const socket = io(`${baseUrl}${namespace}`, { path: socketPath, transports: ["websocket"], reconnection: false, extraHeaders: { Cookie: leader, Origin: origin } });
      const done = (result: string) => {
        socket.close();
        resolve(result);
      };
      socket.on("connect", () => done("connected"));
      socket.on("connect_error", (error) => done(error.message));
      setTimeout(() => done("timeout"), 5_000);
    });
  }

  it("from another site are refused on /socket.io and on the co-editing path; our own pass", async () => {
    expect(await handshake("/socket.io", "/", EVIL)).not.toBe("connected");
    expect(await handshake("/socket.io", "/", baseUrl)).toBe("connected");

    const html = await (await fetch(`${baseUrl}/documents`, { headers: { Cookie: leader } })).text();
    const documentId = /href="\/documents\/(c[a-z0-9]+)"/.exec(html)![1]!;
    const editor = (origin: string) => {
      const doc = new Y.Doc();
      const provider = new CollabProvider(doc, { documentId, url: baseUrl, socketOptions: { reconnection: false, extraHeaders: { Cookie: leader, Origin: origin } } });
      return { provider, close: () => (provider.destroy(), doc.destroy()) };
    };
    const foreign = editor(EVIL);
    const own = editor(baseUrl);
    try {
      await waitFor(() => own.provider.synced, "the editor from our own origin to sync");
      expect(foreign.provider.synced).toBe(false);
      expect(foreign.provider.socket.connected).toBe(false);
    } finally {
      foreign.close();
      own.close();
    }
  });
});

describe("Content-Security-Policy", () => {
  it("is sent with a fresh nonce per page and allows no inline script without it", async () => {
    const [first, second] = await Promise.all([fetch(`${baseUrl}/login`), fetch(`${baseUrl}/login`)]);
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(policy.split(";").find((directive) => directive.trim().startsWith("script-src"))).not.toContain("unsafe-inline");
    expect(policy).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    const html = await first.text();
    const inlineScripts = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("lets the app run (no violations) and stops a script injected into the page", async () => {
    const page = await newPage(browser);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await login(page, baseUrl, "leader");
    await page.getByTestId("career-stage").waitFor();
    await page.goto(`${baseUrl}/documents`);
    await page.locator("a[href^='/documents/c']").first().click();
    await page.locator(".tiptap[contenteditable]").first().waitFor();
    expect(violations).toEqual([]);

    // What a stored script in user content would do if it slipped past the sanitizer.
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean; handler?: boolean };
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
      const holder = document.createElement("div");
      holder.innerHTML = `<img src="/favicon.svg?x" onload="window.handler = true">`;
      document.body.append(holder);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { script: w.injected === true, handler: w.handler === true };
    });
    expect(ran).toEqual({ script: false, handler: false });
    await page.context().close();
  });
});
