import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { undoChangesTo, userId } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
const PHONE = { width: 375, height: 812 };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADER = ["培训名称", "培训平台", "级别", "经费年度", "场次开始", "场次结束", "场次学时"];
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function workbook(rows: Array<Array<string | number>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("目录");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("training catalogue import in the browser", () => {
  it("on a phone: lists every bad row in Chinese and writes nothing, then previews the corrected file and imports it on confirmation", async () => {
    const year = new Date().getUTCFullYear();
    const title = "E2E 导入的辅导员谈心谈话培训";
    const fileName = "e2e-培训目录.xlsx";
    // The course (with its target), and the audit rows its import writes, go after the test.
    await undoChangesTo("TrainingCourse", { title });
    const admin = await userId("admin");
    await undoChangesTo("AuditLog", { actorId: admin, action: "training.course-create", "data.title": title });
    await undoChangesTo("AuditLog", { actorId: admin, action: "training.catalogue-import", entityId: fileName });

    const page = await newPage(browser, { viewport: PHONE });
    await login(page, baseUrl, "admin");
    await page.getByRole("heading", { name: "全校概况" }).waitFor();
    await page.goto(`${baseUrl}/training/import`);
    await page.getByRole("heading", { name: "培训数据导入导出" }).waitFor();
    const catalogue = page.locator("form", { has: page.locator('input[name="intent"][value="catalogue"]') });

    const bad = await workbook([HEADER, [title, "专题培训", "校级", year, `${year}-12-10 17:00`, `${year}-12-10 14:00`, 3], ["", "不存在的平台", "校级", year, "", "", ""]]);
    await catalogue.getByLabel("选择文件（.xlsx）").setInputFiles({ name: fileName, mimeType: XLSX, buffer: bad });
    await catalogue.getByRole("button", { name: "检查文件" }).click();
    await page.getByText("文件中有 2 处问题，未导入任何内容。请修改后重新上传：").first().waitFor();
    await expect(page.getByText("第 3 行「培训平台」：没有名为“不存在的平台”的培训平台。").isVisible()).resolves.toBe(true);
    await expect(page.getByText("第 2 行「场次结束」：结束时间必须晚于开始时间。").isVisible()).resolves.toBe(true);
    // Nothing sticks out sideways at 375 px.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);

    const good = await workbook([HEADER, [title, "专题培训", "校级", year, "", "", ""]]);
    await catalogue.getByLabel("选择文件（.xlsx）").setInputFiles({ name: fileName, mimeType: XLSX, buffer: good });
    await catalogue.getByRole("button", { name: "检查文件" }).click();
    // First what it will create, nothing written yet; then the import itself.
    await page.getByText("可以导入：将新建 1 个培训项目（草稿）、0 个场次。确认后才会写入。").waitFor();
    await expect(page.getByRole("region", { name: `检查结果：${fileName}` }).getByText(title).first().isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
    await page.getByRole("button", { name: "确认导入" }).click();
    await page.getByText("已导入 1 条。").waitFor();
    await page.context().close();
  });
});
