import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { codeFor, stepAt } from "~/training/check-in-code.ts";
import { launchBrowser, login, newPage, settled } from "../support/browser.ts";
import { query, undoChangesTo, userId } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
const PHONE = { width: 375, height: 812 };
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("check-in at a training session", () => {
  let sessionId: string;
  // Seeded: the demo counselor 王小雨 holds a seat in an elective whose sessions are still to come
  // (check-in never opened). The test opens one, checks her in and puts everything back.
  beforeEach(async () => {
    const [counselor, admin] = await Promise.all([userId("counselor"), userId("admin")]);
    const [session] = await query<{ id: string }>(
      `SELECT s.id FROM "TrainingSession" s JOIN "TrainingEnrolment" e ON e."courseId" = s."courseId"
        WHERE e."userId" = $1 AND e.status = 'ENROLLED' AND s."checkInOpenedAt" IS NULL AND s."startsAt" > now()
        ORDER BY s."startsAt", s.id LIMIT 1`,
      [counselor],
    );
    expect(session, "the seed gives the demo counselor a seat in a future session").toBeDefined();
    sessionId = session!.id;
    await undoChangesTo("TrainingSession", { id: sessionId });
    await undoChangesTo("TrainingAttendance", { sessionId });
    await undoChangesTo("TrainingHoursEntry", { userId: counselor, source: "ATTENDANCE" });
    await undoChangesTo("AuditLog", { actorId: admin, action: ["training.check-in-open", "training.check-in-close"] });
  });

  it("the organiser opens check-in; a counselor on a phone types the code on screen and is recorded once; an old code is refused", async () => {
    const organiser = await newPage(browser);
    await login(organiser, baseUrl, "admin");
    await organiser.waitForURL((url) => url.pathname === "/");
    await organiser.goto(`${baseUrl}/training/sessions/${sessionId}/check-in`);
    await organiser.getByRole("heading", { level: 1, name: "现场签到" }).waitFor();
    await organiser.getByRole("button", { name: "开始签到" }).click();
    await organiser.getByRole("img", { name: "签到二维码" }).waitFor();
    const shown = async () => (await organiser.getByTestId("check-in-code").textContent())!.trim();
    expect(await shown()).toMatch(/^\d{6}$/);

    const phone = await newPage(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
    await login(phone, baseUrl, "counselor");
    await phone.waitForURL((url) => url.pathname === "/");
    await phone.goto(`${baseUrl}/training/check-in`);
    await phone.getByRole("heading", { level: 1, name: "培训签到" }).waitFor();
    const codeField = phone.getByLabel("屏幕上的 6 位签到码");

    // A code from a few steps ago (a photo passed on) is refused in Chinese.
    const [row] = await query<{ secret: string }>(`SELECT "checkInSecret" AS secret FROM "TrainingSession" WHERE id = $1`, [sessionId]);
    await codeField.fill(codeFor(row!.secret, sessionId, stepAt(new Date()) - 3));
    await phone.getByRole("button", { name: "签到", exact: true }).click();
    await phone.getByText("签到码已过期，请输入屏幕上最新的签到码或重新扫码。").waitFor();

    await codeField.fill(await shown());
    await phone.getByRole("button", { name: "签到", exact: true }).click();
    await phone.getByText("签到成功。").waitFor();
    // The phone page fits the width: nothing scrolls sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // The organiser's screen counts her with the next code, and the roster says she is in.
    await organiser.getByTestId("checked-in-count").filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    // The roster pages by 50 in surname order (王 comes late): the organiser turns pages to find her.
    const her = organiser.getByRole("row").filter({ hasText: "王小雨" });
    for (let turns = 0; !(await her.count()) && turns < 20; turns++) {
      await organiser.getByRole("link", { name: "下一页" }).first().click();
      await settled(organiser);
    }
    await her.getByText(/^已签到/).waitFor();

    const recorded = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "TrainingAttendance" WHERE "sessionId" = $1`, [sessionId]);
    expect(recorded[0]!.n).toBe(1);
    await organiser.getByRole("button", { name: "结束签到" }).click();
    await organiser.getByText("签到已结束。").waitFor();
  });
});

describe("the training record pages on a phone", () => {
  it("external training and the hours ledger fit 375 px, with their Chinese headings and the counselor's seeded hours", async () => {
    const phone = await newPage(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
    await login(phone, baseUrl, "counselor");
    await phone.waitForURL((url) => url.pathname === "/");
    await phone.goto(`${baseUrl}/training/external`);
    await phone.getByRole("heading", { level: 1, name: "校外培训" }).waitFor();
    await phone.getByRole("button", { name: "提交审核" }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Seeded: 王小雨 has attended part of her plan, so her ledger has entries from check-ins.
    await phone.goto(`${baseUrl}/training/ledger`);
    await phone.getByRole("heading", { level: 1, name: "学时台账" }).waitFor();
    await phone.getByText("签到", { exact: true }).first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
