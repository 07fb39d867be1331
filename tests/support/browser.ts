import { type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { inject } from "vitest";
import { launchChromium } from "~/infra/chromium.server.ts";
import { trackContext } from "./e2e-database.ts";

export const DEMO_PASSWORD = "Fudao@2026";

/** The browser the e2e set-up found (CHROMIUM_PATH, the system's, or the one npm installed). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium({}, inject("chromium"));
}

/** A page in a context of its own; closed after the test, and whoever signs in there signed out. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", ...options });
  trackContext(context);
  return context.newPage();
}

export async function login(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("工号").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** A new page (its own context) signed in as `username`, past the sign-in page. */
export async function signedInPage(browser: Browser, baseUrl: string, username: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(browser, options);
  await login(page, baseUrl, username);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

/**
 * Waits until the app has hydrated and shows what the address bar asks for, with no navigation or
 * revalidation under way (app/root.tsx marks the address it has rendered). A click before that may
 * reach a page that is about to be replaced, or be handled without JavaScript.
 */
export async function settled(page: Page) {
  await page.waitForFunction(() => {
    const router = (window as { __remixRouter?: { state: { navigation: { state: string }; revalidation: string } } }).__remixRouter;
    const here = window.location.pathname + window.location.search;
    return document.documentElement.dataset.rendered === here && router?.state.navigation.state === "idle" && router.state.revalidation === "idle";
  });
}
