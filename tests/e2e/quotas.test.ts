import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, settled } from "../support/browser.ts";
import { query, undoChangesTo, userId } from "../support/e2e-database.ts";
import { axeFindings, listed, openPage, PHONE, sidewaysOverflow, signedInContext } from "../support/page-audit.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("推荐名额 (学工部) on a phone", () => {
  it("creates a quota, reads the ranked candidates with their reasons, picks one and confirms, at 375 px, axe clean", async () => {
    const admin = await userId("admin");
    const title = `E2E 省级培训名额 ${Date.now()}`;
    // Undone afterwards: the quota (its candidates go with it), the notice to the chosen, the audit entries.
    await undoChangesTo("Quota", { title });
    await undoChangesTo("Notification", { type: "quotas.notices.chosen", "data.title": title });
    await undoChangesTo("AuditLog", { actorId: admin, action: ["quota.create", "quota.rank", "quota.pick", "quota.decide"] });

    const phone = await newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    await signedInContext(phone.context(), "admin");
    const findings: string[] = [];
    const audit = async (path: string) => {
      findings.push(...(await axeFindings(phone, `${path} @375`)));
      const overflow = await sidewaysOverflow(phone, path);
      if (overflow) findings.push(overflow);
    };

    await openPage(phone, "/quotas");
    await phone.getByRole("heading", { level: 1, name: "推荐名额" }).waitFor();
    await audit("/quotas");
    await phone.getByRole("link", { name: "新建名额" }).click();
    await phone.getByRole("heading", { level: 1, name: "新建推荐名额" }).waitFor();
    await settled(phone);
    await audit("/quotas/new");

    // Bad input first: no seats.
    await phone.getByLabel("名称").fill(title);
    await phone.getByLabel("名额数").fill("0");
    await phone.getByRole("button", { name: "保存并生成候选名单" }).click();
    await phone.getByText("名额数须为 1 到 200 的整数。").waitFor();
    expect(await query(`SELECT 1 FROM "Quota" WHERE title = $1`, [title])).toHaveLength(0);

    await phone.getByLabel("名额数").fill("1");
    await phone.getByRole("button", { name: "保存并生成候选名单" }).click();
    await phone.getByRole("heading", { level: 1, name: title }).waitFor();
    await phone.getByText("名额已创建，候选名单已生成。").waitFor();
    await settled(phone);
    await audit("/quotas/:id");

    // Every candidate says why: at least this year's hours.
    const table = phone.getByRole("table", { name: "候选人及得分依据" });
    await table.getByText(/本年度学时/).first().waitFor();
    const first = await query<{ name: string }>(
      `SELECT u.name FROM "QuotaCandidate" c JOIN "User" u ON u.id = c."userId" JOIN "Quota" q ON q.id = c."quotaId" WHERE q.title = $1 ORDER BY c.rank LIMIT 1`,
      [title],
    );
    const name = first[0]!.name;
    await table.getByRole("checkbox", { name: `选择 ${name}` }).check();
    await phone.getByRole("button", { name: "保存本页选择" }).click();
    await phone.getByText("已保存选择：共选 1 人。").waitFor();
    await phone.getByRole("heading", { name: "人选（1/1）" }).waitFor();

    await phone.getByRole("button", { name: "确认人选并通知" }).click();
    await phone.getByRole("dialog").getByRole("button", { name: "确认人选并通知" }).click();
    await phone.getByText("已确定人选，已通知 1 人。").waitFor();
    await phone.getByText("已通知", { exact: true }).waitFor();
    await audit("/quotas/:id (decided)");

    const quota = await query<{ status: string }>(`SELECT status::text FROM "Quota" WHERE title = $1`, [title]);
    expect(quota[0]!.status).toBe("DECIDED");
    expect(findings, listed(findings)).toEqual([]);
  });
});
