import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, settled } from "../support/browser.ts";
import { query, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, listed, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function phoneAs(username: string): Promise<Page> {
  const page = await newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
  await signedInContext(page.context(), username);
  return page;
}

const sectionLinks = (page: Page) => page.getByRole("navigation", { name: "培训栏目" }).getByRole("link").allTextContents();

describe("the training section navigation", () => {
  it("shows a counselor on a phone the sections they may use (calendar, not import), scrolls by itself, and is axe-clean", async () => {
    const page = await phoneAs("counselor");
    await openPage(page, "/training");
    expect(await sectionLinks(page)).toEqual(["我的培训菜单", "培训目录", "校外培训", "学时台账", "日历订阅"]);
    const findings = [...(await axeFindings(page, "counselor /training @375"))];
    expect(await sidewaysOverflow(page, "counselor /training @375")).toBeNull();

    // The calendar feed, unreachable before except by its address, is one tap away.
    await page.getByRole("navigation", { name: "培训栏目" }).getByRole("link", { name: "日历订阅" }).click();
    await page.waitForURL(`${baseUrl}/training/calendar`);
    await settled(page);
    await expect(page.getByRole("link", { name: "日历订阅" }).getAttribute("aria-current")).resolves.toBe("page");
    findings.push(...(await axeFindings(page, "counselor /training/calendar @375")));
    expect(await sidewaysOverflow(page, "counselor /training/calendar @375")).toBeNull();
    expect(findings, `axe findings:${listed(findings)}`).toEqual([]);
  });

  it("shows 学工部 the catalogue, external training, the ledger, the import, the dashboard and the settings (no menu, no calendar), axe-clean at 375 px", async () => {
    const page = await phoneAs("admin");
    await openPage(page, "/training/courses");
    expect(await sectionLinks(page)).toEqual(["培训目录", "校外培训", "学时台账", "导入", "培训看板", "培训设置"]);
    await page.getByRole("navigation", { name: "培训栏目" }).getByRole("link", { name: "导入" }).click();
    await page.getByRole("heading", { level: 1, name: "培训数据导入导出" }).waitFor();
    await settled(page);
    const findings = [...(await axeFindings(page, "admin /training/import @375"))];
    expect(await sidewaysOverflow(page, "admin /training/import @375")).toBeNull();
    await openPage(page, "/training/ledger");
    findings.push(...(await axeFindings(page, "admin /training/ledger @375")));
    expect(await sidewaysOverflow(page, "admin /training/ledger @375")).toBeNull();
    expect(findings, `axe findings:${listed(findings)}`).toEqual([]);
  });

  it("shows a college admin their college's dashboard but not the school's settings", async () => {
    const page = await phoneAs("college");
    await openPage(page, "/training/courses");
    const links = await sectionLinks(page);
    expect(links).toContain("培训看板");
    expect(links).not.toContain("培训设置");
    await page.getByRole("navigation", { name: "培训栏目" }).getByRole("link", { name: "培训看板" }).click();
    await page.getByRole("heading", { level: 1, name: "培训看板" }).waitFor();
    expect(await sidewaysOverflow(page, "college /training/dashboard @375")).toBeNull();
  });
});

describe("a course's sessions for its organiser", () => {
  const title = `E2E 场次培训 ${Date.now()}`;
  let courseId: string;
  let sessionId: string;

  // A published course of this test's own with one session next week; deleting it takes the session along.
  beforeEach(async () => {
    await undoChangesTo("TrainingCourse", { title });
    courseId = `e2e-sessions-${Date.now()}`;
    sessionId = `${courseId}-s1`;
    await undoChangesTo("AuditLog", { actorId: await userId("admin"), action: "training.session-update", entityId: sessionId });
    await query(
      `INSERT INTO "TrainingCourse" (id, title, "platformId", level, duties, hours, year, status, "updatedAt")
       VALUES ($1, $2, 'tp-lecture', 'SCHOOL', '{CRISIS}', 2, $3, 'PUBLISHED', now())`,
      [courseId, title, new Date().getUTCFullYear()],
    );
    await query(
      `INSERT INTO "TrainingSession" (id, "courseId", "startsAt", "endsAt", place, hours, "checkInSecret")
       VALUES ($1, $2, date_trunc('hour', now()) + interval '7 days', date_trunc('hour', now()) + interval '7 days 2 hours', '行政楼 201', 2, 'e2e-secret')`,
      [sessionId, courseId],
    );
  });

  it("on a phone: opens the session's check-in screen from the course page, and changes the session's place in place", async () => {
    const page = await phoneAs("admin");
    await openPage(page, `/training/courses/${courseId}`);
    await page.getByRole("link", { name: /的签到屏幕$/ }).click();
    await page.waitForURL(`${baseUrl}/training/sessions/${sessionId}/check-in`);
    await page.getByRole("heading", { level: 1, name: "现场签到" }).waitFor();

    await openPage(page, `/training/courses/${courseId}/edit`);
    await page.getByRole("link", { name: /^修改 .+ 这一场$/ }).click();
    const form = page.getByRole("form", { name: /^修改场次：/ });
    await form.waitFor();
    await settled(page);
    expect(await sidewaysOverflow(page, "admin session edit @375")).toBeNull();
    const findings = await axeFindings(page, "admin session edit @375");
    expect(findings, `axe findings:${listed(findings)}`).toEqual([]);
    await form.getByLabel("地点").fill("图书馆报告厅");
    await form.getByRole("button", { name: "保存场次" }).click();
    await page.getByText("场次已修改，已报名的人员会收到通知。").waitFor();
    await expect(page.getByRole("list", { name: "场次" }).getByText(/图书馆报告厅/).isVisible()).resolves.toBe(true);
    const [row] = await query<{ place: string }>(`SELECT place FROM "TrainingSession" WHERE id = $1`, [sessionId]);
    expect(row!.place).toBe("图书馆报告厅");
  });
});
