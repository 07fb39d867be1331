import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startCasServer, type CasAccount, type CasServer } from "../support/cas-server.ts";
import { launchBrowser, newPage, settled } from "../support/browser.ts";
import { query, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

/**
 * Campus sign-on as people meet it (decisions 123–126): the sign-in page with passwords for the
 * admin only, gone through by keyboard at phone width to the CAS server and back, and the settings
 * card 学工部 configures it with. The CAS server is the protocol double the integration tests use.
 */
let browser: Browser;
let cas: CasServer;
const accounts: CasAccount[] = [{ user: "zhang.san", attributes: { employeeNumber: "counselor" } }];

beforeAll(async () => {
  browser = await launchBrowser();
  cas = await startCasServer(accounts);
});
afterAll(async () => {
  await browser?.close();
  await cas?.close();
});

async function tabTo(page: Page, target: Locator, most = 60) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reached with ${most} presses of Tab`);
}

/** A page for visitors (no live connection to wait for): loaded and hydrated. */
async function openSignInPage(page: Page, path: string) {
  const response = await page.goto(`${inject("baseUrl")}${path}`);
  expect(response?.status()).toBe(200);
  await settled(page);
  await page.evaluate(() => document.fonts.ready.then(() => true));
}

async function useCas(localLogin: "everyone" | "admin-only") {
  await undoChangesTo("Setting", { key: "sso" });
  await undoChangesTo("SsoSignIn");
  await undoChangesTo("AuditLog", { action: "account.sso-sign-in" });
  const value = { protocol: "cas", casUrl: cas.url, casIdAttribute: "employeeNumber", localLogin };
  await query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('sso', $1::jsonb, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify(value)]);
}

describe("campus sign-on in the browser", () => {
  it("with passwords for the admin only, the sign-in page offers the campus button; by keyboard at 375 px to CAS and back signed in, axe clean", async () => {
    await useCas("admin-only");
    const phone = await newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    await openSignInPage(phone, "/login");
    const campus = phone.getByRole("link", { name: "使用统一身份认证登录" });
    await campus.waitFor();
    // No password form for everyone else.
    expect(await phone.getByLabel("密码").count()).toBe(0);
    expect(await axeFindings(phone, "/login (campus only) @375")).toEqual([]);
    expect(await sidewaysOverflow(phone, "/login")).toBeNull();
    await phone.screenshot({ path: "/tmp/sso-login-375.png", fullPage: true });

    await tabTo(phone, campus);
    await phone.keyboard.press("Enter");
    await phone.waitForURL((url) => url.href.startsWith(`${cas.url}/login?service=`));
    await phone.locator("input[name=username]").fill("zhang.san");
    await phone.locator("input[name=password]").fill("campus-password");
    await phone.keyboard.press("Enter");
    await phone.waitForURL((url) => !url.href.startsWith(cas.url) && !url.pathname.startsWith("/auth/"));
    await settled(phone);
    // Signed in as the person whose 工号 CAS released: the header names them.
    const [counselor] = await query<{ name: string }>(`SELECT name FROM "User" WHERE username = 'counselor'`);
    await phone.getByText(counselor!.name).first().waitFor();
    expect(new URL(phone.url()).pathname).not.toBe("/login");

    // The admin's own way in still shows the password form, and is axe clean.
    const other = await newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    await openSignInPage(other, "/login?admin=1");
    await other.getByLabel("密码").waitFor();
    expect(await axeFindings(other, "/login?admin=1 @375")).toEqual([]);
  });

  it("an unknown 工号 gets a Chinese page that says so, axe clean, with a way back", async () => {
    await useCas("everyone");
    accounts.push({ user: "li.si", attributes: { employeeNumber: "T404404" } });
    const page = await newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    await openSignInPage(page, "/login");
    await page.getByRole("link", { name: "使用统一身份认证登录" }).click();
    await page.locator("input[name=username]").fill("li.si");
    await page.locator("input[name=password]").fill("campus-password");
    await page.keyboard.press("Enter");
    await page.getByText("未找到工号 T404404 对应的账号，请联系学工部为您开通。").waitFor();
    expect(await axeFindings(page, "unknown 工号 @375")).toEqual([]);
    await page.screenshot({ path: "/tmp/sso-unknown-375.png", fullPage: true });
    await page.getByRole("link", { name: "返回登录页" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
  });

  it("学工部's settings card: the addresses to register, env-free fields editable, axe clean at 375 px", async () => {
    await useCas("everyone");
    await undoChangesTo("AuditLog", { actorId: await userId("admin") });
    const phone = await newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    await signedInContext(phone.context(), "admin");
    await openPage(phone, "/admin/settings");
    await phone.getByRole("heading", { name: "统一身份认证" }).waitFor();
    await settled(phone);
    expect(await axeFindings(phone, "/admin/settings @375")).toEqual([]);
    expect(await sidewaysOverflow(phone, "/admin/settings")).toBeNull();
    await phone.getByText("/auth/cas/callback").first().waitFor();
    await phone.screenshot({ path: "/tmp/sso-settings-375.png", fullPage: true });
  });
});
