import crypto from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, settled, signedInPage } from "../support/browser.ts";
import { afterwards, query, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, listed, PHONE, sidewaysOverflow } from "../support/page-audit.ts";

/**
 * The live part of a monthly meeting in the browser: the organiser's check-in screen and a
 * counselor checking in by code on a phone, two note-takers writing the minutes at once, and
 * 我的督办事项 with an overdue item updated by its owner. No meeting is seeded on this branch, so
 * each test writes one of its own (a school series by 学工部, started half an hour ago) and takes
 * it away afterwards, minutes document and all.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const id = () => `e2e${crypto.randomBytes(10).toString("hex")}`;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

interface TestMeeting {
  seriesId: string;
  meetingId: string;
  title: string;
  actionIds: string[];
}

/** A school series with one meeting under way, the three demo counselors invited, and (optionally) two action items of 王小雨's. */
async function testMeeting(noteTakers: string[] = []): Promise<TestMeeting> {
  const [admin, counselor, leader, backbone] = await Promise.all(["admin", "counselor", "leader", "backbone"].map(userId));
  const seriesId = id();
  const meetingId = id();
  const title = `浏览器测试例会（${crypto.randomBytes(3).toString("hex")}）`;
  await undoChangesTo("TrainingHoursEntry", { userId: counselor!, source: "MEETING" });
  // The overdue reminder (a background task) may notice the test's overdue item.
  await undoChangesTo("Notification", { userId: counselor!, type: "meetings.notices.actionOverdue" });
  await undoChangesTo("AuditLog", { actorId: [admin!, counselor!, leader!, backbone!], action: ["meetings.check-in-open", "meetings.check-in-close", "meetings.minutes-create", "meetings.note-taker", "meetings.action-update"] });
  afterwards(`remove the meeting “${title}” and its minutes`, async () => {
    const [row] = await query<{ doc: string | null }>(`SELECT "minutesDocumentId" AS doc FROM "Meeting" WHERE id = $1`, [meetingId]);
    await query(`DELETE FROM "MeetingAttendance" WHERE "meetingId" = $1`, [meetingId]);
    await query(`DELETE FROM "MeetingSeries" WHERE id = $1`, [seriesId]);
    if (row?.doc) await query(`DELETE FROM "Document" WHERE id = $1`, [row.doc]);
  });
  await query(
    `INSERT INTO "MeetingSeries" (id, title, description, "organiserKind", "weekOfMonth", weekday, "startTime", "durationMinutes", place, "segmentTemplate", "createdById", "createdAt", "updatedAt")
     VALUES ($1, $2, '', 'SCHOOL', 2, 3, '14:30', 120, '', '[{"name":"理论学习","minutes":30},{"name":"阶段工作总结","minutes":30},{"name":"工作案例交流分享","minutes":30},{"name":"分组研讨","minutes":30}]', $3, now(), now())`,
    [seriesId, title, admin],
  );
  await query(`INSERT INTO "MeetingSeriesOrganiser" ("seriesId", "userId") VALUES ($1, $2)`, [seriesId, admin]);
  await query(
    `INSERT INTO "Meeting" (id, "seriesId", "scheduledOn", "startsAt", "endsAt", place, status, "checkInSecret", "agendaPublishedAt", "createdAt", "updatedAt")
     VALUES ($1, $2, current_date, now() - interval '30 minutes', now() + interval '90 minutes', '行政楼第一会议室', 'IN_PROGRESS', $3, now(), now(), now())`,
    [meetingId, seriesId, crypto.randomBytes(32).toString("base64url")],
  );
  for (const [position, name] of ["理论学习", "阶段工作总结", "工作案例交流分享", "分组研讨"].entries()) {
    await query(`INSERT INTO "MeetingSegment" (id, "meetingId", name, "plannedMinutes", position) VALUES ($1, $2, $3, 30, $4)`, [id(), meetingId, name, position]);
  }
  for (const [username, person] of [["counselor", counselor], ["leader", leader], ["backbone", backbone]] as const) {
    await query(`INSERT INTO "MeetingInvitation" ("meetingId", "userId", "noteTaker") VALUES ($1, $2, $3)`, [meetingId, person, noteTakers.includes(username)]);
  }
  return { seriesId, meetingId, title, actionIds: [] };
}

