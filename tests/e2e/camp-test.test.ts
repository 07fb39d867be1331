import crypto from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, settled, signedInPage } from "../support/browser.ts";
import { afterwards, query, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, listed, PHONE, sidewaysOverflow } from "../support/page-audit.ts";

/**
 * Taking the knowledge test (基础知识测试) in the browser as 王小雨: starting it, answering every
 * question, reloading mid-test and finding the answers kept, submitting; and on a phone, a short
 * deadline passing and the paper submitted by itself. Each test writes a camp of its own with SQL
 * (open, 王小雨 its participant, a test of one question of each kind) and four questions of its own,
 * and takes them away afterwards.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const id = () => `e2e${crypto.randomBytes(10).toString("hex")}`;
const REFERENCE = `浏览器测试参考答案${crypto.randomBytes(3).toString("hex")}`;

/** A camp under way with its knowledge test, 王小雨 taking part. Returns the camp's id. */
async function testCamp(): Promise<string> {
  const counselor = (await userId("counselor"))!;
  const campId = id();
  const roundId = id();
  const title = `浏览器测试训练营（${crypto.randomBytes(3).toString("hex")}）`;
  const questionIds: string[] = [];
  await undoChangesTo("AuditLog", { actorId: counselor, action: ["camp.test.start", "camp.test.submit"] });
  afterwards(`remove the camp “${title}” and its questions`, async () => {
    await query(`DELETE FROM "Camp" WHERE id = $1`, [campId]);
    await query(`UPDATE "Question" SET "currentVersionId" = NULL WHERE id = ANY($1)`, [questionIds]);
    await query(`DELETE FROM "QuestionVersion" WHERE "questionId" = ANY($1)`, [questionIds]);
    await query(`DELETE FROM "Question" WHERE id = ANY($1)`, [questionIds]);
  });
  const questions = [
    ["SINGLE", "学生深夜情绪激动来电，辅导员首先应当：", [{ text: "稳定情绪、确认安全" }, { text: "次日再联系" }, { text: "直接通知家长" }], { correct: 0 }],
    ["TRUE_FALSE", "辅导员可以把学生的心理咨询记录转给其他同学。", [], { correct: false }],
    ["FILL_IN", "辅导员是高校____队伍的重要组成部分。", [], { blanks: [["教师"]] }],
    ["SHORT_ANSWER", "请简述处置宿舍矛盾的步骤。", [], { referenceAnswer: REFERENCE }],
  ] as const;
  for (const [kind, stem, options, key] of questions) {
    const questionId = id();
    const versionId = id();
    questionIds.push(questionId);
    await query(`INSERT INTO "Question" (id, category, "createdAt", "updatedAt") VALUES ($1, '浏览器测试', now(), now())`, [questionId]);
    await query(
      `INSERT INTO "QuestionVersion" (id, "questionId", number, kind, stem, options, "answerKey", duties, difficulty, explanation, "createdAt")
       VALUES ($1, $2, 1, $3, $4, $5, $6, '{CRISIS}', 3, '浏览器测试解析', now())`,
      [versionId, questionId, kind, stem, JSON.stringify(options), JSON.stringify(key)],
    );
    await query(`UPDATE "Question" SET "currentVersionId" = $1 WHERE id = $2`, [versionId, questionId]);
  }
  const college = (await query<{ collegeId: string | null }>(`SELECT "collegeId" FROM "User" WHERE id = $1`, [counselor]))[0]!.collegeId;
  await query(`INSERT INTO "Camp" (id, title, year, status, "createdAt", "updatedAt") VALUES ($1, $2, 2026, 'OPEN', now(), now())`, [campId, title]);
  await query(`INSERT INTO "CampParticipant" ("campId", "userId", stage, "collegeId") VALUES ($1, $2, 'NOVICE', $3)`, [campId, counselor, college]);
  await query(
    `INSERT INTO "CampRound" (id, "campId", kind, weight, position, "opensAt", "closesAt", "durationMinutes", "createdAt", "updatedAt")
     VALUES ($1, $2, 'KNOWLEDGE_TEST', 25, 1, now() - interval '10 minutes', now() + interval '2 hours', 60, now(), now())`,
    [roundId, campId],
  );
  for (const [position, [kind]] of questions.entries()) {
    await query(`INSERT INTO "PaperRule" (id, "roundId", position, kind, count, "pointsEach") VALUES ($1, $2, $3, $4, 1, 2)`, [id(), roundId, position, kind]);
  }
  return campId;
}

const signedIn = (username: string, options: Parameters<typeof newPage>[1] = {}) => signedInPage(browser, baseUrl, username, options);

