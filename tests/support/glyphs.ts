import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { PNG } from "pngjs";

/**
 * Is Chinese drawn as real glyphs, or as the empty boxes ("tofu") a browser draws when no font
 * has them? Every box looks alike, while different characters look different: each character's
 * cell is shrunk to an 8×8 grid of ink and the cells are compared pairwise.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A character and where it is drawn. */
export interface CharacterRect extends Rect {
  char: string;
}

const GRID = 8;

/** The screen rectangle of every character of an element's text. */
export function characterRects(locator: Locator): Promise<CharacterRect[]> {
  return locator.evaluate((element) => {
    const rects: { char: string; x: number; y: number; width: number; height: number }[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      for (let i = 0; i < text.length; i++) {
        if (!/\p{Script=Han}/u.test(text[i]!)) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        rects.push({ char: text[i]!, x: box.x + window.scrollX, y: box.y + window.scrollY, width: box.width, height: box.height });
      }
    }
    return rects;
  });
}

/** Each rectangle of a full-page screenshot as an 8×8 grid of ink (0 = background, 1 = full). */
export async function inkGrids(page: Page, rects: Rect[]): Promise<number[][]> {
  const png = PNG.sync.read(await page.screenshot({ fullPage: true }));
  const scale = png.width / (await page.evaluate(() => document.documentElement.scrollWidth));
  return rects.map((rect) => {
    const grid = new Array<number>(GRID * GRID).fill(0);
    const counts = new Array<number>(GRID * GRID).fill(0);
    const x0 = Math.round(rect.x * scale);
    const y0 = Math.round(rect.y * scale);
    const w = Math.max(1, Math.round(rect.width * scale));
    const h = Math.max(1, Math.round(rect.height * scale));
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const px = x0 + x;
        const py = y0 + y;
        if (px < 0 || py < 0 || px >= png.width || py >= png.height) continue;
        const i = (py * png.width + px) * 4;
        const luminance = (0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!) / 255;
        const cell = Math.min(GRID - 1, Math.floor((y / h) * GRID)) * GRID + Math.min(GRID - 1, Math.floor((x / w) * GRID));
        grid[cell]! += 1 - luminance;
        counts[cell]! += 1;
      }
    }
    return grid.map((ink, cell) => (counts[cell] ? ink / counts[cell]! : 0));
  });
}

/**
 * The smallest difference between the grids of two different characters (mean absolute
 * difference, 0–1). Without `chars`, every pair counts.
 */
export function smallestGlyphDifference(grids: number[][], chars?: string[]): number {
  let smallest = Infinity;
  for (let a = 0; a < grids.length; a++) {
    for (let b = a + 1; b < grids.length; b++) {
      if (chars && chars[a] === chars[b]) continue;
      const difference = grids[a]!.reduce((sum, value, i) => sum + Math.abs(value - grids[b]![i]!), 0) / grids[a]!.length;
      smallest = Math.min(smallest, difference);
    }
  }
  return smallest;
}

/**
 * Missing-glyph boxes are drawn identically (difference 0, as is one character drawn twice); the
 * closest real pair seen, 主 and 生 in 12 px chart labels, differs by 0.02.
 */
export const DISTINCT_GLYPHS = 0.01;

export async function chineseGlyphDifference(page: Page, locator: Locator): Promise<number> {
  const rects = await characterRects(locator);
  if (new Set(rects.map((rect) => rect.char)).size < 2) throw new Error(`expected two different Chinese characters in ${String(locator)}`);
  return smallestGlyphDifference(await inkGrids(page, rects), rects.map((rect) => rect.char));
}

// ───────────────────────── PDF pages, rendered by pdf.js ─────────────────────────

const PDFJS_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "build");

/**
 * Draws the first page of a PDF in the page with pdf.js (from the fonts embedded in the PDF, not
 * the system's) and returns the rectangles of the characters of `text` on it.
 */
export async function renderPdfPage(page: Page, pdf: Buffer, text: string): Promise<CharacterRect[]> {
  await page.route("http://pdf.test/**", (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === "") return route.fulfill({ contentType: "text/html", body: "<!doctype html><body style='margin:0'></body>" });
    if (name === "document.pdf") return route.fulfill({ contentType: "application/pdf", body: pdf });
    return route.fulfill({ contentType: "text/javascript", body: fs.readFileSync(path.join(PDFJS_DIR, path.basename(name))) });
  });
  await page.goto("http://pdf.test/");
  // A module script, not import() inside evaluate (which the test runner's transform rewrites).
  await page.addScriptTag({ type: "module", content: "import * as pdfjs from 'http://pdf.test/pdf.mjs'; window.pdfjs = pdfjs;" });
  await page.waitForFunction(() => "pdfjs" in window);
  return page.evaluate(async (wanted) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pdfjs = (window as any).pdfjs;
    pdfjs.GlobalWorkerOptions.workerSrc = "http://pdf.test/pdf.worker.mjs";
    const documentProxy = await pdfjs.getDocument("http://pdf.test/document.pdf").promise;
    const first = await documentProxy.getPage(1);
    const viewport = first.getViewport({ scale: 2 });
    const canvas = document.createElement("canvas");
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    canvas.style.display = "block";
    document.body.append(canvas);
    await first.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
    // Every character with its rectangle; Chinese characters are full-width, so an item's
    // advance is shared equally between its characters.
    const content = await first.getTextContent();
    const characters: { char: string; rect: { x: number; y: number; width: number; height: number } }[] = [];
    for (const item of content.items as { str?: string; transform: number[]; width: number }[]) {
      if (!item.str) continue;
      const [, , c, d, e, f] = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
      const height = Math.hypot(c!, d!);
      const advance = (item.width * viewport.scale) / item.str.length;
      [...item.str].forEach((char, i) => characters.push({ char, rect: { x: e! + i * advance, y: f! - height, width: advance, height } }));
    }
    const all = characters.map((entry) => entry.char).join("");
    const start = all.indexOf(wanted);
    if (start < 0) throw new Error(`"${wanted}" is not on the first page: ${all}`);
    return characters.slice(start, start + wanted.length).map((entry) => ({ char: entry.char, ...entry.rect }));
  }, text);
}

/** The smallest difference between different characters of `text` as drawn on the PDF's first page. */
export async function pdfGlyphDifference(page: Page, pdf: Buffer, text: string): Promise<number> {
  const rects = await renderPdfPage(page, pdf, text);
  return smallestGlyphDifference(await inkGrids(page, rects), rects.map((rect) => rect.char));
}
