import { createRequire } from "node:module";
import fs from "node:fs";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { inject } from "vitest";
import { languageCookie } from "~/i18n/i18n.server.ts";
import { idOf, signIn } from "./e2e-database.ts";

/**
 * What the accessibility and phone-width tests walk: every page of the main navigation a person
 * sees, the pages the header links to, and the sections of one studio — each in one signed-in
 * browser context per person, so a walk costs page loads and no logins.
 */

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

/** The five kinds of people of the issue: 学工部, college admin, studio leader, counselor, mentor. */
export const PERSONAS = [
  { username: "admin", who: "学工部" },
  { username: "college", who: "学院管理员" },
  { username: "leader", who: "工作室负责人" },
  { username: "counselor", who: "辅导员" },
  { username: "mentor", who: "导师" },
] as const;

/** The demo studio every persona can open (its leader is the demo account "leader"). */
export const DEMO_STUDIO = "“心晴”心理健康教育辅导员工作室";

/** A context signed in as `username` over HTTP (signed out after the file or test that made it). */
export async function signedInContext(context: BrowserContext, username: string, language: "zh-CN" | "en" = "zh-CN"): Promise<void> {
  const url = inject("baseUrl");
  const [name, value] = (await signIn(username)).split("=") as [string, string];
  const cookies = [{ name, value, url }];
  if (language !== "zh-CN") {
    const [lngName, lngValue] = (await languageCookie.serialize(language)).split(";")[0]!.split("=") as [string, string];
    cookies.push({ name: lngName, value: lngValue, url });
  }
  await context.addCookies(cookies);
}

/** Opens a page and waits until it is hydrated and live (the header's connection dot is green). */
export async function openPage(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${inject("baseUrl")}${path}`);
  if (!response || response.status() >= 400) throw new Error(`${path} answered ${response?.status()}`);
  await page
    .getByRole("status", { name: /^(实时连接正常|Live connection OK)$/ })
    .waitFor()
    .catch((error: Error) => {
      throw new Error(`${path} never connected: ${error.message}`);
    });
  await page.evaluate(() => document.fonts.ready.then(() => true));
}

/** Paths of the links in `links` (hrefs without their query). */
const pathsOf = (links: Locator) => links.evaluateAll((all) => all.map((link) => new URL((link as HTMLAnchorElement).href).pathname));

/**
 * The paths a person reaches from the chrome: every link of the main navigation they see, the
 * header's links (the bell's page, their profile) and a search.
 */
export async function chromePages(page: Page): Promise<string[]> {
  await openPage(page, "/");
  const nav = await pathsOf(page.getByRole("navigation", { name: "主导航" }).getByRole("link"));
  const header = await pathsOf(page.getByRole("banner").getByRole("link"));
  return [...new Set([...nav, ...header, "/search?q=工作室"])];
}

/** The demo studio's sections (its tabs) as this person sees them. */
export async function studioSections(page: Page): Promise<string[]> {
  await openPage(page, `/studios/${await idOf("Studio", { name: DEMO_STUDIO })}`);
  return pathsOf(page.getByRole("navigation", { name: "工作室栏目" }).getByRole("link"));
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.1 A and AA, and axe's best practices (decision 056). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const COUNTED_IMPACTS = new Set(["critical", "serious", "moderate"]);

interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * axe-core run in the page (evaluated, so the page's Content-Security-Policy does not apply to it);
 * returns one line per critical, serious or moderate violation and element: page, rule, target.
 */
export async function axeFindings(page: Page, where: string): Promise<string[]> {
  const violations = await page.evaluate(
    async ({ source, tags }) => {
      if (!(window as unknown as { axe?: unknown }).axe) (0, eval)(source);
      const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
      const result = await axe.run(document, {
        runOnly: { type: "tag", values: tags },
        // Accessible names that start with (contain) the visible text, WCAG 2.5.3; axe marks it experimental.
        rules: { "label-content-name-mismatch": { enabled: true } },
        resultTypes: ["violations"],
      });
      return result.violations;
    },
    { source: AXE_SOURCE, tags: AXE_TAGS },
  );
  return (violations as AxeFinding[])
    .filter((violation) => COUNTED_IMPACTS.has(violation.impact ?? ""))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${where} · ${violation.impact} · ${violation.id} (${violation.help}) · ${JSON.stringify(node.target)}${node.failureSummary ? ` · ${node.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""}`,
      ),
    );
}

/**
 * Sideways scrolling of the whole page: null when the page fits its width, else the width and
 * the elements that reach past the right edge (the deepest ones, which are what to fix).
 */
export async function sidewaysOverflow(page: Page, where: string): Promise<string | null> {
  const found = await page.evaluate(() => {
    const root = document.scrollingElement!;
    if (root.scrollWidth <= root.clientWidth) return null;
    const edge = root.clientWidth;
    const culprits: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const rect = element.getBoundingClientRect();
      if (rect.right <= edge + 0.5 || rect.width === 0) continue;
      // Inside a row that scrolls by itself, an element past the edge is expected.
      let parent = element.parentElement;
      let clipped = false;
      while (parent && parent !== document.body) {
        const overflowX = getComputedStyle(parent).overflowX;
        if (overflowX !== "visible" && parent.getBoundingClientRect().right <= edge + 0.5) {
          clipped = true;
          break;
        }
        parent = parent.parentElement;
      }
      if (clipped) continue;
      if (Array.from(element.children).some((child) => child.getBoundingClientRect().right > edge + 0.5)) continue;
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${typeof element.className === "string" && element.className ? `.${element.className.trim().split(/\s+/).slice(0, 3).join(".")}` : ""}`;
      culprits.push(`${name} “${(element.textContent ?? "").trim().slice(0, 20)}” right=${Math.round(rect.right)}`);
      if (culprits.length >= 5) break;
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
  if (!found) return null;
  return `${where} · ${found.scrollWidth}px wide in ${found.clientWidth}px · ${found.culprits.join("; ")}`;
}

