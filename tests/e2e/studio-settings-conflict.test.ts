import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, settled, signedInPage } from "../support/browser.ts";
import { idOf, query, undoChangesTo, userId } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
const STUDIO = "“心晴”心理健康教育辅导员工作室";
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/**
 * Issue 27, item 5, in the browser: 学工部 and the studio's leader have its settings open at once and
 * both save a new description. The second is told "已被他人修改" with both texts; the first's stays.
 */
describe("two people saving a studio's settings", () => {
  it("the second sees 已被他人修改 with both values, keeps what they typed, and the first's description is kept", async () => {
    // Seeded: 张明华 (leader) leads 心晴; its row and both saves' audit entries are put back afterwards.
    const studioId = await idOf("Studio", { name: STUDIO });
    const [admin, leader] = await Promise.all([userId("admin"), userId("leader")]);
    await undoChangesTo("Studio", { id: studioId });
    await undoChangesTo("AuditLog", { actorId: [admin, leader], action: ["studio.update", "studio.update-official"], entityId: studioId });

    const [adminPage, leaderPage] = await Promise.all([signedInPage(browser, baseUrl, "admin"), signedInPage(browser, baseUrl, "leader")]);
    for (const page of [adminPage, leaderPage]) {
      await page.goto(`${baseUrl}/studios/${studioId}/edit`);
      await settled(page);
    }
    const theirs = "学工部修订：工作室聚焦大学生心理危机预防与朋辈互助。";
    const yours = "负责人修订：本学期新增团体辅导与线上心理微课。";

    await adminPage.getByLabel("简介", { exact: true }).fill(theirs);
    await adminPage.getByRole("button", { name: "保存" }).click();
    await adminPage.getByText("基本信息已保存。").waitFor();

    await leaderPage.getByLabel("简介", { exact: true }).fill(yours);
    await leaderPage.getByRole("button", { name: "保存" }).click();
    const alert = leaderPage.getByRole("alert").filter({ hasText: "已被他人修改" });
    await alert.waitFor();
    const row = alert.getByRole("row", { name: /简介/ });
    expect(await row.getByRole("cell").allTextContents()).toEqual([theirs, yours]);
    expect(await alert.getByRole("columnheader").allTextContents()).toEqual(["内容", "当前值", "你的修改"]);
    // What the leader typed is still in the form; nothing of theirs was written.
    expect(await leaderPage.getByLabel("简介", { exact: true }).inputValue()).toBe(yours);
    const [stored] = await query<{ description: string }>(`SELECT description FROM "Studio" WHERE id = $1`, [studioId]);
    expect(stored!.description).toBe(theirs);

    // Having seen both, the leader saves again: now theirs replaces it, knowingly.
    await leaderPage.getByRole("button", { name: "保存" }).click();
    await leaderPage.getByText("简介已保存。").waitFor();
    const [after] = await query<{ description: string }>(`SELECT description FROM "Studio" WHERE id = $1`, [studioId]);
    expect(after!.description).toBe(yours);
  });
});
