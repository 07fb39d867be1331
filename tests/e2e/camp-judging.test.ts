import crypto from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, settled, signedInPage } from "../support/browser.ts";
import { afterwards, query, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, listed, PHONE, sidewaysOverflow } from "../support/page-audit.ts";

/**
 * A judged round (谈心谈话) in the browser: the judge (the demo 校外导师, of no college) scores 王小雨 on
 * a phone and the organiser (学工部) watches the sheet arrive on the live board without a reload.
 * No camp is seeded on this branch: the test writes one of its own and deletes it afterwards.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const id = () => `e2e${crypto.randomBytes(10).toString("hex")}`;
const CRITERIA = [
  ["抓住主题", 25],
  ["以理服人", 25],
  ["语言与态度", 20],
  ["消除顾虑", 20],
  ["效果", 10],
] as const;

async function testRound() {
  const [admin, counselor, mentor] = await Promise.all(["admin", "counselor", "external"].map(userId));
  const [campId, roundId, rubricId, topicId, entryId, judgeId, sheetId] = [id(), id(), id(), id(), id(), id(), id()];
  const title = `浏览器测试训练营（${crypto.randomBytes(3).toString("hex")}）`;
  await undoChangesTo("AuditLog", { actorId: [admin!, mentor!], action: "camp.sheet-submit" });
  afterwards(`remove the camp “${title}”`, async () => {
    await query(`DELETE FROM "Camp" WHERE id = $1`, [campId]);
    await query(`DELETE FROM "Rubric" WHERE id = $1`, [rubricId]);
  });
  await query(`INSERT INTO "Camp" (id, title, year, status, "createdAt", "updatedAt") VALUES ($1, $2, 2026, 'OPEN', now(), now())`, [campId, title]);
  await query(`INSERT INTO "CampParticipant" ("campId", "userId", stage, "collegeId") SELECT $1, id, 'NOVICE', "collegeId" FROM "User" WHERE id = $2`, [campId, counselor]);
  await query(`INSERT INTO "CampJudge" (id, "campId", "userId", "collegeId") SELECT $1, $2, id, "collegeId" FROM "User" WHERE id = $3`, [judgeId, campId, mentor]);
  await query(`INSERT INTO "Rubric" (id, name, kind, "createdAt") VALUES ($1, '谈心谈话评分细则', 'TALK', now())`, [rubricId]);
  for (const [index, [name, weight]] of CRITERIA.entries()) {
    await query(`INSERT INTO "RubricCriterion" (id, "rubricId", position, name, weight, duties) VALUES ($1, $2, $3, $4, $5, ARRAY['MENTAL_HEALTH']::"Duty"[])`, [id(), rubricId, index + 1, name, weight]);
  }
  await query(
    `INSERT INTO "CampRound" (id, "campId", kind, weight, position, "rubricId", "scoringRule", "judgesPerContestant", "disagreementTolerance", "createdAt", "updatedAt")
     VALUES ($1, $2, 'TALK', 25, 4, $3, 'MEAN', 1, 10, now(), now())`,
    [roundId, campId, rubricId],
  );
  await query(`INSERT INTO "CampTopic" (id, "roundId", title, body, position, "createdAt") VALUES ($1, $2, '新生想家想退学', '一名大一新生多次提出退学……', 1, now())`, [topicId, roundId]);
  await query(`INSERT INTO "CampRoundEntry" (id, "roundId", "campId", "userId", sequence, "topicId", "drawnAt", "drawnById", "createdAt") VALUES ($1, $2, $3, $4, 1, $5, now(), $4, now())`, [
    entryId,
    roundId,
    campId,
    counselor,
    topicId,
  ]);
  await query(`INSERT INTO "JudgeAssignment" (id, "roundId", "entryId", "judgeId", "createdAt") VALUES ($1, $2, $3, $4, now())`, [sheetId, roundId, entryId, judgeId]);
  const [judge] = await query<{ name: string }>(`SELECT name FROM "User" WHERE id = $1`, [mentor]);
  return { campId, roundId, sheetId, judgeName: judge!.name };
}

const signedIn = (username: string, options: Parameters<typeof newPage>[1] = {}) => signedInPage(browser, baseUrl, username, options);

async function audit(page: Page, where: string) {
  await settled(page);
  const findings = await axeFindings(page, where);
  expect(findings, `axe findings: ${listed(findings)}`).toEqual([]);
  expect(await sidewaysOverflow(page, where)).toBeNull();
}

describe("a judged round", () => {
  it("a judge scores on a phone and the organiser's board shows the sheet arrive without a reload", async () => {
    const round = await testRound();
    const organiser = await signedIn("admin");
    await organiser.goto(`${baseUrl}/camp/${round.campId}/rounds/${round.roundId}/board`);
    await organiser.getByRole("heading", { level: 1 }).waitFor();
    await organiser.getByText(`${round.judgeName} 未提交`).waitFor();
    await organiser.getByText("实时更新中").waitFor();
    await audit(organiser, "live board");
    // Marks the page: a reload would lose it.
    await organiser.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

    const phone = await signedIn("external", { viewport: PHONE, hasTouch: true, isMobile: true });
    await phone.goto(`${baseUrl}/camp/judging`);
    await phone.getByRole("heading", { level: 1, name: "我的评分" }).waitFor();
    await audit(phone, "my judging (375 px)");
    await phone.getByRole("link", { name: "为 王小雨 评分" }).click();
    await phone.getByText("新生想家想退学").waitFor();
    await audit(phone, "score sheet (375 px)");

    // Out of the scale: refused in Chinese, nothing stored.
    await phone.getByLabel("抓住主题（满分 25）").fill("30");
    await phone.getByRole("button", { name: "保存草稿" }).click();
    await phone.getByText("“抓住主题”的得分须在 0 到 25 之间。").first().waitFor();

    const points = ["22", "21.5", "16", "15", "8"];
    for (const [index, [name, weight]] of CRITERIA.entries()) await phone.getByLabel(`${name}（满分 ${weight}）`).fill(points[index]!);
    await phone.getByLabel("评语").fill("共情到位，方法得当。");
    await phone.getByRole("button", { name: "提交评分" }).click();
    const prompt = phone.getByRole("alertdialog");
    await prompt.getByText(/提交后不能再修改/).waitFor();
    await prompt.getByRole("button", { name: "提交评分" }).click();
    await phone.getByText("评分已提交。").waitFor();
    await phone.getByText(/评分表只读/).waitFor();
    expect(await phone.getByLabel("抓住主题（满分 25）").isDisabled()).toBe(true);

    await organiser.getByText(`${round.judgeName} 已提交 82.5 分`).waitFor({ timeout: 15_000 });
    expect(await organiser.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await audit(organiser, "live board (sheet in)");
    for (const page of [organiser, phone]) await page.close();
  });
});
