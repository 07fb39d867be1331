import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { trackContext } from "../support/e2e-database.ts";
import { axeFindings, crushedText, DESKTOP, listed, openPage, PERSONAS, PHONE, sidewaysOverflow, signedInContext, chromePages, studioSections } from "../support/page-audit.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function signedInPage(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: DESKTOP });
  trackContext(context);
  await signedInContext(context, username);
  return context.newPage();
}

/**
 * Each page loaded once at a laptop's width and checked with axe-core (WCAG 2.1 A/AA and best
 * practice, decision 056), then narrowed to a phone's and checked again, with its width and for
 * text crushed to a few characters a line (a table without the kit's card layout).
 */
async function audit(page: Page, who: string, paths: string[]) {
  const axe: string[] = [];
  const overflow: string[] = [];
  const crushed: string[] = [];
  for (const path of paths) {
    await page.setViewportSize(DESKTOP);
    await openPage(page, path);
    axe.push(...(await axeFindings(page, `${who} ${path} @${DESKTOP.width}`)));
    await page.setViewportSize(PHONE);
    axe.push(...(await axeFindings(page, `${who} ${path} @${PHONE.width}`)));
    crushed.push(...(await crushedText(page, `${who} ${path} @${PHONE.width}`)));
    const sideways = await sidewaysOverflow(page, `${who} ${path} @${PHONE.width}`);
    if (sideways) overflow.push(sideways);
  }
  expect(axe, `axe findings (page · impact · rule · element):${listed(axe)}`).toEqual([]);
  expect(overflow, `pages that scroll sideways at ${PHONE.width} px:${listed(overflow)}`).toEqual([]);
  expect(crushed, `text squeezed to a few characters a line at ${PHONE.width} px (a crushed table):${listed(crushed)}`).toEqual([]);
}

describe.each(PERSONAS)("every page of the main navigation and the header, as $who ($username)", ({ username, who }) => {
  it(`has no critical, serious or moderate axe finding at ${DESKTOP.width} and ${PHONE.width} px, no sideways scrolling and no crushed table on a phone`, async () => {
    const page = await signedInPage(username);
    const paths = await chromePages(page);
    // The home, the studios, the documents, the bell's page, one's profile and a search at least.
    expect(paths.length).toBeGreaterThanOrEqual(6);
    await audit(page, who, paths);
    await page.context().close();
  }, 300_000);
});

describe("every section of a studio, as its leader (who sees them all)", () => {
  it(`has no critical, serious or moderate axe finding at ${DESKTOP.width} and ${PHONE.width} px, no sideways scrolling and no crushed table on a phone`, async () => {
    const page = await signedInPage("leader");
    const paths = await studioSections(page);
    expect(paths.length).toBeGreaterThanOrEqual(10);
    await audit(page, "工作室负责人", paths);
    await page.context().close();
  }, 300_000);
});
