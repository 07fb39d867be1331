import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { undoChangesTo } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("signing in", () => {
  it("shows the demo counselor's home page with their career stage", async () => {
    // Seeded: 王小雨 is in no studio (join-studio.test.ts takes her application back after it).
    const page = await newPage(browser);
    await login(page, baseUrl, "counselor");
    await page.getByRole("heading", { level: 1, name: "王小雨，您好" }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/`);
    await expect(page.getByTestId("career-stage").textContent()).resolves.toBe("初任期");
    await expect(page.getByText("培养计划：新任辅导员基础能力提升计划").isVisible()).resolves.toBe(true);
    await expect(page.getByText("阶段目标：工作适应").isVisible()).resolves.toBe(true);
    await expect(page.getByText("您还没有加入任何工作室。").isVisible()).resolves.toBe(true);
    await expect(page.title()).resolves.toContain("首页");
    await page.context().close();
  });

  it("tells the person in Chinese when the password is wrong and keeps them on the login page", async () => {
    const page = await newPage(browser);
    await login(page, baseUrl, "counselor", "not-the-password");
    await page.getByRole("alert").filter({ hasText: "工号或密码不正确。" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    await expect(page.getByLabel("工号").inputValue()).resolves.toBe("counselor");
    await expect(page.getByLabel("密码").inputValue()).resolves.toBe("");
    await page.context().close();
  });

  it("validates on the server when JavaScript is off: empty fields get Chinese messages", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("请输入工号。").waitFor();
    await expect(page.getByText("请输入密码。").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("工号").getAttribute("aria-invalid")).resolves.toBe("true");
    // And a plain form post signs in too (progressive enhancement).
    await page.getByLabel("工号").fill("leader");
    await page.getByLabel("密码").fill("Fudao@2026");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByTestId("career-stage").filter({ hasText: "成熟期" }).waitFor();
    await page.context().close();
  });

  it("returns to the page that asked for a login, and signs out", async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/?from=bookmark`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("工号").fill("admin");
    await page.getByLabel("密码").fill("Fudao@2026");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { name: "全校概况" }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/?from=bookmark`);

    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });
});

describe("app shell", () => {
  it("connects the live channel (socket.io) for a signed-in person", async () => {
    const page = await newPage(browser);
    await login(page, baseUrl, "backbone");
    await page.getByRole("status", { name: "实时连接正常" }).waitFor();
    await page.context().close();
  });

  it("switches the interface to English and back", async () => {
    // The choice is kept on the person (User.locale): put back afterwards.
    await undoChangesTo("User", { username: "leader" });
    const page = await newPage(browser);
    await login(page, baseUrl, "leader");
    await page.getByRole("heading", { name: "张明华，您好" }).waitFor();
    await page.getByRole("button", { name: /English/ }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByTestId("career-stage").filter({ hasText: "Expert" }).waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await page.getByRole("button", { name: /简体中文/ }).click();
    await page.getByRole("button", { name: "退出登录" }).waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
    await page.context().close();
  });

  it("answers an unknown address with a Chinese 404 page", async () => {
    const page = await newPage(browser);
    const response = await page.goto(`${baseUrl}/no/such/page`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: "返回首页" }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("reports health as JSON", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ db: "ok", search: "ok", version: "0.1.0" });
  });
});
