import crypto from "node:crypto";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, settled } from "../support/browser.ts";
import { afterwards, query, trackContext, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, DESKTOP, listed, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

/**
 * The camp's smaller items of issue 20 in the browser (decisions 130–132): the board of a round of
 * 45 contestants a page at a time and filtered, staying live; a contestant's draw without
 * JavaScript; 不感兴趣 on a recommended course in the training menu and 恢复 on the results page; the
 * live count while ticking targets; the cut offered for 人物辨识. Each page at 1280 and 375 px, axe
 * clean, nothing sideways. The test's own camp is written by SQL and deleted afterwards.
 */
const baseUrl = inject("baseUrl");
const SEED_CAMP = "seed-camp-last-year";
const DRAFT_CAMP = "seed-camp-this-year";
const CONTESTANTS = 45;
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const id = () => `e2e${crypto.randomBytes(10).toString("hex")}`;

async function signedIn(username: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: DESKTOP, reducedMotion: "reduce", ...options });
  trackContext(context);
  await signedInContext(context, username);
  return context.newPage();
}

/** axe and sideways overflow at 1280 and 375 px, the page reloaded at each width; a screenshot of each for a look. */
async function audit(page: Page, where: string) {
  const findings: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.reload();
    await settled(page);
    findings.push(...(await axeFindings(page, `${where} @${viewport.width}`)));
    const sideways = await sidewaysOverflow(page, `${where} @${viewport.width}`);
    if (sideways) findings.push(sideways);
    if (process.env.CAMP_ITEMS_SHOTS) await page.screenshot({ path: `${process.env.CAMP_ITEMS_SHOTS}/${where.replace(/\W+/g, "-")}-${viewport.width}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
  expect(findings, `findings:${listed(findings)}`).toEqual([]);
}

/**
 * An open camp with a 谈心谈话 round of 45 contestants (the demo counselor last, not yet drawn) in
 * panels A and B, one topic, the external mentor judging everyone: the first 40 sheets are in.
 */
async function bigRound() {
  const [counselor, mentor] = await Promise.all([userId("counselor"), userId("external")]);
  const [campId, roundId, rubricId, criterionId, topicId, judgeId] = [id(), id(), id(), id(), id(), id()];
  const title = `看板分页训练营（${crypto.randomBytes(3).toString("hex")}）`;
  afterwards(`remove the camp “${title}”`, async () => {
    await query(`DELETE FROM "Camp" WHERE id = $1`, [campId]);
    await query(`DELETE FROM "Rubric" WHERE id = $1`, [rubricId]);
  });
  await undoChangesTo("AuditLog", { actorId: [counselor!, mentor!] });
  await query(`INSERT INTO "Camp" (id, title, year, status, "createdAt", "updatedAt") VALUES ($1, $2, 2026, 'OPEN', now(), now())`, [campId, title]);
  const others = await query<{ id: string }>(
    `SELECT u.id FROM "User" u JOIN "CounselorProfile" p ON p."userId" = u.id WHERE u.active AND u.id <> ALL($1::text[]) ORDER BY u.username LIMIT ${CONTESTANTS - 1}`,
    [[counselor, mentor]],
  );
  expect(others).toHaveLength(CONTESTANTS - 1);
  const people = [...others.map((o) => o.id), counselor!];
  await query(`INSERT INTO "CampParticipant" ("campId", "userId", stage, "collegeId") SELECT $1, id, 'NOVICE', "collegeId" FROM "User" WHERE id = ANY($2::text[])`, [campId, people]);
  await query(`INSERT INTO "CampJudge" (id, "campId", "userId", "collegeId") VALUES ($1, $2, $3, NULL)`, [judgeId, campId, mentor]);
  await query(`INSERT INTO "Rubric" (id, name, kind, "createdAt") VALUES ($1, '谈心谈话评分细则', 'TALK', now())`, [rubricId]);
  await query(`INSERT INTO "RubricCriterion" (id, "rubricId", position, name, weight, duties) VALUES ($1, $2, 1, '总体表现', 100, ARRAY['MENTAL_HEALTH']::"Duty"[])`, [criterionId, rubricId]);
  await query(
    `INSERT INTO "CampRound" (id, "campId", kind, weight, position, "rubricId", "scoringRule", "judgesPerContestant", "disagreementTolerance", "entriesFixedAt", "createdAt", "updatedAt")
     VALUES ($1, $2, 'TALK', 25, 4, $3, 'MEAN', 1, 10, now(), now(), now())`,
    [roundId, campId, rubricId],
  );
  await query(`INSERT INTO "CampTopic" (id, "roundId", title, body, position, "createdAt") VALUES ($1, $2, '新生想家想退学', '一名大一新生多次提出退学……', 1, now())`, [topicId, roundId]);
  const sheets: string[] = [];
  for (const [index, person] of people.entries()) {
    const [entryId, sheetId] = [id(), id()];
    sheets.push(sheetId);
    await query(`INSERT INTO "CampRoundEntry" (id, "roundId", "campId", "userId", panel, sequence, "createdAt") VALUES ($1, $2, $3, $4, $5, $6, now())`, [
      entryId,
      roundId,
      campId,
      person,
      index % 2 === 0 ? "A" : "B",
      index + 1,
    ]);
    const done = index < 40;
    await query(`INSERT INTO "JudgeAssignment" (id, "roundId", "entryId", "judgeId", "submittedAt", total, "createdAt") VALUES ($1, $2, $3, $4, $5, $6, now())`, [
      sheetId,
      roundId,
      entryId,
      judgeId,
      done ? new Date() : null,
      done ? 80 : null,
    ]);
  }
  return { campId, roundId, criterionId, sheets };
}

describe("the camp's smaller items", () => {
  it("the board of 45 pages and filters, and stays live on its second page", async () => {
    const round = await bigRound();
    const organiser = await signedIn("admin");
    const board = `${baseUrl}/camp/${round.campId}/rounds/${round.roundId}/board`;
    await organiser.goto(board);
    await organiser.getByTestId("board-matching").getByText("符合条件的选手 45 / 45 位").waitFor();
    await organiser.getByText("实时更新中").waitFor();
    expect(await organiser.locator("tbody tr").count()).toBe(40);
    await audit(organiser, "board page 1");
    await organiser.getByRole("link", { name: "下一页" }).click();
    await organiser.waitForURL(/page=2/);
    await organiser.getByText("第 2 页，共 2 页").first().waitFor();
    expect(await organiser.locator("tbody tr").count()).toBe(5);

    // Only those missing a sheet, of panel B: a GET form, so the address keeps it.
    await organiser.getByLabel("评审组").selectOption("B");
    await organiser.getByLabel("显示").selectOption("missing");
    await organiser.getByRole("button", { name: "筛选", exact: true }).click();
    await organiser.waitForURL(/show=missing/);
    await organiser.getByTestId("board-matching").getByText("符合条件的选手 2 / 45 位").waitFor();
    await organiser.getByText("实时更新中").waitFor();
    await audit(organiser, "board filtered");
    await organiser.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

    // The judge submits contestant 42's sheet (panel B, missing): the filtered board updates without a reload.
    const judge = await signedIn("external");
    await judge.goto(`${baseUrl}/camp/judging`);
    const status = await judge.evaluate(
      async ({ sheet, criterion }) => {
        const form = new URLSearchParams({ intent: "submit", confirmed: "yes", [`scores.${criterion}`]: "75", comment: "条理清楚。" });
        return (await fetch(`/camp/judging/${sheet}`, { method: "POST", body: form })).status;
      },
      { sheet: round.sheets[41]!, criterion: round.criterionId },
    );
    expect(status).toBe(200);
    await organiser.getByTestId("board-matching").getByText("符合条件的选手 1 / 45 位").waitFor({ timeout: 15_000 });
    expect(await organiser.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await organiser.getByTestId("board-counts").getByText(/已提交 41 \/ 45 张评分表/).waitFor();
    await organiser.context().close();
    await judge.context().close();
  });

  it("a contestant draws the topic without JavaScript: asked first, then the topic on the camp page", async () => {
    const round = await bigRound();
    const page = await signedIn("counselor", { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/camp/${round.campId}`);
    await page.getByText("尚未抽签。").waitFor();
    await page.getByRole("button", { name: "谈心谈话：抽签" }).click();
    const prompt = page.getByRole("alertdialog");
    await prompt.getByText("现在为谈心谈话抽签？只能抽一次，结果会被记录。").waitFor();
    await prompt.getByRole("button", { name: "抽签" }).click();
    await page.getByTestId("my-topic").getByText("新生想家想退学").waitFor();
    const [entry] = await query<{ drawnById: string; topicId: string }>(`SELECT "drawnById", "topicId" FROM "CampRoundEntry" WHERE "roundId" = $1 AND "userId" = $2`, [
      round.roundId,
      await userId("counselor"),
    ]);
    expect(entry).toMatchObject({ drawnById: await userId("counselor") });
    expect(entry!.topicId).toBeTruthy();
    await page.context().close();
    // The same page with JavaScript (axe runs in the page), at both widths.
    const withJs = await signedIn("counselor");
    await withJs.goto(`${baseUrl}/camp/${round.campId}`);
    await withJs.getByTestId("my-topic").waitFor();
    await audit(withJs, "camp page drawn");
    await withJs.context().close();
  });

  it("the counselor sets a recommended course aside in her menu and restores it on her results page", async () => {
    const me = (await userId("counselor"))!;
    await undoChangesTo("CampRecommendation", { userId: me });
    await undoChangesTo("AuditLog", { actorId: me });
    const [course] = await query<{ title: string }>(
      `SELECT c.title FROM "CampRecommendation" r JOIN "TrainingCourse" c ON c.id = r."courseId" WHERE r."campId" = $1 AND r."userId" = $2 AND r."dismissedAt" IS NULL ORDER BY r."createdAt", r.id LIMIT 1`,
      [SEED_CAMP, me],
    );
    expect(course, "the demo camp recommends the demo counselor a course").toBeTruthy();
    const page = await signedIn("counselor");
    await page.goto(`${baseUrl}/training`);
    const dismiss = page.getByRole("button", { name: `不感兴趣：${course!.title}` });
    await dismiss.waitFor();
    await audit(page, "menu with recommendation");
    await dismiss.click();
    await page.getByText(`已忽略「${course!.title}」，它不再出现在你的培训菜单中。`).waitFor();
    await expect.poll(() => page.getByRole("button", { name: `不感兴趣：${course!.title}` }).count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole("link", { name: "查看已忽略的推荐（1）" }).click();
    await page.getByRole("heading", { name: "已忽略的推荐" }).waitFor();
    await audit(page, "results with dismissed");
    await page.getByRole("button", { name: `恢复推荐：${course!.title}` }).click();
    await page.getByText(`已恢复「${course!.title}」，它重新出现在你的培训菜单中。`).waitFor();
    await page.goto(`${baseUrl}/training`);
    await page.getByRole("button", { name: `不感兴趣：${course!.title}` }).waitFor();
    await page.context().close();
  });

  it("the organiser sees the count while ticking targets, before saving, and the cut is offered for 人物辨识", async () => {
    await undoChangesTo("CampTarget", { campId: DRAFT_CAMP });
    const page = await signedIn("admin");
    await page.goto(`${baseUrl}/camp/${DRAFT_CAMP}/people`);
    const live = page.getByTestId("targets-live-count");
    await live.waitFor();
    const before = await live.textContent();
    const [college] = await query<{ name: string; people: number }>(
      `SELECT c.name, count(u.id)::int AS people FROM "College" c JOIN "User" u ON u."collegeId" = c.id JOIN "CounselorProfile" p ON p."userId" = u.id WHERE u.active GROUP BY c.id, c.name ORDER BY count(u.id) DESC, c.name LIMIT 1`,
    );
    const targetsBefore = await query(`SELECT id FROM "CampTarget" WHERE "campId" = $1`, [DRAFT_CAMP]);
    // The demo draft targets 全体辅导员: untick it and tick one college instead; the count follows, nothing is saved.
    const count = async () => Number((await live.textContent())?.match(/^按当前勾选，共 (\d+) 人参加/)?.[1] ?? NaN);
    const everyone = await count();
    await page.getByRole("group", { name: "群体" }).getByLabel("全体辅导员").uncheck();
    await page.getByRole("group", { name: "学院" }).getByLabel(college!.name).check();
    await expect.poll(count, { timeout: 10_000 }).toBeLessThan(everyone);
    expect(await count()).toBeGreaterThan(0);
    expect(before).toContain(String(everyone));
    expect(await query(`SELECT id FROM "CampTarget" WHERE "campId" = $1`, [DRAFT_CAMP])).toEqual(targetsBefore);
    await audit(page, "people live count");

    await page.goto(`${baseUrl}/camp/${DRAFT_CAMP}/edit`);
    const identification = page.getByRole("group", { name: "人物辨识" });
    await identification.getByLabel("晋级来源").waitFor();
    await audit(page, "camp form with cut into identification");
    await page.context().close();
  });
});