async function actionItem(meeting: TestMeeting, title: string, dueOn: string) {
  const [admin, counselor] = await Promise.all([userId("admin"), userId("counselor")]);
  const actionId = id();
  await query(
    `INSERT INTO "ActionItem" (id, "seriesId", "meetingId", title, "ownerId", "dueOn", status, "createdById", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6::date, 'OPEN', $7, now(), now())`,
    [actionId, meeting.seriesId, meeting.meetingId, title, counselor, dueOn, admin],
  );
  meeting.actionIds.push(actionId);
  return actionId;
}

const signedIn = (username: string, options: Parameters<typeof newPage>[1] = {}) => signedInPage(browser, baseUrl, username, options);

async function audit(page: Page, where: string) {
  await settled(page);
  const findings = await axeFindings(page, where);
  expect(findings, `axe findings: ${listed(findings)}`).toEqual([]);
  expect(await sidewaysOverflow(page, where)).toBeNull();
}

describe("a meeting under way", () => {
  let meeting: TestMeeting;
  beforeEach(async () => {
    meeting = await testMeeting(["leader", "backbone"]);
  });

  it("the organiser opens check-in and 王小雨 checks in on her phone with the code on screen", async () => {
    const organiser = await signedIn("admin");
    await organiser.goto(`${baseUrl}/meetings/${meeting.meetingId}/check-in`);
    await organiser.getByRole("heading", { level: 1, name: "例会签到" }).waitFor();
    await audit(organiser, "check-in screen (closed)");
    await organiser.getByRole("button", { name: "开始签到" }).click();
    await organiser.getByRole("img", { name: "签到二维码" }).waitFor();
    const shown = async () => (await organiser.getByTestId("check-in-code").textContent())!.trim();
    expect(await shown()).toMatch(/^\d{6}$/);

    // Found by name in the invitees.
    await organiser.getByLabel("按姓名查找").fill("王小雨");
    await organiser.getByRole("button", { name: "查找" }).click();
    await organiser.waitForURL((url) => url.searchParams.get("q") === "王小雨");
    await settled(organiser);
    await organiser.getByRole("row").filter({ hasText: "王小雨" }).getByText("未签到").waitFor();
    expect(await organiser.getByRole("row").filter({ hasText: "张明华" }).count()).toBe(0);

    const phone = await signedIn("counselor", { viewport: PHONE, hasTouch: true, isMobile: true });
    await phone.goto(`${baseUrl}/training/check-in`);
    await phone.getByRole("heading", { level: 1 }).waitFor();
    await phone.getByText(meeting.title).first().waitFor();
    await phone.getByLabel("屏幕上的 6 位签到码").fill(await shown());
    await phone.getByRole("button", { name: "签到", exact: true }).click();
    await phone.getByText("签到成功。").waitFor();
    await audit(phone, "phone check-in (375 px)");

    await organiser.getByTestId("checked-in-count").filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    await organiser.getByRole("row").filter({ hasText: "王小雨" }).getByText(/^已签到/).waitFor();
    await audit(organiser, "check-in screen (open)");
    await organiser.getByRole("button", { name: "结束签到" }).click();
    await organiser.getByText("签到已结束。").waitFor();
    const [hours] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "TrainingHoursEntry" WHERE source = 'MEETING' AND "userId" = $1`, [await userId("counselor")]);
    expect(hours!.n).toBeGreaterThanOrEqual(1);
  });

  it("two note-takers type into the minutes at the same time and both texts are kept", async () => {
    // The organiser opens the minutes first: they are created from the agenda.
    const organiser = await signedIn("admin");
    await organiser.goto(`${baseUrl}/meetings/${meeting.meetingId}/minutes`);
    await organiser.getByRole("heading", { level: 1, name: "会议纪要", exact: true }).waitFor();
    await organiser.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor();
    await audit(organiser, "minutes (organiser)");

    const open = async (username: string) => {
      const page = await signedIn(username);
      await page.goto(`${baseUrl}/meetings/${meeting.meetingId}/minutes`);
      await page.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor();
      const body = page.getByRole("textbox", { name: "文档正文" });
      await expect(body.getAttribute("contenteditable")).resolves.toBe("true");
      return { page, body };
    };
    const leader = await open("leader");
    const backbone = await open("backbone");
    // Each takes a new line of their own, one after the other, and both editors show both lines
    // before the typing starts: a new line that arrives while a caret is being placed can move
    // that caret into the other person's line (the same order as the documents' co-authoring test).
    const paragraphs = (body: typeof leader.body) => body.locator("p").count();
    const before = await paragraphs(leader.body);
    const newLine = async ({ page, body }: typeof leader) => {
      await body.click();
      await page.keyboard.press("Control+End");
      await page.keyboard.press("Enter");
    };
    await newLine(backbone);
    await expect.poll(() => paragraphs(leader.body)).toBe(before + 1);
    await newLine(leader);
    await expect.poll(() => paragraphs(backbone.body)).toBe(before + 2);
    // At the same moment, each line as one input (as an input method commits a phrase): typed key
    // by key on a machine busy with other tests, a keystroke arriving from the other editor while
    // a caret moves could land mid-word, which is the editor's business, not this test's.
    await Promise.all([leader.page.keyboard.insertText("张明华记录：理论学习讨论了三点体会"), backbone.page.keyboard.insertText("李雪记录：案例分享来自心理中心")]);
    for (const { body } of [leader, backbone]) {
      await body.getByText("张明华记录：理论学习讨论了三点体会").waitFor();
      await body.getByText("李雪记录：案例分享来自心理中心").waitFor();
    }
    await leader.page.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor({ timeout: 30_000 });
    await backbone.page.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor({ timeout: 30_000 });

    // 王小雨 is invited but takes no notes: she reads.
    const reader = await signedIn("counselor");
    await reader.goto(`${baseUrl}/meetings/${meeting.meetingId}/minutes`);
    await reader.getByText("你可以阅读纪要；组织者和记录员可以编辑。").waitFor();
    const readerBody = reader.getByRole("textbox", { name: "文档正文" });
    await readerBody.getByText("李雪记录：案例分享来自心理中心").waitFor();
    await expect(readerBody.getAttribute("contenteditable")).resolves.toBe("false");
    for (const page of [organiser, leader.page, backbone.page, reader]) await page.close();
  });
});

describe("我的督办事项", () => {
  it("王小雨 sees her overdue item highlighted on a phone and reports progress on it", async () => {
    const meeting = await testMeeting();
    const overdueTitle = `逾期督办（${crypto.randomBytes(2).toString("hex")}）`;
    await actionItem(meeting, overdueTitle, day(-5));
    await actionItem(meeting, `下月督办（${crypto.randomBytes(2).toString("hex")}）`, day(20));
    const phone = await signedIn("counselor", { viewport: PHONE, hasTouch: true, isMobile: true });
    await phone.goto(`${baseUrl}/meetings/actions?status=overdue`);
    await phone.getByRole("heading", { level: 1, name: "我的督办事项" }).waitFor();
    const row = phone.getByRole("row").filter({ hasText: overdueTitle });
    await row.getByText("逾期", { exact: true }).waitFor();
    await audit(phone, "my action items (375 px)");

    await row.getByLabel(`新状态 ${overdueTitle}`).selectOption("IN_PROGRESS");
    await row.getByLabel(`进展说明 ${overdueTitle}`).fill("已完成一半的走访");
    await row.getByRole("button", { name: `更新 ${overdueTitle}` }).click();
    await phone.getByText(`已更新“${overdueTitle}”。`).waitFor();
    const [update] = await query<{ note: string; toStatus: string }>(`SELECT note, "toStatus" FROM "ActionItemUpdate" WHERE "actionItemId" = $1`, [meeting.actionIds[0]]);
    expect(update).toEqual({ note: "已完成一半的走访", toStatus: "IN_PROGRESS" });
  });
});
