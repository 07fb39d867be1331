import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { undoChangesTo, userId } from "../support/e2e-database.ts";
import { xlsxRoster } from "../support/rosters.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  // The people this file imports (their profiles go with them) and the audit records of importing
  // them, of their password changes and of the reset.
  await undoChangesTo("User", { username: [USERNAME, RESET_USERNAME] });
  const admin = await userId("admin");
  await undoChangesTo("AuditLog", { actorId: admin, action: ["people.import", "person.password-reset"] });
  await undoChangesTo("AuditLog", { action: "account.password-change" });
});
afterAll(() => browser?.close());

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const USERNAME = "PWE2026001";
const NAME = "欧阳青";
const RESET_USERNAME = "PWE2026002";
const RESET_NAME = "上官雪";

/** 学工部 imports one new counselor with an initial password, through the import page. */
async function importCounselor(username: string, name: string, initialPassword: string) {
  const admin = await newPage(browser);
  await login(admin, baseUrl, "admin");
  await admin.getByRole("heading", { name: "全校概况" }).waitFor();
  await admin.goto(`${baseUrl}/people/import`);
  const roster = await xlsxRoster([
    ["工号", "姓名", "学院", "辅导员工作起始日期"],
    [username, name, "文学院", "2026-09-01"],
  ]);
  await admin.getByLabel(/名单文件/).setInputFiles({ name: "新进辅导员.xlsx", mimeType: XLSX, buffer: roster });
  await admin.getByRole("button", { name: "上传并检查" }).click();
  await admin.getByText("文件检查通过，可以导入。").waitFor();
  await admin.getByLabel("新账号的初始密码").fill(initialPassword);
  await admin.getByRole("button", { name: "确认导入 1 人" }).click();
  await admin.getByText("导入完成：新增 1 人，更新 0 人。").waitFor();
  await admin.context().close();
}

async function fillPasswords(page: Page, current: string, next: string, again = next) {
  await page.getByLabel(/当前密码|初始密码或临时密码/).fill(current);
  await page.getByLabel("新密码", { exact: true }).fill(next);
  await page.getByLabel("再次输入新密码").fill(again);
}

describe("passwords in the browser", () => {
  it("a newly imported person must set their own password at the first sign-in, then changes it at /settings/password, which signs out their other browser", async () => {
    await importCounselor(USERNAME, NAME, "Chushi@2026");

    // The first sign-in with it opens only the page that sets their own.
    const page = await newPage(browser);
    await login(page, baseUrl, USERNAME, "Chushi@2026");
    await page.getByRole("heading", { level: 1, name: "设置你自己的密码" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/settings/password");
    await expect(page.getByRole("navigation", { name: "主导航" }).count()).resolves.toBe(0);
    await page.goto(`${baseUrl}/studios`);
    await page.getByRole("heading", { level: 1, name: "设置你自己的密码" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/settings/password");

    // Rules are explained, and a bad choice gets a clear Chinese message.
    await expect(page.getByText("至少 10 个字符").isVisible()).resolves.toBe(true);
    await fillPasswords(page, "Chushi@2026", "Chushi@2026");
    await page.getByRole("button", { name: "设置密码并继续" }).click();
    await page.getByText("新密码不能与学工部或学院设定的初始密码、临时密码相同。").waitFor();
    await fillPasswords(page, "Chushi@2026", "woaini1314");
    await page.getByRole("button", { name: "设置密码并继续" }).click();
    await page.getByText("这个密码太常见，很容易被猜中，请换一个。").waitFor();
    await fillPasswords(page, "Chushi@2026", "Ouyang-qing-chun-2026");
    await page.getByRole("button", { name: "设置密码并继续" }).click();
    // On to the pages they went for.
    await page.getByRole("heading", { level: 1, name: "辅导员工作室" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/studios");

    // Signed in in a second browser too; the first changes the password from /settings/password.
    const other = await newPage(browser);
    await login(other, baseUrl, USERNAME, "Ouyang-qing-chun-2026");
    await other.getByRole("heading", { level: 1, name: `${NAME}，您好` }).waitFor();
    await other.getByRole("status", { name: "实时连接正常" }).waitFor();

    await page.goto(`${baseUrl}/settings/password`);
    await page.getByRole("heading", { level: 1, name: "修改密码" }).waitFor();
    await page.getByText("你目前还在其他 1 个地方登录。").waitFor();
    await fillPasswords(page, "wrong-password", "Ouyang-qing-qiu-2026");
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.getByText("当前密码不正确。").waitFor();
    await fillPasswords(page, "Ouyang-qing-chun-2026", "Ouyang-qing-qiu-2026");
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.getByText("密码已修改，你在其他地方的 1 个登录已退出。").waitFor();

    // The other browser is told at once, and its next page is the login.
    await other.getByRole("alert").filter({ hasText: "你在这里的登录已结束" }).waitFor();
    await other.reload();
    expect(new URL(other.url()).pathname).toBe("/login");
    await login(other, baseUrl, USERNAME, "Ouyang-qing-chun-2026");
    await other.getByRole("alert").filter({ hasText: "工号或密码不正确。" }).waitFor();
    await login(other, baseUrl, USERNAME, "Ouyang-qing-qiu-2026");
    await other.getByRole("heading", { level: 1, name: `${NAME}，您好` }).waitFor();
    await page.context().close();
    await other.context().close();
  });

  it("学工部 resets a forgotten password to a temporary one, shown once, that leads to setting a new one", async () => {
    await importCounselor(RESET_USERNAME, RESET_NAME, "Chushi@2027");
    const admin = await newPage(browser);
    await login(admin, baseUrl, "admin");
    await admin.getByRole("heading", { name: "全校概况" }).waitFor();
    await admin.goto(`${baseUrl}/people?q=${RESET_USERNAME}`);
    await admin.getByRole("link", { name: RESET_NAME }).first().click();
    await admin.getByRole("link", { name: "编辑档案" }).click();
    await admin.getByRole("button", { name: "重置为临时密码" }).click();
    const prompt = admin.getByRole("dialog");
    await prompt.getByText(`确定为 ${RESET_NAME} 生成临时密码吗？`, { exact: false }).waitFor();
    await prompt.getByRole("button", { name: "重置为临时密码" }).click();
    const field = admin.getByLabel("临时密码", { exact: true });
    await field.waitFor();
    const temporary = await field.inputValue();
    expect(temporary).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/);
    await admin.context().close();

    const page = await newPage(browser);
    await login(page, baseUrl, RESET_USERNAME, temporary);
    await page.getByRole("heading", { level: 1, name: "设置你自己的密码" }).waitFor();
    await fillPasswords(page, temporary, "Ouyang-qing-dong-2026");
    await page.getByRole("button", { name: "设置密码并继续" }).click();
    await page.getByRole("heading", { level: 1, name: `${RESET_NAME}，您好` }).waitFor();
    await page.context().close();
  });
});