/** Each finding on its own line, or "none", for an assertion message that says what to fix. */
export const listed = (findings: string[]) => (findings.length ? `\n${findings.join("\n")}` : "none");

/**
 * Text squeezed into a column too narrow for it (a table crushed to one character per line): every
 * piece of text in the page's main region that wraps onto several lines in a box (cell, card
 * field, button) less than three characters wide (3 × its font size). Text that wraps at the end
 * of a wide paragraph's line is not crushed. Returns one line per piece: page, where it sits, its
 * text, its lines and the box's width, so it says what to fix.
 */
export async function crushedText(page: Page, where: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const main = document.querySelector("main") ?? document.body;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const crushed: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").trim();
      if (text.length < 2) continue;
      const parent = node.parentElement!;
      const style = getComputedStyle(parent);
      // Text that is not shown (screen-reader only, clipped to nothing) takes no room on screen.
      if (parent.closest(".sr-only") || parent.getClientRects().length === 0) continue;
      range.selectNodeContents(node);
      const rects = Array.from(range.getClientRects()).filter((rect) => rect.width > 0);
      const lines = new Set(rects.map((rect) => Math.round(rect.top))).size;
      if (lines < 2) continue;
      // The box its lines are laid out in: the nearest element that is not itself inline.
      let box: Element = parent;
      while (getComputedStyle(box).display === "inline" && box.parentElement) box = box.parentElement;
      const boxStyle = getComputedStyle(box);
      const room = box.clientWidth - parseFloat(boxStyle.paddingLeft) - parseFloat(boxStyle.paddingRight);
      const fontSize = parseFloat(style.fontSize);
      if (room < 3 * fontSize) {
        const cell = parent.closest("td, th, li, dd, dt");
        const column = cell?.getAttribute("data-label") ?? "";
        crushed.push(`${parent.tagName.toLowerCase()}${column ? `[${column}]` : ""} “${text.slice(0, 24)}” · ${lines} lines in ${Math.round(room)}px (font ${fontSize}px)`);
      }
    }
    return crushed;
  });
  return found.map((line) => `${where} · ${line}`);
}

/**
 * Chinese text in the main region of an English page that is not inside an element marked
 * `lang="zh-CN"` (decision 056: people's Chinese names and titles carry their language). Returns
 * one line per piece of text: page, the element it sits in, the text.
 */
export async function unmarkedChinese(page: Page, where: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const han = /\p{Script=Han}/u;
    const main = document.querySelector("main") ?? document.body;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const unmarked: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").trim();
      if (!han.test(text)) continue;
      const parent = node.parentElement!;
      if (parent.closest("[lang]")?.getAttribute("lang") === "zh-CN") continue;
      unmarked.push(`${parent.tagName.toLowerCase()} “${text.slice(0, 30)}”`);
    }
    return unmarked;
  });
  return found.map((line) => `${where} · ${line}`);
}
