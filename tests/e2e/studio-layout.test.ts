import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const STUDIO = "“心晴”心理健康教育辅导员工作室";
const APP = "辅导员工作室协同平台";
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The studio's section tabs, and the one marked as the current page. */
const tabs = (page: Page) => page.getByRole("navigation", { name: "工作室栏目" });
const currentTab = (page: Page) => tabs(page).locator('[aria-current="page"]');

async function openStudio(page: Page, username: string) {
  await login(page, baseUrl, username);
  await page.getByRole("link", { name: "工作室", exact: true }).waitFor();
  await page.goto(`${baseUrl}/studios?q=心晴`);
  await page.getByRole("link", { name: STUDIO, exact: true }).first().click();
  await page.getByRole("heading", { level: 1, name: STUDIO, exact: true }).waitFor();
}

describe("every page of a studio sits under its header and tabs", () => {
  it("the documents, import and mentor-preferences pages show the studio's tabs with theirs marked, and their titles name the studio", async () => {
    const page = await newPage(browser);
    await openStudio(page, "leader");
    await expect.poll(() => page.title()).toBe(`${STUDIO} · ${APP}`);
    await expect(currentTab(page).innerText()).resolves.toBe("概况");

    await tabs(page).getByRole("link", { name: "文档", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "工作室文档" }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/studios\/[^/]+\/documents$/);
    await expect(currentTab(page).innerText()).resolves.toBe("文档");
    await expect(currentTab(page).count()).resolves.toBe(1);
    await expect.poll(() => page.title()).toBe(`工作室文档 · ${STUDIO} · ${APP}`);
    // The studio's name is a link back to its overview, not a second page heading.
    await expect(page.getByRole("heading", { level: 1 }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: STUDIO, exact: true }).count()).resolves.toBe(1);

    await page.getByRole("link", { name: "导入 Word 或 Markdown" }).click();
    await page.getByRole("heading", { level: 1, name: "导入 Word 或 Markdown" }).waitFor();
    await expect(currentTab(page).innerText()).resolves.toBe("文档");
    await expect.poll(() => page.title()).toBe(`导入 Word 或 Markdown · ${STUDIO} · ${APP}`);

    await tabs(page).getByRole("link", { name: "意向导师", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `${STUDIO} · 意向导师` }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/studios\/[^/]+\/mentor-preferences$/);
    await expect(currentTab(page).innerText()).resolves.toBe("意向导师");
    await expect.poll(() => page.title()).toBe(`意向导师 · ${STUDIO} · ${APP}`);

    await page.getByRole("link", { name: STUDIO, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: STUDIO, exact: true }).waitFor();
    await expect(currentTab(page).innerText()).resolves.toBe("概况");
    await page.context().close();
  });

  it("a counselor outside the studio is offered neither its documents nor its preferred mentors", async () => {
    const page = await newPage(browser);
    await openStudio(page, "counselor");
    await tabs(page).getByRole("link", { name: "成果", exact: true }).waitFor();
    await expect(tabs(page).getByRole("link", { name: "文档", exact: true }).count()).resolves.toBe(0);
    await expect(tabs(page).getByRole("link", { name: "意向导师", exact: true }).count()).resolves.toBe(0);
    await page.context().close();
  });
});
