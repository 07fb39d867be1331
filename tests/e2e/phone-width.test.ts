import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { idOf, trackContext } from "../support/e2e-database.ts";
import { crushedText, DEMO_STUDIO, DESKTOP, listed, openPage, PERSONAS, PHONE, sidewaysOverflow, signedInContext, studioSections, unmarkedChinese } from "../support/page-audit.ts";

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

/**
 * The labels of the dashboard's charts as drawn (the SVG renderer's text): for each chart, the
 * labels that reach outside it and the pairs that overlap, with their text and boxes; and the font
 * each label is drawn in.
 */
async function chartLabels(page: Page) {
  return page.getByTestId("echart").evaluateAll((charts) =>
    charts.map((chart, index) => {
      const box = chart.getBoundingClientRect();
      const labels = Array.from(chart.querySelectorAll("svg text"))
        .filter((text) => (text.textContent ?? "").trim() && getComputedStyle(text).visibility !== "hidden" && Number(getComputedStyle(text).opacity) > 0)
        .map((text) => ({ text: text.textContent!.trim(), rect: text.getBoundingClientRect(), font: getComputedStyle(text).fontFamily }));
      const where = (rect: DOMRect) => `[${Math.round(rect.left - box.left)},${Math.round(rect.top - box.top)} ${Math.round(rect.width)}×${Math.round(rect.height)}]`;
      const outside = labels
        .filter(({ rect }) => rect.left < box.left - 0.5 || rect.right > box.right + 0.5 || rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5)
        .map(({ text, rect }) => `chart ${index + 1}: “${text}” ${where(rect)} outside ${Math.round(box.width)}×${Math.round(box.height)}`);
      const overlapping: string[] = [];
      labels.forEach((a, i) =>
        labels.slice(i + 1).forEach((b) => {
          const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          if (x > 1 && y > 1) overlapping.push(`chart ${index + 1}: “${a.text}” ${where(a.rect)} over “${b.text}” ${where(b.rect)}`);
        }),
      );
      return { labels: labels.length, outside, overlapping, fonts: [...new Set(labels.map((label) => label.font))] };
    }),
  );
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
  it.each(PERSONAS)("never scrolls sideways or crushes a table on the studio's sections, as $who ($username)", async ({ username, who }) => {
    const page = await signedInPage(username);
    const overflow: string[] = [];
    for (const path of await studioSections(page)) {
      await openPage(page, path);
      const sideways = await sidewaysOverflow(page, `${who} ${path}`);
      if (sideways) overflow.push(sideways);
      overflow.push(...(await crushedText(page, `${who} ${path}`)));
    }
    expect(overflow, `pages that scroll sideways or squeeze text to a few characters a line:${listed(overflow)}`).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("draws the dashboard's charts with every label inside its chart, none over another, in the Chinese font", async () => {
    for (const username of ["admin", "college"]) {
      const page = await signedInPage(username);
      await openPage(page, "/dashboard");
      const charts = page.getByTestId("echart");
      await expect.poll(() => charts.count()).toBe(4);
      for (const chart of await charts.all()) await chart.locator("svg text").first().waitFor();
      const drawn = await chartLabels(page);
      for (const chart of drawn) {
        // Something is drawn: names (of colleges, stages, titles, groups, duties) and numbers.
        expect(chart.labels, username).toBeGreaterThan(1);
        expect(chart.fonts, username).toEqual([expect.stringContaining("Noto Sans SC")]);
      }
      const outside = drawn.flatMap((chart) => chart.outside);
      const overlapping = drawn.flatMap((chart) => chart.overlapping);
      expect(outside, `${username}: labels cut at a chart's edge:${listed(outside)}`).toEqual([]);
      expect(overlapping, `${username}: labels drawn over each other:${listed(overlapping)}`).toEqual([]);

      // A name cut short beside the bars is said whole by the tooltip of its row.
      const duties = charts.nth(3);
      await duties.scrollIntoViewIfNeeded();
      const cut = await duties.locator("svg text", { hasText: "…" }).first().boundingBox();
      const plot = await duties.boundingBox();
      expect(cut, `${username}: a long duty's name is cut short on a phone`).not.toBeNull();
      await page.mouse.move(plot!.x + plot!.width - 40, cut!.y + cut!.height / 2);
      await expect.poll(() => duties.innerText()).toContain("思想理论教育和价值引领");
      await page.context().close();
    }
  }, 120_000);

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

  it("marks the Chinese names and titles of the studio directory, people, mentors, notices and search results as Chinese", async () => {
    const unmarked: string[] = [];
    for (const [username, paths] of [
      ["admin", ["/studios", "/people", "/mentors", "/search?q=工作室", "/search?q=王"]],
      ["counselor", ["/studios", "/notifications"]],
      ["leader", ["/notifications"]],
    ] as const) {
      const page = await signedInPage(username, DESKTOP, "en");
      for (const path of paths) {
        await openPage(page, path);
        unmarked.push(...(await unmarkedChinese(page, `${username} ${path}`)));
        // The page shows people's Chinese text at all (else there was nothing to check).
        if ((await page.locator('main [lang="zh-CN"]').count()) === 0) unmarked.push(`${username} ${path} · nothing marked zh-CN`);
      }
      await page.context().close();
    }
    expect(unmarked, `Chinese text not marked lang="zh-CN":${listed(unmarked)}`).toEqual([]);
  }, 120_000);

  it("titles a mentor's own page in English", async () => {
    const page = await signedInPage("mentor", DESKTOP, "en");
    await openPage(page, "/mentoring");
    expect(await page.title()).toBe("My mentoring · Counselor Studio Workspace");
    await page.context().close();
  });
});
