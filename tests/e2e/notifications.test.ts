import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { undoChangesTo, userId } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("notification inbox", () => {
  it("shows the unread count, opens a notification and marks it read", async () => {
    // Seeded: 孙颖 (external) has one notice, unread; it is marked unread again afterwards.
    await undoChangesTo("Notification", { userId: await userId("external") });
    const page = await newPage(browser);
    await login(page, baseUrl, "external");
    await page.getByRole("link", { name: "1 条未读通知" }).waitFor();
    await page.getByRole("link", { name: "1 条未读通知" }).click();
    await page.getByRole("heading", { name: "通知" }).waitFor();
    await page.getByText("欢迎使用辅导员工作室协同平台，孙颖！").waitFor();
    await page.getByRole("button", { name: "查看" }).first().click();
    await page.getByRole("link", { name: "通知（没有未读）" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await page.context().close();
  });
});
