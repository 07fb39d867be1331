import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { idOf, undoChangesTo, userId } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("学工部 sets up a studio", () => {
  it("is told why a leader is not eligible, and appoints them by exception with a reason", async () => {
    // Seeded: no studio of this name, and 傅娟 in none. The studio (with her membership), the
    // notice she gets and the audit records go after the test.
    await undoChangesTo("Studio", { name: "“启明”学业发展辅导员工作室" });
    await undoChangesTo("Notification", { userId: await idOf("User", { name: "傅娟" }), type: "studios.notices.appointedLeader" });
    await undoChangesTo("AuditLog", { actorId: await userId("admin"), action: ["studio.create", "membership.add", "membership.eligibility-override"] });
    const page = await newPage(browser);
    await login(page, baseUrl, "admin");
    await page.getByRole("heading", { name: "全校概况" }).waitFor();
    // 傅娟 (demo data): 助教, about two years as counselor, in no studio. Her 工号 comes from the directory.
    await page.goto(`${baseUrl}/people?q=傅娟`);
    const staffNumber = /\d{8}/.exec((await page.getByRole("row", { name: /傅娟/ }).textContent()) ?? "")![0];
    await page.getByRole("link", { name: "工作室", exact: true }).click();
    await page.getByRole("link", { name: "新建工作室" }).click();
    await page.getByRole("heading", { name: "新建工作室" }).waitFor();

    await page.getByLabel("工作室名称").fill("“启明”学业发展辅导员工作室");
    await page.getByLabel("所属职责").selectOption({ label: "学风建设" });
    await page.getByLabel("负责人工号").fill(staffNumber);
    await page.getByRole("button", { name: "创建工作室" }).click();
    const refusal = page.getByText(/傅娟 暂不符合工作室负责人条件：.*还差 \d+ 年工作年限.*职称需为副高及以上/);
    await refusal.waitFor();
    expect(new URL(page.url()).pathname).toBe("/studios/new");

    await page.getByLabel("破格理由").fill("获省级辅导员素质能力大赛一等奖，经学工部会议研究破格任命。");
    await page.getByRole("button", { name: "创建工作室" }).click();
    await page.getByRole("heading", { level: 1, name: "“启明”学业发展辅导员工作室" }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/studios\/[^/]+$/);
    const team = page.getByRole("region", { name: "团队" });
    await expect(team.getByRole("link", { name: "傅娟" }).isVisible()).resolves.toBe(true);
    await expect(team.getByText("破格").isVisible()).resolves.toBe(true);

    // The new studio is listed, and the directory shows her as its member.
    await page.goto(`${baseUrl}/studios?q=启明`);
    await page.getByRole("link", { name: "“启明”学业发展辅导员工作室", exact: true }).waitFor();
    await page.goto(`${baseUrl}/people?q=${staffNumber}`);
    await page.getByRole("row", { name: /傅娟/ }).getByRole("link", { name: "“启明”学业发展辅导员工作室" }).waitFor();
    await page.context().close();
  });

  it("is refused to others: a counselor cannot open the form", async () => {
    const page = await newPage(browser);
    await login(page, baseUrl, "leader");
    await page.getByRole("heading", { name: "张明华，您好" }).waitFor();
    await page.goto(`${baseUrl}/studios`);
    await expect(page.getByRole("link", { name: "新建工作室" }).count()).resolves.toBe(0);
    const response = await page.goto(`${baseUrl}/studios/new`);
    expect(response?.status()).toBe(403);
    await page.context().close();
  });
});
