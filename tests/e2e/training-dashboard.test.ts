import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { idOf, trackContext } from "../support/e2e-database.ts";
import { axeFindings, DEMO_STUDIO, DESKTOP, listed, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";
import { chartsDrawn, chartState } from "../support/charts.ts";

/**
 * The training dashboard, the compliance list and a studio's 培训进度 tab in the real browser, on the
 * demo university: at 1280 px and 375 px no axe finding and no sideways scrolling, and the charts
 * are drawn (ECharts' SVG inside each chart) with labels that stay inside the chart.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function signedInPage(username: string, language: "zh-CN" | "en" = "zh-CN"): Promise<Page> {
  const context = await browser.newContext({ locale: language, viewport: DESKTOP });
  trackContext(context);
  await signedInContext(context, username, language);
  return context.newPage();
}


async function check(page: Page, path: string, where: string, options: { charts?: number } = {}) {
  const findings: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await openPage(page, path);
    if (options.charts) {
      await chartsDrawn(page, options.charts);
      const state = await chartState(page);
      expect(state.drawn, `${where} @${viewport.width}: charts drawn`).toBe(state.charts);
      expect(state.charts).toBeGreaterThanOrEqual(options.charts);
      expect(state.outside, `${where} @${viewport.width}: chart labels outside the chart`).toEqual([]);
    }
    findings.push(...(await axeFindings(page, `${where} @${viewport.width}`)));
    const sideways = await sidewaysOverflow(page, `${where} @${viewport.width}`);
    if (sideways) findings.push(sideways);
  }
  expect(findings, `findings:${listed(findings)}`).toEqual([]);
}

describe("the training dashboard and the compliance list", () => {
  it("学工部 opens the dashboard at 1280 and 375 px, in Chinese and English: charts drawn, axe clean, no sideways scroll", async () => {
    const page = await signedInPage("admin");
    await check(page, "/training/dashboard", "学工部 /training/dashboard", { charts: 4 });
    await page.getByRole("heading", { level: 1, name: "培训看板" }).waitFor();
    // Each chart's numbers are a table behind "图表数据": the stage chart's has its four stages.
    await page.getByRole("region", { name: "按职业阶段" }).getByText("图表数据").click();
    const table = page.getByRole("table", { name: "按职业阶段" });
    await table.waitFor();
    expect(await table.getByRole("row").count()).toBe(5);
    await page.context().close();
    const english = await signedInPage("admin", "en");
    await check(english, "/training/dashboard", "admin (en) /training/dashboard", { charts: 4 });
    await english.context().close();
  }, 240_000);

  it("a college admin opens their college's dashboard and the compliance list", async () => {
    const page = await signedInPage("college");
    await check(page, "/training/dashboard", "学院管理员 /training/dashboard", { charts: 3 });
    await check(page, "/training/compliance", "学院管理员 /training/compliance");
    await page.getByRole("heading", { level: 1, name: "培训合规名单" }).waitFor();
    await page.context().close();
  }, 240_000);

  it("a studio leader opens the 培训进度 tab of their studio", async () => {
    const page = await signedInPage("leader");
    const studioId = await idOf("Studio", { name: DEMO_STUDIO });
    await openPage(page, `/studios/${studioId}`);
    await page.getByRole("navigation", { name: "工作室栏目" }).getByRole("link", { name: "培训进度" }).click();
    await page.getByRole("heading", { level: 1, name: "培训进度" }).waitFor();
    await check(page, `/studios/${studioId}/training`, "工作室负责人 培训进度");
    await page.context().close();
  }, 240_000);
});
