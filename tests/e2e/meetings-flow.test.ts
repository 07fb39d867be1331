import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, settled } from "../support/browser.ts";
import { trackContext, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, DESKTOP, listed, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

/**
 * Issue 19's browser test: a college admin creates a monthly series from the form, sets the agenda
 * of month 1, publishes it, records an action item for an invitee, closes the meeting, and finds
 * the item under 上次督办事项落实情况 in month 2 with its history. Every page on the way passes axe
 * and fits a 375 px phone without sideways scrolling.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A calendar day in school time (UTC+8), `days` from today, as a date field takes it. */
const schoolDay = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

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

describe("月度交流例会: from a new series to the carried-over action item", () => {
  it("a college admin creates a series, runs month 1 with an action item for 王小雨, and month 2 follows it up", async () => {
    const title = `E2E 学院月度交流例会 ${Date.now()}`;
    const action = `完成学风建设调研报告 ${Date.now()}`;
    const [organiserId, counselorId] = await Promise.all([userId("college"), userId("counselor")]);
    // Deleting the series takes its meetings, agenda, invitations, outcomes and action items with it.
    await undoChangesTo("MeetingSeries", { title });
    await undoChangesTo("Notification", { userId: counselorId, type: ["meetings.notices.agendaPublished", "meetings.notices.actionAssigned", "meetings.notices.meetingMoved"] });
    await undoChangesTo("AuditLog", {
      actorId: organiserId,
      action: ["meetings.series-create", "meetings.series-update", "meetings.generate", "meetings.agenda-add", "meetings.publish", "meetings.outcome", "meetings.move", "meetings.close", "meetings.action-update"],
    });

    const page = await signedInPage("college");
    await openPage(page, "/");
    await page.getByRole("navigation").getByRole("link", { name: "例会", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "月度交流例会" }).waitFor();
    await audit(page, "/meetings");

    // The form: their college is the organiser, the seed's four segments plus one added and moved up, two months.
    await page.getByRole("link", { name: "新建例会系列" }).click();
    await page.getByRole("heading", { level: 1, name: "新建例会系列" }).waitFor();
    await audit(page, "/meetings/series/new");
    await page.getByLabel("例会名称").fill(title);
    await page.getByLabel("地点", { exact: true }).fill("行政楼 301");
    await page.getByLabel("生成几个月").fill("2");
    await expect(page.getByLabel("环节 4 名称").inputValue()).resolves.toBe("分组研讨");
    await page.getByRole("button", { name: "添加环节" }).click();
    await page.getByLabel("环节 5 名称").fill("政策解读");
    await page.getByLabel("环节 5 分钟").fill("20");
    await page.getByRole("button", { name: "环节 5 上移" }).click();
    await expect(page.getByLabel("环节 4 名称").inputValue()).resolves.toBe("政策解读");
    await page.getByLabel("点名参会（工号）").fill("counselor");
    await page.getByRole("button", { name: "创建例会系列" }).click();

    await page.getByText("例会系列已创建，并已生成例会。").waitFor();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const meetings = page.getByRole("table", { name: "各次例会" }).getByRole("link");
    await expect(meetings.count()).resolves.toBe(2);
    await audit(page, "series page");
    const seriesUrl = page.url();

    // The series can be changed: its form holds what it has; the untouched months follow.
    await page.getByRole("link", { name: "修改系列" }).click();
    await page.getByRole("heading", { level: 1, name: `修改例会系列：${title}` }).waitFor();
    await expect(page.getByLabel("例会名称").inputValue()).resolves.toBe(title);
    await expect(page.getByLabel("环节 4 名称").inputValue()).resolves.toBe("政策解读");
    await audit(page, "/meetings/series/:id/edit");
    await page.getByLabel("地点", { exact: true }).fill("行政楼 302");
    await page.getByRole("button", { name: "保存修改" }).click();
    await page.getByText("例会系列已修改；2 次尚未安排的例会已按新设置调整。").waitFor();
    await page.getByRole("table", { name: "各次例会" }).getByText("行政楼 302").first().waitFor();

    // Month 1: two items, the total against the length, then published (asked first).
    await meetings.first().click();
    await page.getByRole("heading", { level: 2, name: "议程" }).waitFor();
    await settled(page);
    await expect(page.getByRole("heading", { level: 3 }).allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(["理论学习", "阶段工作总结", "工作案例交流分享", "政策解读", "分组研讨"].map((name) => expect.stringContaining(name))),
    );
    const add = page.getByRole("form", { name: "添加议题" });
    const addItem = async (segment: string, item: string, minutes: string) => {
      await add.getByLabel("环节", { exact: true }).selectOption({ label: segment });
      await add.getByLabel("议题", { exact: true }).fill(item);
      await add.getByLabel("分钟", { exact: true }).fill(minutes);
      await add.getByRole("button", { name: "添加议题" }).click();
      await page.getByText(`已添加议题“${item}”。`).waitFor();
      await settled(page);
    };
    await add.getByLabel("主讲人").selectOption({ label: "王小雨" });
    await addItem("工作案例交流分享", "学风建设典型案例", "40");
    await addItem("理论学习", "学习高校思政工作会议精神", "30");
    // The form is emptied for the next item: a choice without a value shows its placeholder, not a blank box.
    await expect(add.getByLabel("主讲人").evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? "")).resolves.toBe("未定主讲");
    await page.getByText("已安排 70 分钟，例会时长 120 分钟。").waitFor();

    await page.getByRole("button", { name: "发布议程" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "发布议程" }).click();
    await page.getByText("议程已发布，参会者已收到通知。").waitFor();
    await settled(page);

    // The outcome: an action item for 王小雨, due in two weeks.
    const item = page.getByRole("article", { name: "学风建设典型案例" });
    await item.getByText("记录议定事项：学风建设典型案例").click();
    await item.getByLabel("类型").selectOption({ label: "督办事项" });
    await item.getByLabel("内容").fill(action);
    await item.getByLabel("责任人").selectOption({ label: "王小雨" });
    await item.getByLabel("完成期限").fill(schoolDay(14));
    await item.getByRole("button", { name: "记录", exact: true }).click();
    await page.getByText("已记录督办事项。").waitFor();
    await settled(page);
    await item.getByText(action).waitFor();
    await audit(page, "meeting page (month 1, open)");

    // The meeting was held yesterday: moved there (asked first), then closed (asked first).
    await page.getByLabel("新的开始时间").fill(`${schoolDay(-1)}T14:30`);
    await page.getByRole("button", { name: "调整", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "调整" }).click();
    await page.getByText(/^例会已改到 /).waitFor();
    await settled(page);
    await page.getByRole("button", { name: "结束例会" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "结束例会" }).click();
    await page.getByText("例会已结束。").waitFor();
    // Closed: the page says so and no longer offers the agenda's forms.
    await page.getByText("例会已结束，纪要待签发。").waitFor();
    await page.getByRole("form", { name: "添加议题" }).waitFor({ state: "detached" });
    await settled(page);
    await audit(page, "meeting page (month 1, closed)");

    // Month 2: the action item is carried over, with where it came from and its history.
    await page.goto(seriesUrl);
    await settled(page);
    await page.getByRole("table", { name: "各次例会" }).getByRole("link").nth(1).click();
    const carried = page.getByRole("list", { name: "上次督办事项落实情况" });
    await carried.waitFor();
    const entry = carried.getByRole("listitem").filter({ hasText: action });
    await expect(entry.count()).resolves.toBe(1);
    await expect(entry.getByText("未开始", { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(entry.getByText(/责任人 王小雨，期限 /).isVisible()).resolves.toBe(true);
    const history = entry.getByRole("list", { name: `“${action}”的落实记录` });
    await expect(history.getByRole("listitem").allInnerTexts()).resolves.toEqual([expect.stringContaining("状态改为未开始")]);
    await expect(entry.getByRole("link", { name: /例会提出$/ }).isVisible()).resolves.toBe(true);
    await audit(page, "meeting page (month 2)");

    // Followed up at month 2: the organiser records progress, and the history says where it was reviewed.
    await entry.getByLabel("状态").selectOption({ label: "落实中" });
    await entry.getByLabel("落实情况说明").fill("已发放问卷");
    await entry.getByRole("button", { name: "更新", exact: true }).click();
    await page.getByText(`督办事项“${action}”已更新。`).waitFor();
    await settled(page);
    const after = page.getByRole("list", { name: `“${action}”的落实记录` }).getByRole("listitem");
    await expect(after.allInnerTexts()).resolves.toEqual([expect.stringContaining("状态改为未开始"), expect.stringMatching(/状态改为落实中.*例会跟进.*已发放问卷/)]);
  });
});
