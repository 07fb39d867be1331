import type { Page } from "playwright-core";

/**
 * The page's charts: how many there are, how many are drawn, and the chart texts that reach outside
 * their chart (cut or overflowing), each with where it stands.
 */
export function chartState(page: Page) {
  return page.evaluate(() => {
    const charts = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="echart"]'));
    const outside: string[] = [];
    for (const chart of charts) {
      const box = chart.getBoundingClientRect();
      for (const text of Array.from(chart.querySelectorAll("text"))) {
        const r = text.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1) outside.push(`${text.textContent} (${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
    return { charts: charts.length, drawn: charts.filter((c) => c.querySelector("svg text")).length, outside };
  });
}

/** Waits until at least `count` charts are drawn and ECharts has followed the last resize (it does on the next frame). */
export async function chartsDrawn(page: Page, count: number) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="echart"] svg text').length > 0 && document.querySelectorAll('[data-testid="echart"] svg').length >= n, count);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
