import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDataDir, startApp, type RunningApp } from "../support/app-server.ts";
import { launchBrowser, login, newPage, settled } from "../support/browser.ts";

/**
 * The matching workflow in Chromium: 学工部 runs the matching, sees open slots in red with their
 * reason, locks a proposal, publishes after confirming; the demo internal mentor gets the
 * invitation and accepts it. It publishes invitations to many demo mentors, so it runs on its own
 * server (fresh data directory) and leaves the shared one to the other browser tests.
 */
let app: RunningApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  if (app) {
    await app.stop();
    removeDataDir(app.dataDir);
  }
});

describe("mentor matching", () => {
  it("学工部 runs, locks and publishes; the mentor accepts the invitation", async () => {
    const baseUrl = app.baseUrl;
    const admin = await newPage(browser);
    await login(admin, baseUrl, "admin");
    await admin.getByRole("link", { name: "导师匹配" }).click();
    await admin.getByRole("heading", { level: 1, name: "导师匹配" }).waitFor();
    await admin.getByText("尚未运行匹配。").waitFor();
    await settled(admin);

    await admin.getByRole("button", { name: "运行匹配" }).click();
    await admin.getByText(/^匹配完成：\d+\/\d+ 个名额已推荐导师/).waitFor();
    // Every proposal shows its score; slots that stay open say why, in Chinese.
    await admin.getByRole("combobox", { name: "显示" }).selectOption("open");
    await admin.getByRole("button", { name: "筛选" }).click();
    await admin.waitForURL(/view=open/);
    // The address changes before the page shows the open slots: read names only from what it shows.
    await settled(admin);
    const open = admin.getByText(/^空缺 \d 名$/);
    expect(await open.count()).toBeGreaterThan(0);
    await admin.getByText("可匹配的 1 名校外导师名额已用于其他方向（整体名额不足）").first().waitFor();

    // Lock the first proposal on the page (the very one named), then publish after confirming.
    const lockedName = (await admin.getByRole("button", { name: /^锁定 / }).first().getAttribute("aria-label"))!.replace(/^锁定 /, "");
    await admin.getByRole("button", { name: `锁定 ${lockedName}`, exact: true }).first().click();
    await admin.getByText("已锁定该组合，重新匹配时会保留。").waitFor();
    await settled(admin);
    await admin.getByRole("button", { name: `解锁 ${lockedName}` }).first().waitFor();

    // Excluding asks first; afterwards the pair is listed as excluded, not proposed.
    const excludedName = (await admin.getByRole("button", { name: /^排除 / }).nth(1).getAttribute("aria-label"))!.replace(/^排除 /, "");
    await admin.getByRole("button", { name: `排除 ${excludedName}`, exact: true }).first().click();
    await admin.getByRole("dialog").getByText(`排除后，${excludedName} 不会再被推荐到`, { exact: false }).waitFor();
    await admin.getByRole("dialog").getByRole("button", { name: "确认排除" }).click();
    await admin.getByText("已排除该组合。").waitFor();
    await admin.getByRole("button", { name: `取消排除 ${excludedName}` }).first().waitFor();

    await admin.getByRole("link", { name: "导师匹配" }).click();
    await admin.waitForURL(/\/admin\/matching$/);
    await settled(admin);
    await admin.getByRole("button", { name: /^发布 \d+ 条推荐$/ }).click();
    await admin.getByRole("dialog").getByText(/位导师将收到邀请/).waitFor();
    await admin.getByRole("dialog").getByRole("button", { name: "确认发布" }).click();
    await admin.getByText(/^已发布 \d+ 条邀请。$/).waitFor();
    await admin.getByText("没有待发布的推荐。").waitFor();
    await admin.context().close();

    // The demo internal mentor is among those invited (the seed and the matching are deterministic).
    const mentor = await newPage(browser);
    await login(mentor, baseUrl, "mentor");
    await mentor.getByRole("link", { name: /^\d+ 条未读通知$/ }).waitFor();
    await mentor.getByRole("link", { name: "我的指导" }).click();
    await mentor.getByRole("heading", { level: 1, name: "我的指导" }).waitFor();
    await settled(mentor);
    const accept = mentor.getByRole("button", { name: /^接受邀请：/ }).first();
    const label = (await accept.getAttribute("aria-label"))!.replace(/^接受邀请：/, "");
    const direction = label.split(" · ").at(-1)!;
    await mentor.getByText("为什么推荐您").first().click();
    await mentor.getByRole("table").first().waitFor();
    await accept.click();
    await mentor.getByText(`已接受“${direction}”的指导邀请。`).waitFor();
    const guided = mentor.getByRole("region", { name: "我指导的研究方向" });
    await guided.getByText(direction, { exact: true }).waitFor();
    await expect(mentor.getByRole("button", { name: `接受邀请：${label}` }).count()).resolves.toBe(0);
    await mentor.context().close();

    // 学工部 sees the acceptance on the board.
    const back = await newPage(browser);
    await login(back, baseUrl, "admin");
    await back.getByRole("link", { name: "导师匹配" }).click();
    await back.getByText(/已接受 \d+/).waitFor();
    await back.context().close();
  });

  it("a newcomer cannot open the matching board and is told so", async () => {
    const page = await newPage(browser);
    await login(page, app.baseUrl, "counselor");
    await page.getByRole("heading", { level: 1, name: "王小雨，您好" }).waitFor();
    await expect(page.getByRole("link", { name: "导师匹配" }).count()).resolves.toBe(0);
    const response = await page.goto(`${app.baseUrl}/admin/matching`);
    expect(response?.status()).toBe(403);
    await page.context().close();
  });
});
