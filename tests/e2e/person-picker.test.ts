import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { nameKeys } from "~/people/name-keys.ts";
import { idOf, query, undoChangesTo, userId } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
const STUDIO = "“心晴”心理健康教育辅导员工作室";
const PHONE = { width: 375, height: 812 };
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/**
 * The leader (张明华) invites a counselor to her studio by typing their name's pinyin into the person
 * picker and choosing with the keyboard alone, on a phone-width page. The invitee is a seeded
 * counselor in no studio and with no request (not one of the demo accounts, which other files use);
 * the invitation, its notice and audit record go after each test.
 */
let invitee: { id: string; username: string; name: string; namePinyin: string };
let studioId: string;

beforeAll(async () => {
  const rows = await query<typeof invitee>(
    `SELECT u.id, u.username, u.name, u."namePinyin" FROM "User" u
     WHERE 'COUNSELOR' = ANY(u.roles) AND u.active AND u.roles = ARRAY['COUNSELOR']::"Role"[] AND u.username ~ '^[0-9]+$'
       AND NOT EXISTS (SELECT 1 FROM "StudioMembership" m WHERE m."userId" = u.id)
       AND NOT EXISTS (SELECT 1 FROM "StudioJoinRequest" r WHERE r."userId" = u.id)
     ORDER BY u."nameSortKey", u.username LIMIT 1`,
  );
  invitee = rows[0]!;
  expect(invitee.namePinyin).toMatch(/^[a-z]+$/);
  studioId = await idOf("Studio", { name: STUDIO });
});

beforeEach(async () => {
  await undoChangesTo("StudioJoinRequest", { userId: invitee.id });
  await undoChangesTo("Notification", { userId: invitee.id });
  await undoChangesTo("AuditLog", { actorId: await userId("leader"), action: "join-request.invite", "data.userId": invitee.id });
});

async function teamPage(page: Page) {
  await login(page, baseUrl, "leader");
  await page.getByRole("heading", { name: "张明华，您好" }).waitFor();
  await page.goto(`${baseUrl}/studios/${studioId}/team`);
}

describe("the person picker on the studio team page", () => {
  it("finds the invitee by pinyin and takes them with the keyboard; Escape closes, then clears", async () => {
    const page = await newPage(browser, { viewport: PHONE });
    await teamPage(page);
    const picker = page.getByRole("combobox", { name: "被邀请人工号" });
    await picker.click();
    await picker.pressSequentially(invitee.namePinyin);
    const listbox = page.getByRole("listbox", { name: "匹配的辅导员" });
    const option = listbox.getByRole("option", { name: new RegExp(`^${invitee.name}\\s*工号 ${invitee.username}`) });
    await option.waitFor();
    await expect(picker.getAttribute("aria-expanded")).resolves.toBe("true");
    // Every option is someone whose name reads so (the surname as a surname).
    const names = await listbox.getByRole("option").locator("span:first-child").allTextContents();
    for (const name of names) expect(nameKeys(name).namePinyin.startsWith(invitee.namePinyin)).toBe(true);
    const options = names.length;

    // The list fits the phone's width.
    const box = (await listbox.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);

    // Escape closes the list and keeps the text; a second Escape clears it.
    await picker.press("Escape");
    await expect(picker.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(picker.inputValue()).resolves.toBe(invitee.namePinyin);
    await picker.press("Escape");
    await expect(picker.inputValue()).resolves.toBe("");

    // Type again; Down walks the options (Up from the top goes to the last) until the invitee is highlighted.
    await picker.pressSequentially(invitee.namePinyin);
    await option.waitFor();
    const targetId = await option.getAttribute("id");
    await picker.press("ArrowUp");
    await expect(picker.getAttribute("aria-activedescendant")).resolves.toBe(await listbox.getByRole("option").last().getAttribute("id"));
    for (let i = 0; i < options && (await picker.getAttribute("aria-activedescendant")) !== targetId; i++) await picker.press("ArrowDown");
    await expect(picker.getAttribute("aria-activedescendant")).resolves.toBe(targetId);
    await expect(option.getAttribute("aria-selected")).resolves.toBe("true");

    // Enter takes the person: their 工号 in the field (what the form posts), their name beside it.
    await picker.press("Enter");
    await expect(picker.inputValue()).resolves.toBe(invitee.username);
    await expect(picker.getAttribute("aria-expanded")).resolves.toBe("false");
    await page.getByRole("status").filter({ hasText: `已选择：${invitee.name}` }).waitFor();

    await page.getByRole("button", { name: "发送邀请" }).click();
    await page.getByText("邀请已发送。").waitFor();
    await page.getByRole("button", { name: `撤回对 ${invitee.name} 的邀请` }).waitFor();
    await expect(picker.inputValue()).resolves.toBe("");
  });

  it("without JavaScript the field takes a typed 工号", async () => {
    const page = await newPage(browser, { viewport: PHONE, javaScriptEnabled: false });
    await teamPage(page);
    await page.getByRole("textbox", { name: "被邀请人工号" }).fill(invitee.username);
    await page.getByRole("button", { name: "发送邀请" }).click();
    await page.getByText("邀请已发送。").waitFor();
    await page.getByRole("button", { name: `撤回对 ${invitee.name} 的邀请` }).waitFor();
  });
});
