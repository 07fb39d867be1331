import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage } from "../support/browser.ts";
import { afterwards, query, undoChangesTo, userId } from "../support/e2e-database.ts";
import { pngImage } from "../support/fixtures.ts";
import { axeFindings, listed, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/**
 * 人物辨识 on a phone: the demo counselor 王小雨 starts the round, sees her students' photos and a
 * decoy (never their facts), types as she goes (kept across a reload), marks the decoy "不是我的学生"
 * and submits. The seed has no camp with this round: the test writes one (and its photos) and
 * removes it all afterwards.
 */
describe("the identification round on a phone", () => {
  let campId: string;
  const title = `E2E 人物辨识 ${crypto.randomUUID().slice(0, 8)}`;
  const photoNames = ["e2e-辨识-1.png", "e2e-辨识-2.png", "e2e-辨识-3.png"];

  beforeEach(async () => {
    const [counselor, leader] = await Promise.all([userId("counselor"), userId("leader")]);
    await undoChangesTo("UploadedFile", { name: photoNames });
    await undoChangesTo("Camp", { title });
    await undoChangesTo("AuditLog", { actorId: counselor, action: "camp-student.view-photo" });
    campId = crypto.randomUUID();
    const roundId = crypto.randomUUID();
    afterwards("remove the camp's photo directory", async () => fs.rmSync(path.join(inject("appDataDir"), "uploads", "camp-identification", campId), { recursive: true, force: true }));
    await query(`INSERT INTO "Camp" (id, title, year, status, "updatedAt") VALUES ($1, $2, 2026, 'OPEN', now())`, [campId, title]);
    await query(`INSERT INTO "CampParticipant" ("campId", "userId", stage) VALUES ($1, $2, 'NOVICE'), ($1, $3, 'EXPERIENCED')`, [campId, counselor, leader]);
    await query(
      `INSERT INTO "CampRound" (id, "campId", kind, weight, position, "durationMinutes", "photosPerPerson", "decoysPerPerson", "identificationPoints", "updatedAt")
       VALUES ($1, $2, 'IDENTIFICATION', 20, 2, 10, 2, 1, '{"name":3,"className":1,"dorm":1}', now())`,
      [roundId, campId],
    );
    await query(`INSERT INTO "CampRoundEntry" (id, "roundId", "campId", "userId") VALUES ($1, $2, $3, $4)`, [crypto.randomUUID(), roundId, campId, counselor]);
    const students = [
      { counselor, name: "周一鸣", className: "护理2301班", dorm: "5-201" },
      { counselor, name: "吴二妹", className: "护理2301班", dorm: "5-202" },
      { counselor: leader, name: "郑三多", className: "临床2302班", dorm: "8-101" },
    ];
    for (const [index, student] of students.entries()) {
      const bytes = pngImage(30, 40, [40 * index, 120, 200]);
      const storagePath = path.join("uploads", "camp-identification", campId, `${index}.png`);
      fs.mkdirSync(path.dirname(path.join(inject("appDataDir"), storagePath)), { recursive: true });
      fs.writeFileSync(path.join(inject("appDataDir"), storagePath), bytes);
      const fileId = crypto.randomUUID();
      await query(`INSERT INTO "UploadedFile" (id, name, "mimeType", size, sha256, "storagePath") VALUES ($1, $2, 'image/png', $3, $4, $5)`, [
        fileId,
        photoNames[index],
        bytes.length,
        crypto.createHash("sha256").update(bytes).digest("hex"),
        storagePath,
      ]);
      await query(`INSERT INTO "IdentificationStudent" (id, "campId", "counselorId", name, "className", dorm, "photoFileId") VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        crypto.randomUUID(),
        campId,
        student.counselor,
        student.name,
        student.className,
        student.dorm,
        fileId,
      ]);
    }
  });

  it("starts once, shows photos but no facts, keeps what is typed across a reload, submits, and passes axe at 375 px", async () => {
    const page = await newPage(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
    await signedInContext(page.context(), "counselor");
    await openPage(page, `/camp/${campId}/identification`);
    await page.getByRole("heading", { level: 1, name: "人物辨识" }).waitFor();
    expect(listed(await axeFindings(page, "before the start"))).toBe("none");
    await page.getByRole("button", { name: "开始人物辨识" }).click();

    await page.getByRole("timer", { name: "剩余时间" }).waitFor();
    const photos = page.getByRole("img", { name: /^第 \d 张照片$/ });
    await expect.poll(() => photos.count()).toBe(3);
    // Every photo loaded (served to her while drawn into her running round).
    await expect.poll(() => photos.evaluateAll((images) => images.every((image) => (image as HTMLImageElement).naturalWidth === 30))).toBe(true);
    const body = (await page.textContent("main")) ?? "";
    for (const fact of ["周一鸣", "吴二妹", "郑三多", "护理2301班", "5-201"]) expect(body).not.toContain(fact);

    const items = await query<{ position: number; name: string; decoy: boolean }>(
      `SELECT i.position, s.name, i.decoy FROM "IdentificationItem" i JOIN "IdentificationStudent" s ON s.id = i."studentId" JOIN "CampAttempt" a ON a.id = i."attemptId" WHERE a."campId" = $1 ORDER BY i.position`,
      [campId],
    );
    const own = items.find((item) => !item.decoy)!;
    const decoy = items.find((item) => item.decoy)!;
    const card = (position: number) => page.getByRole("form", { name: `第 ${position + 1} 张，共 3 张` });

    await card(own.position).getByLabel("姓名").fill(own.name);
    await card(own.position).getByLabel("班级").fill("护理2301班");
    await card(own.position).getByLabel("班级").press("Tab");
    await card(own.position).getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await card(decoy.position).getByLabel("不是我的学生").check();
    await card(decoy.position).getByRole("status").filter({ hasText: "已保存" }).waitFor();
    expect(await sidewaysOverflow(page, "the running round")).toBeNull();
    expect(listed(await axeFindings(page, "the running round"))).toBe("none");

    await page.reload();
    await page.getByRole("timer", { name: "剩余时间" }).waitFor();
    expect(await card(own.position).getByLabel("姓名").inputValue()).toBe(own.name);
    expect(await card(decoy.position).getByLabel("不是我的学生").isChecked()).toBe(true);

    await page.getByRole("button", { name: "交卷" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "交卷" }).click();
    await page.getByText("已交卷。成绩在训练营发布成绩后可见。").waitFor();
    expect(listed(await axeFindings(page, "after the submission"))).toBe("none");
    const [attempt] = await query<{ score: string; auto: boolean }>(`SELECT score::text, "autoSubmitted" AS auto FROM "CampAttempt" WHERE "campId" = $1`, [campId]);
    // Her student's name and class (3 + 1) and the decoy marked (3); the other photo left blank.
    expect(attempt).toEqual({ score: "7.00", auto: false });
  });
});
