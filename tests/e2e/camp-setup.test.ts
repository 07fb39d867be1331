import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, settled } from "../support/browser.ts";
import { trackContext, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, DESKTOP, listed, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

/**
 * Issue 20 §1 in the browser: 学工部 creates a camp with the seed's four rounds, names a
 * participant and a judge and picks a group as target, and opens the camp (asked first). Every
 * page on the way passes axe and fits a 375 px phone without sideways scrolling.
 */
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

/** axe at a laptop's width, then no sideways scrolling at a phone's; back to the laptop. */
async function audit(page: Page, where: string) {
  await settled(page);
  const findings = await axeFindings(page, where);
  await page.setViewportSize(PHONE);
  const overflow = await sidewaysOverflow(page, where);
  await page.setViewportSize(DESKTOP);
  expect(findings, `axe findings: ${listed(findings)}`).toEqual([]);
  expect(overflow).toBeNull();
}

describe("训练营: from a new camp to its opening", () => {
  it("学工部 creates a camp, sets who takes part and who judges, and opens it", async () => {
    const title = `E2E 素质能力提升训练营 ${Date.now()}`;
    const adminId = await userId("admin");
    // The rubrics are undone after the camp (steps are undone last first): the camp's rounds hold its copies.
    await undoChangesTo("Rubric", { builtIn: true });
    await undoChangesTo("Rubric", { isTemplate: false, name: ["案例研讨评分细则", "谈心谈话评分细则"] });
    // Deleting the camp takes its rounds, targets, participants, judges and entries with it.
    await undoChangesTo("Camp", { title });
    await undoChangesTo("Notification", { type: ["camp.setup.notices.opened", "camp.setup.notices.judging"] });
    await undoChangesTo("AuditLog", { actorId: adminId, action: ["camp.create", "camp.targets", "camp.person-add", "camp.judge-add", "camp.open"] });

    const page = await signedInPage("admin");
    await openPage(page, "/");
    await page.getByRole("navigation").getByRole("link", { name: "训练营", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "素质能力提升训练营" }).waitFor();
    await audit(page, "/camp");

    // The form: the seed's four rounds are there, weighted 30/20/25/25.
    await page.getByRole("link", { name: "新建训练营" }).click();
    await page.getByRole("heading", { level: 1, name: "新建训练营" }).waitFor();
    await audit(page, "/camp/new");
    for (const [round, weight] of [["基础知识测试", "30"], ["人物辨识", "20"], ["案例研讨", "25"], ["谈心谈话", "25"]] as const) {
      const group = page.getByRole("group", { name: round });
      await expect(group.getByRole("checkbox", { name: `开启${round}` }).isChecked()).resolves.toBe(true);
      await expect(group.getByLabel("权重").inputValue()).resolves.toBe(weight);
    }
    await page.getByLabel("名称", { exact: true }).fill(title);
    await page.getByRole("group", { name: "谈心谈话" }).getByLabel("晋级来源").selectOption({ label: "基础知识测试" });
    await page.getByRole("group", { name: "谈心谈话" }).getByLabel("晋级人数（前 N 名）").fill("10");
    await page.getByRole("button", { name: "创建训练营" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText("基础知识测试前 10 名晋级").waitFor();
    await audit(page, "/camp/:id (draft)");

    // Who takes part: a group, and 王小雨 (counselor) by name; 骨干 leader as a judge.
    await page.getByRole("link", { name: "参加对象与评委" }).click();
    await page.getByRole("heading", { level: 1, name: `参加对象与评委：${title}` }).waitFor();
    await audit(page, "/camp/:id/people");
    await page.getByRole("checkbox", { name: "新入职辅导员" }).check();
    await page.getByRole("button", { name: "保存参加对象" }).click();
    await page.getByText("参加对象已保存。").waitFor();
    await settled(page);
    await page.getByRole("combobox", { name: "添加参加者" }).fill("counselor");
    await page.getByRole("button", { name: "添加参加者" }).click();
    await page.getByText(/^已添加 .+。$/).waitFor();
    await settled(page);
    await page.getByRole("combobox", { name: "添加评委" }).fill("leader");
    await page.getByRole("button", { name: "添加评委" }).click();
    await page.getByText(/^已添加评委 .+。$/).waitFor();
    await settled(page);
    await expect(page.getByRole("table", { name: "点名参加的人" }).getByRole("row").count()).resolves.toBe(2);
    await expect(page.getByRole("table", { name: "评委" }).getByRole("row").count()).resolves.toBe(2);
    const matching = await page.getByText(/^按目前的设置，共 \d+ 人参加。$/).innerText();
    const count = matching.match(/共 (\d+) 人/)![1]!;
    await audit(page, "/camp/:id/people (set)");

    // Opening asks first, then fixes the participants.
    await page.getByRole("link", { name: "返回训练营" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByRole("button", { name: "发布训练营" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "发布训练营" }).click();
    await page.getByText(`训练营已发布，${count} 人参加。`).waitFor();
    await settled(page);
    await page.getByText("进行中", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "结束答题，进入评分" }).waitFor();
    await audit(page, "/camp/:id (open)");
  });
});
