import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { chartsDrawn, chartState } from "../support/charts.ts";
import { idOf, trackContext } from "../support/e2e-database.ts";
import { chineseGlyphDifference, DISTINCT_GLYPHS } from "../support/glyphs.ts";
import { axeFindings, DESKTOP, listed, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

/**
 * The camp's results in the real browser, on the demo data (last year's released camp of the seed,
 * app/camp/release/seed.server.ts): the demo counselor opens her results — scores, the radar drawn
 * in the app's Chinese font with its labels inside the chart, her weak 校园危机事件应对 and a course
 * for it — and 学工部 opens the camp's ranking; at 1280 and 375 px, axe clean, nothing scrolls
 * sideways. Only pages are read: nothing is changed.
 */
const CAMP = "seed-camp-last-year";
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function signedInPage(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: DESKTOP, deviceScaleFactor: 2, reducedMotion: "reduce" });
  trackContext(context);
  await signedInContext(context, username);
  return context.newPage();
}

async function audit(page: Page, path: string, where: string, charts = 0) {
  const findings: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await openPage(page, path);
    if (charts) {
      await chartsDrawn(page, charts);
      const state = await chartState(page);
      expect(state.drawn, `${where} @${viewport.width}: charts drawn`).toBe(charts);
      expect(state.outside, `${where} @${viewport.width}: chart labels outside the chart`).toEqual([]);
    }
    findings.push(...(await axeFindings(page, `${where} @${viewport.width}`)));
    const sideways = await sidewaysOverflow(page, `${where} @${viewport.width}`);
    if (sideways) findings.push(sideways);
  }
  expect(findings, `findings:${listed(findings)}`).toEqual([]);
}

describe("camp results", () => {
  it("the demo counselor sees her scores, her radar against her stage, her weak duty and a course for it", async () => {
    const page = await signedInPage("counselor");
    const me = await idOf("User", { username: "counselor" });
    await audit(page, `/camp/${CAMP}/results/${me}`, "辅导员 训练营成绩", 1);
    await page.getByRole("heading", { level: 1, name: /的训练营成绩$/ }).waitFor();
    // Each round has a score; the radar names the nine duties in Chinese glyphs of the app's font.
    const rounds = page.getByRole("table", { name: "各环节得分" });
    for (const round of ["基础知识测试", "人物辨识", "案例研讨", "谈心谈话"]) await rounds.getByText(round).waitFor();
    const chart = page.getByTestId("echart");
    // Its figures are also a table beside it (ECharts' own aria description replaces the chart's label).
    await page.getByRole("table", { name: "九项职责得分率（你）与同阶段中位数的对比" }).waitFor();
    await page.setViewportSize(DESKTOP);
    await chartsDrawn(page, 1);
    expect(await chart.locator("svg text").allTextContents()).toEqual(expect.arrayContaining(["校园危机事件应对", "本人", "同阶段中位数"]));
    expect(await chineseGlyphDifference(page, chart)).toBeGreaterThan(DISTINCT_GLYPHS);
    await page.getByText(/^「校园危机事件应对」：/).waitFor();
    const course = page.getByRole("region", { name: "推荐培训" }).getByRole("link").first();
    await course.waitFor();
    expect(await page.getByText("训练营中「校园危机事件应对」得分低于同阶段中位数").count()).toBeGreaterThan(0);
    // Another participant's results are not hers to see.
    const other = await idOf("User", { username: "backbone" });
    const response = await page.goto(`${(await page.evaluate(() => location.origin))}/camp/${CAMP}/results/${other}`);
    expect(response?.status()).toBe(403);
    await page.context().close();
  }, 240_000);

  it("学工部 sees the camp's ranking, distributions, weakest duties and judges", async () => {
    const page = await signedInPage("admin");
    await audit(page, `/camp/${CAMP}/results`, "学工部 训练营成绩");
    await page.getByRole("heading", { level: 1, name: "训练营成绩" }).waitFor();
    expect(await page.getByRole("table", { name: "排名" }).getByRole("row").count()).toBeGreaterThan(10);
    await page.getByRole("table", { name: "全校薄弱职责" }).waitFor();
    await page.getByRole("link", { name: "下载训练营报告（Word）" }).waitFor();
    await page.context().close();
  }, 240_000);
});
