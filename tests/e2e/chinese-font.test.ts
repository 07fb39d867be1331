import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chineseGlyphDifference, DISTINCT_GLYPHS } from "../support/glyphs.ts";
import { launchBrowser, login, newPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The web-font slices a page downloaded. */
function fontRequests(page: Page): string[] {
  const fonts: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".woff2")) fonts.push(request.url());
  });
  return fonts;
}

describe("Chinese in a browser without Chinese system fonts", () => {
  it("is drawn as real glyphs from the app's own font, which downloads only the slices a page needs", async () => {
    const page = await newPage(browser);
    const fonts = fontRequests(page);
    await page.goto(`${baseUrl}/login`);
    await page.evaluate(() => document.fonts.ready.then(() => true));
    expect(await chineseGlyphDifference(page, page.getByRole("heading", { level: 1 }))).toBeGreaterThan(DISTINCT_GLYPHS);
    // The slices are chosen by unicode-range: a page's characters need a few of the ~100 files.
    expect(fonts.length).toBeLessThan(40);

    await login(page, baseUrl, "leader");
    await page.getByTestId("career-stage").waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => true));
    expect(await chineseGlyphDifference(page, page.getByRole("heading", { level: 1 }))).toBeGreaterThan(DISTINCT_GLYPHS);
    expect(await chineseGlyphDifference(page, page.getByRole("navigation").first())).toBeGreaterThan(DISTINCT_GLYPHS);
    await page.context().close();
  });

  it("is drawn as real glyphs in the dashboard's charts too", async () => {
    // Chart labels are small (12 px): a sharper screenshot keeps similar characters apart.
    const page = await newPage(browser, { deviceScaleFactor: 2 });
    // Drawn at once, not growing while the screenshot is taken.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await login(page, baseUrl, "admin");
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/dashboard`);
    const chart = page.getByTestId("echart").first();
    await chart.locator("svg text").first().waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => true));
    expect(await chineseGlyphDifference(page, chart)).toBeGreaterThan(DISTINCT_GLYPHS);
    await page.context().close();
  });
});
