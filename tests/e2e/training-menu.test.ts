import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { query, undoChangesTo } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The training year in school time (UTC+8), as the menu counts it. */
const schoolYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

/** Signs in and waits until the app has let them in. */
async function signInAs(page: Page, username: string) {
  await login(page, baseUrl, username);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Whether the page scrolls sideways (it must not on a phone). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe("我的培训菜单 and enrolment", () => {
  const title = `E2E 规定培训 ${Date.now()}`;
  let courseId: string;

  // A course of this test's own: published, one seat, required for every stage, a session next week.
  // Deleting it afterwards takes its targets, session and enrolments with it (ON DELETE CASCADE).
  beforeEach(async () => {
    await undoChangesTo("TrainingCourse", { title });
    courseId = `e2e-course-${Date.now()}`;
    await query(
      `INSERT INTO "TrainingCourse" (id, title, "platformId", level, duties, hours, capacity, year, status, "updatedAt")
       VALUES ($1, $2, 'tp-lecture', 'SCHOOL', '{CRISIS}', 2, 1, $3, 'PUBLISHED', now())`,
      [courseId, title, schoolYear()],
    );
    await query(
      `INSERT INTO "TrainingCourseTarget" (id, "courseId", stage, kind)
       SELECT $1 || '-' || s, $1, s::"CareerStage", 'REQUIRED' FROM unnest(ARRAY['NOVICE','GROWING','EXPERIENCED','EXPERT']) AS s`,
      [courseId],
    );
    await query(
      `INSERT INTO "TrainingSession" (id, "courseId", "startsAt", "endsAt", place, hours, "checkInSecret")
       VALUES ($1 || '-s1', $1, now() + interval '7 days', now() + interval '7 days 2 hours', '行政楼 201', 2, 'e2e-secret')`,
      [courseId],
    );
  });

  it("a counselor on a phone enrols from the menu and sees it as enrolled; the next person goes on the waitlist", async () => {
    // 王小雨 (初任期) on a 375 px phone: the course is on her menu as required, not yet enrolled.
    const phone = await newPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signInAs(phone, "counselor");
    await phone.goto(`${baseUrl}/training`);
    await phone.getByRole("heading", { level: 1, name: "我的培训菜单" }).waitFor();
    await phone.getByRole("progressbar", { name: "本年度学时进度" }).waitFor();
    const required = phone.getByRole("list", { name: "规定动作" }).getByRole("listitem").filter({ hasText: title });
    await expect(required.getByText("未报名").isVisible()).resolves.toBe(true);
    expect(await scrollsSideways(phone)).toBe(false);

    await required.getByRole("link", { name: title }).click();
    await phone.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    await phone.getByRole("button", { name: "报名", exact: true }).click();
    await phone.getByText("报名成功。").waitFor();
    await phone.getByText("你已报名。").waitFor();

    await phone.goto(`${baseUrl}/training`);
    const after = phone.getByRole("list", { name: "规定动作" }).getByRole("listitem").filter({ hasText: title });
    await expect(after.getByText("已报名").isVisible()).resolves.toBe(true);

    // 李雪 finds 培训 in the navigation; the one seat is taken, so enrolling puts her on the waitlist.
    const desk = await newPage(browser);
    await signInAs(desk, "backbone");
    await desk.getByRole("link", { name: "培训", exact: true }).click();
    await desk.getByRole("heading", { level: 1, name: "我的培训菜单" }).waitFor();
    await desk.goto(`${baseUrl}/training/courses/${courseId}`);
    await desk.getByText("名额已满，报名将进入候补名单。").waitFor();
    await desk.getByRole("button", { name: "加入候补" }).click();
    await desk.getByText("名额已满，你已进入候补名单。").waitFor();
    await desk.getByText("你在候补名单第 1 位，有人退出时自动递补并通知你。").waitFor();

    const rows = await query<{ status: string }>(`SELECT status FROM "TrainingEnrolment" WHERE "courseId" = $1 ORDER BY "queuedAt"`, [courseId]);
    expect(rows.map((r) => r.status)).toEqual(["ENROLLED", "WAITLISTED"]);
  }, 120_000);

  it("学工部 on a phone: catalogue, course, edit and roster fit 375 px, and cancelling asks first", async () => {
    const phone = await newPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signInAs(phone, "admin");
    await phone.goto(`${baseUrl}/training`);
    await phone.getByRole("heading", { level: 1, name: "培训目录" }).waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    await phone.getByLabel("名称").fill(title);
    await phone.getByRole("button", { name: "筛选", exact: true }).click();
    await phone.getByText("共 1 个培训项目").waitFor();
    await phone.getByRole("link", { name: title }).click();
    await phone.getByRole("heading", { level: 1, name: title }).waitFor();
    await phone.getByRole("heading", { name: "按群体安排" }).waitFor();
    expect(await scrollsSideways(phone)).toBe(false);

    // Cancelling asks first; 取消 (focused) leaves the course as it was.
    await phone.getByRole("button", { name: "取消培训" }).click();
    const dialog = phone.getByRole("dialog");
    await dialog.getByText(`确定取消培训“${title}”吗？`, { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "取消", exact: true }).click();
    const course = await query<{ status: string }>(`SELECT status FROM "TrainingCourse" WHERE id = $1`, [courseId]);
    expect(course.map((c) => c.status)).toEqual(["PUBLISHED"]);

    await phone.getByRole("link", { name: "编辑" }).click();
    await phone.getByRole("heading", { level: 1, name: "编辑培训项目" }).waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    await phone.goto(`${baseUrl}/training/courses/${courseId}/roster`);
    await phone.getByText("还没有人报名。").waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
  }, 120_000);
});
