import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, settled } from "../support/browser.ts";
import { idOf, query, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, listed, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Presses Tab until `target` has the focus: it is reachable by keyboard, in the page's order. */
async function tabTo(page: Page, target: Locator, most = 200) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reached with ${most} presses of Tab`);
}

describe("培训设置 (学工部) on a phone", () => {
  it("edits a plan's yearly hours and grants a small college the right to organise alone, by keyboard, at 375 px, axe clean", async () => {
    const admin = await userId("admin");
    await undoChangesTo("TrainingPlan", { stage: "NOVICE" });
    await undoChangesTo("TrainingPlanItem", { planId: "plan-novice" });
    await undoChangesTo("AuditLog", { actorId: admin, action: ["training.plan-update", "training.college-override-grant"] });

    const phone = await newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    await signedInContext(phone.context(), "admin");
    const findings: string[] = [];
    const audit = async (path: string) => {
      findings.push(...(await axeFindings(phone, `${path} @375`)));
      const overflow = await sidewaysOverflow(phone, path);
      if (overflow) findings.push(overflow);
    };

    // The catalogue (where 学工部 lands) links to the settings in the section navigation.
    await openPage(phone, "/training/courses");
    await phone.getByRole("navigation", { name: "培训栏目" }).getByRole("link", { name: "培训设置" }).click();
    await phone.getByRole("heading", { level: 1, name: "培训设置" }).waitFor();
    await settled(phone);
    await audit("/training/settings");

    // The novice plan: its yearly hours from 32 to 36, by keyboard only.
    const plan = phone.getByRole("form", { name: "初任期" });
    const hours = plan.getByLabel("年度学时要求");
    expect(await hours.inputValue()).toBe("32");
    await tabTo(phone, hours);
    await phone.keyboard.press("ControlOrMeta+A");
    await phone.keyboard.type("36");
    await tabTo(phone, plan.getByRole("button", { name: "保存计划" }));
    await phone.keyboard.press("Enter");
    await phone.getByText("“新任辅导员基础能力提升计划”已保存。").waitFor();
    const saved = await query<{ yearlyHours: string }>(`SELECT "yearlyHours"::text AS "yearlyHours" FROM "TrainingPlan" WHERE stage = 'NOVICE'`);
    expect(Number(saved[0]!.yearlyHours)).toBe(36);
    // Its required items were kept as they were.
    expect((await query(`SELECT 1 FROM "TrainingPlanItem" WHERE "planId" = 'plan-novice'`)).length).toBe(3);

    // Two levels: a new college without full-time counselors yet (listed first by its code) may be
    // granted the right in writing, by keyboard. Undone afterwards: the override, then the college.
    const college = `E2E 新设学院 ${Date.now()}`;
    await undoChangesTo("College", { name: college });
    await query(`INSERT INTO "College" (id, code, name) VALUES ($1, $2, $3)`, [`e2e-college-${Date.now()}`, `0E2E${Date.now()}`, college]);
    const collegeId = await idOf("College", { name: college });
    await undoChangesTo("CollegeTrainingOverride", { collegeId });
    await phone.getByRole("link", { name: "校院两级" }).click();
    await phone.getByRole("heading", { level: 1, name: "校院两级" }).waitFor();
    await settled(phone);
    await audit("/training/settings/colleges");
    const reason = phone.getByLabel(`准许${college}单独组织的理由`, { exact: true });
    await tabTo(phone, reason);
    await phone.keyboard.type("该学院承担全校心理健康教育专题培训，经学工部研究同意。");
    await tabTo(phone, phone.getByRole("button", { name: `书面准许 ${college}` }));
    await phone.keyboard.press("Enter");
    await phone.getByText(`已准许${college}单独组织院级培训。`).waitFor();
    await phone.getByRole("button", { name: `撤销准许 ${college}` }).waitFor();
    const override = await query<{ reason: string }>(`SELECT reason FROM "CollegeTrainingOverride" WHERE "collegeId" = $1`, [collegeId]);
    expect(override.map((o) => o.reason)).toEqual(["该学院承担全校心理健康教育专题培训，经学工部研究同意。"]);
    await audit("/training/settings/colleges (granted)");

    await phone.getByRole("link", { name: "专项经费" }).click();
    await phone.getByRole("heading", { level: 1, name: "专项经费" }).waitFor();
    await settled(phone);
    await audit("/training/settings/budgets");

    expect(findings, `axe findings and sideways scrolling:${listed(findings)}`).toEqual([]);
  }, 180_000);
});
