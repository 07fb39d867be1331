import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { characterRects, chineseGlyphDifference, DISTINCT_GLYPHS, inkGrids, pdfGlyphDifference, smallestGlyphDifference } from "../../tests/support/glyphs.ts";
import { bundledChromium, ChromiumNotFoundError, findChromium, launchChromium, systemChromium } from "./chromium.server.ts";

const run = promisify(execFile);
const FONT_DIR = path.dirname(createRequire(import.meta.url).resolve("@fontsource-variable/noto-sans-sc/package.json"));

/** A page that brings its own Chinese web font, as the app and the PDF export do. */
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<link rel="stylesheet" href="http://fonts.test/index.css">
<style>body{font-family:"Noto Sans SC Variable",sans-serif;margin:24px} h1{font-size:40px}</style></head>
<body><h1 id="distinct">辅导员工作室协同平台</h1><h1 id="same">一一一一</h1></body></html>`;

async function openChinesePage(browser: Browser) {
  const page = await browser.newPage();
  await page.route("http://fonts.test/**", (route) => {
    const file = path.join(FONT_DIR, new URL(route.request().url()).pathname);
    return route.fulfill({ path: file, contentType: file.endsWith(".css") ? "text/css" : "font/woff2" });
  });
  await page.route("http://page.test/", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: PAGE }));
  await page.goto("http://page.test/");
  await page.evaluate(() => document.fonts.ready.then(() => true));
  return page;
}

describe("the Chromium that ships with npm", () => {
  let browser: Browser;
  beforeAll(async () => {
    // Always the package's own browser, even where a system Chromium would be found first.
    browser = await launchChromium({}, await bundledChromium());
  }, 120_000);
  afterAll(() => browser?.close());

  it("draws Chinese from the page's web font as real glyphs", { timeout: 60_000 }, async () => {
    const page = await openChinesePage(browser);
    expect(await chineseGlyphDifference(page, page.locator("#distinct"))).toBeGreaterThan(DISTINCT_GLYPHS);
    // The measure itself: one character repeated (what missing-glyph boxes look like) does not pass.
    const repeated = await characterRects(page.locator("#same"));
    expect(smallestGlyphDifference(await inkGrids(page, repeated))).toBeLessThan(DISTINCT_GLYPHS);
  });

  it("prints a PDF whose Chinese is drawn from the embedded font", { timeout: 60_000 }, async () => {
    const page = await openChinesePage(browser);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await pdfGlyphDifference(await browser.newPage(), pdf, "辅导员工作室协同平台")).toBeGreaterThan(DISTINCT_GLYPHS);
  });
});

describe("finding a browser", () => {
  it("honours CHROMIUM_PATH, and names it when it does not exist", { timeout: 60_000 }, async () => {
    const bundled = await bundledChromium();
    await expect(findChromium({ CHROMIUM_PATH: bundled.executablePath })).resolves.toMatchObject({
      executablePath: bundled.executablePath,
      source: "configured",
    });
    const missing = path.join(os.tmpdir(), "no-such-dir", "chromium");
    const refusal = findChromium({ CHROMIUM_PATH: missing });
    await expect(refusal).rejects.toBeInstanceOf(ChromiumNotFoundError);
    await expect(refusal).rejects.toThrow(missing);
  });

  it("takes the system's browser when there is one, else the package's", async () => {
    const found = await findChromium({});
    const system = systemChromium();
    expect(found).toMatchObject(system ? { executablePath: system, source: "system" } : { source: "bundled" });
  });

  it("unpacks safely when several processes start at once", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-race-"));
    try {
      const script = `import { bundledChromium } from ${JSON.stringify(path.resolve("app/infra/chromium.server.ts"))};
        const found = await bundledChromium(); console.log(found.executablePath);`;
      const starts = Array.from({ length: 3 }, () =>
        run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, TMPDIR: tmp } }),
      );
      const paths = (await Promise.all(starts)).map((result) => result.stdout.trim());
      expect(new Set(paths).size).toBe(1);
      const { stdout } = await run(paths[0]!, ["--version"]);
      expect(stdout).toMatch(/Chrom/);
      // Nothing half-unpacked is left beside the one complete copy.
      expect(fs.readdirSync(tmp).filter((name) => name.startsWith("fudao-chromium-"))).toHaveLength(1);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});
