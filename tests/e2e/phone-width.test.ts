import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { idOf, trackContext } from "../support/e2e-database.ts";
import { DEMO_STUDIO, DESKTOP, listed, openPage, PERSONAS, PHONE, sidewaysOverflow, signedInContext, studioSections } from "../support/page-audit.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function signedInPage(username: string, viewport = PHONE, language: "zh-CN" | "en" = "zh-CN"): Promise<Page> {
  const context = await browser.newContext({ locale: language, viewport });
  trackContext(context);
  await signedInContext(context, username, language);
  return context.newPage();
}

/** How a row of links shows itself: whether it fades out at an edge, and where the current link sits. */
async function rowState(row: Locator) {
  return row.evaluate((nav) => {
    const box = nav.getBoundingClientRect();
    const current = nav.querySelector('[aria-current="page"]')?.getBoundingClientRect();
    return {
      scrolls: nav.scrollWidth > nav.clientWidth,
      fades: getComputedStyle(nav).maskImage !== "none",
      currentInView: current ? current.left >= box.left - 0.5 && current.right <= box.right + 0.5 : null,
    };
  });
}

describe(`a phone (${PHONE.width} px wide)`, () => {
  it.each(PERSONAS)("never scrolls sideways on the studio's sections, as $who ($username)", async ({ username, who }) => {
    const page = await signedInPage(username);
    const overflow: string[] = [];
    for (const path of await studioSections(page)) {
      await openPage(page, path);
      const sideways = await sidewaysOverflow(page, `${who} ${path}`);
      if (sideways) overflow.push(sideways);
    }
    expect(overflow, `pages that scroll sideways:${listed(overflow)}`).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("shows that the main navigation and the studio's tabs scroll, and keeps the current one in view", async () => {
    const page = await signedInPage("admin");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await openPage(page, "/");
    await expect(rowState(nav)).resolves.toEqual({ scrolls: true, fades: true, currentInView: true });
    // The last item of the school's menu: brought into view, not cut to its first characters.
    await openPage(page, "/admin/settings");
    await expect(rowState(nav)).resolves.toEqual({ scrolls: true, fades: true, currentInView: true });
    expect(await nav.getByRole("link", { name: "学校设置" }).getAttribute("aria-current")).toBe("page");

    const tabs = page.getByRole("navigation", { name: "工作室栏目" });
    const studio = `/studios/${await idOf("Studio", { name: DEMO_STUDIO })}`;
    await openPage(page, `${studio}/edit`);
    await expect(rowState(tabs)).resolves.toEqual({ scrolls: true, fades: true, currentInView: true });
    await openPage(page, `${studio}/documents`);
    await expect(rowState(tabs)).resolves.toEqual({ scrolls: true, fades: true, currentInView: true });

    // Where everything fits, nothing fades.
    await page.setViewportSize(DESKTOP);
    await expect.poll(() => rowState(tabs)).toEqual({ scrolls: false, fades: false, currentInView: true });
    await page.context().close();
  });

  it("shows the header search's whole placeholder, in Chinese and in English", async () => {
    for (const language of ["zh-CN", "en"] as const) {
      const page = await signedInPage("leader", PHONE, language);
      await openPage(page, "/");
      const box = page.getByRole("combobox", { name: language === "en" ? "Search everything" : "全站搜索" });
      const fit = await box.evaluate((input: HTMLInputElement) => {
        const style = getComputedStyle(input);
        const context = document.createElement("canvas").getContext("2d")!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { placeholder: input.placeholder, text: Math.ceil(context.measureText(input.placeholder).width), room };
      });
      expect(fit.placeholder.length, language).toBeGreaterThan(5);
      expect(fit.text, `${language}: “${fit.placeholder}” needs ${fit.text}px, has ${fit.room}px`).toBeLessThanOrEqual(fit.room);
      await page.context().close();
    }
  });
});

describe("in English", () => {
  it("titles pages in English and marks people's Chinese text as Chinese", async () => {
    const page = await signedInPage("leader", DESKTOP, "en");
    const han = /\p{Script=Han}/u;
    const studio = `/studios/${await idOf("Studio", { name: DEMO_STUDIO })}`;
    await openPage(page, "/studios");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.title()).toBe("Counselor studios · Counselor Studio Workspace");

    await openPage(page, `${studio}/team`);
    // The studio's name is people's text; the rest of the title is the interface's.
    const title = await page.title();
    expect(title.startsWith("Team · ") && title.endsWith(" · Counselor Studio Workspace"), title).toBe(true);
    expect(title.replace(DEMO_STUDIO, "")).not.toMatch(han);
    expect(await page.getByRole("link", { name: DEMO_STUDIO, exact: true }).getAttribute("lang")).toBe("zh-CN");
    const profile = page.getByRole("banner").getByRole("link", { name: /\(leader\)$/ });
    expect(await profile.locator("[lang]").first().getAttribute("lang")).toBe("zh-CN");
    expect(await profile.locator("[lang]").first().innerText()).toMatch(han);
    // The interface's own words are not marked.
    expect(await page.getByRole("navigation", { name: "Studio sections" }).locator("[lang]").count()).toBe(0);

    await openPage(page, studio);
    expect(await page.getByRole("heading", { level: 1, name: DEMO_STUDIO }).getAttribute("lang")).toBe("zh-CN");

    // Suggestions of the header search: a studio's title is Chinese text in an English list.
    await page.getByRole("combobox", { name: "Search everything" }).fill("心晴");
    const suggestion = page.getByRole("option").filter({ hasText: "心晴" }).first();
    await suggestion.waitFor();
    expect(await suggestion.locator('[lang="zh-CN"]').first().innerText()).toContain("心晴");

    // A page that does not exist says so in English, in its title too.
    await page.goto(`${page.url().split("/studios")[0]}/studios/00000000-0000-0000-0000-000000000000`);
    expect(await page.title()).toBe("Page not found · Counselor Studio Workspace");
    await page.context().close();
  }, 120_000);

  it("titles a mentor's own page in English", async () => {
    const page = await signedInPage("mentor", DESKTOP, "en");
    await openPage(page, "/mentoring");
    expect(await page.title()).toBe("My mentoring · Counselor Studio Workspace");
    await page.context().close();
  });
});