async function audit(page: Page, where: string) {
  await settled(page);
  const findings = await axeFindings(page, where);
  expect(findings, `axe findings: ${listed(findings)}`).toEqual([]);
  expect(await sidewaysOverflow(page, where)).toBeNull();
}

/** Starts the test from its page (the confirmation asks first). */
async function start(page: Page, campId: string) {
  await page.goto(`${baseUrl}/camp/${campId}/test`);
  await page.getByRole("heading", { level: 1, name: "基础知识测试" }).waitFor();
  await settled(page);
  await page.getByRole("button", { name: "开始作答" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "开始作答" }).click();
  await page.getByRole("timer").waitFor();
  await settled(page);
}

const question = (page: Page, number: number) => page.getByRole("group", { name: new RegExp(`^第 ${number} 题`) });
const saved = (page: Page) => page.getByRole("status").filter({ hasText: "已保存" }).waitFor();

describe("the knowledge test", () => {
  let campId: string;
  beforeEach(async () => {
    campId = await testCamp();
  });

  it("王小雨 answers every question, reloads mid-test and finds her answers kept, then submits", async () => {
    const page = await signedIn("counselor");
    await page.goto(`${baseUrl}/camp/${campId}/test`);
    await page.getByRole("heading", { level: 1, name: "基础知识测试" }).waitFor();
    await audit(page, "test before the start");
    await start(page, campId);
    expect(await page.getByRole("timer").textContent()).toMatch(/^(1:00:00|59:\d\d)$/);
    // The page holds no answer key: not the reference answer, not the key's fields.
    const html = await page.content();
    for (const word of [REFERENCE, "answerKey", "referenceAnswer", "浏览器测试解析"]) expect(html).not.toContain(word);

    // The paper is grouped by kind: single choice, true/false, fill-in, short answer (whichever the bank gave).
    await question(page, 1).getByRole("radio").first().check();
    await question(page, 2).getByLabel("错").check();
    for (const blank of await question(page, 3).getByRole("textbox").all()) await blank.fill("教师");
    await question(page, 4).getByRole("textbox").fill("先分别谈话，了解矛盾起因，再调解。");
    await saved(page);
    await audit(page, "test under way");

    await page.reload();
    await page.getByRole("timer").waitFor();
    await settled(page);
    expect(await question(page, 1).getByRole("radio").first().isChecked()).toBe(true);
    expect(await question(page, 2).getByLabel("错").isChecked()).toBe(true);
    expect(await question(page, 3).getByRole("textbox").first().inputValue()).toBe("教师");
    expect(await question(page, 4).getByRole("textbox").inputValue()).toBe("先分别谈话，了解矛盾起因，再调解。");

    await page.getByRole("button", { name: "交卷" }).click();
    await page.getByRole("dialog").getByText("确定交卷吗？交卷后不能再修改。").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "交卷" }).click();
    await page.getByText("你已完成基础知识测试").waitFor();
    const [attempt] = await query<{ submittedAt: Date | null; autoSubmitted: boolean; answers: string }>(
      `SELECT a."submittedAt", a."autoSubmitted", (SELECT count(*) FROM "AttemptAnswer" w WHERE w."attemptId" = a.id) AS answers FROM "CampAttempt" a WHERE a."campId" = $1`,
      [campId],
    );
    expect(attempt).toMatchObject({ autoSubmitted: false, answers: "4" });
    expect(attempt!.submittedAt).not.toBeNull();
  });

  it("on a phone, the paper is submitted by itself when the deadline passes", async () => {
    const page = await signedIn("counselor", { viewport: PHONE, hasTouch: true, isMobile: true });
    await start(page, campId);
    await question(page, 2).getByLabel("对").check();
    await saved(page);
    await audit(page, "test under way (375 px)");
    // The server's deadline moves close: the page counts down to it after a reload.
    await query(`UPDATE "CampAttempt" SET deadline = now() + interval '12 seconds' WHERE "campId" = $1`, [campId]);
    await page.reload();
    await page.getByRole("timer").waitFor();
    expect(await page.getByRole("timer").textContent()).toMatch(/^00:(0\d|1[0-2])$/);
    await page.getByText("作答时间已到，试卷已自动提交。").first().waitFor({ timeout: 30_000 });
    await page.getByText("你已完成基础知识测试").waitFor({ timeout: 30_000 });
    const [attempt] = await query<{ autoSubmitted: boolean; score: string | null }>(`SELECT "autoSubmitted", score::text FROM "CampAttempt" WHERE "campId" = $1`, [campId]);
    // Graded at once: the short answer was left blank, so nothing waits for the judges.
    expect(attempt!.autoSubmitted).toBe(true);
    expect(attempt!.score).not.toBeNull();
    await audit(page, "test submitted automatically (375 px)");
  });
});
