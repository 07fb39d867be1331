import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { undoChangesTo, userId } from "../support/e2e-database.ts";
import { xlsxRoster } from "../support/rosters.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const HEADER = ["工号", "姓名", "学院", "辅导员工作起始日期", "职称", "专长职责"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("roster import in the browser", () => {
  it("reports every bad row in Chinese and writes nothing, then imports the corrected file; the new people are in the directory", async () => {
    // Nobody has these 工号 in the seed; the people imported (with their profiles) and the import's
    // audit record go after the test.
    await undoChangesTo("User", { username: ["E2E0001", "E2E0002", "E2E0003"] });
    await undoChangesTo("AuditLog", { actorId: await userId("admin"), action: "people.import" });
    const page = await newPage(browser);
    await login(page, baseUrl, "admin");
    await page.getByRole("heading", { name: "全校概况" }).waitFor();
    await page.getByRole("link", { name: "人员", exact: true }).click();
    await page.getByRole("link", { name: "导入名单" }).click();
    await page.getByRole("heading", { name: "导入人员名单" }).waitFor();

    const bad = await xlsxRoster([
      HEADER,
      ["E2E0001", "欧阳明", "文学院", "2025-09-01", "助教", "学风建设"],
      ["E2E0002", "司马青", "不存在学院", "2024-09-01", "讲师", ""],
      ["E2E0003", "上官月", "法学院", "2024-13-45", "", ""],
      ["E2E0001", "欧阳明", "文学院", "2025-09-01", "助教", ""],
    ]);
    await page.getByLabel(/名单文件/).setInputFiles({ name: "新进辅导员.xlsx", mimeType: XLSX, buffer: bad });
    await page.getByRole("button", { name: "上传并检查" }).click();
    await page.getByText("发现 3 处问题，请修改文件后重新上传。未写入任何数据。").waitFor();
    await expect(page.getByText("第 3 行「学院」：没有名为“不存在学院”的学院。").isVisible()).resolves.toBe(true);
    await expect(page.getByText(/第 4 行「辅导员工作起始日期」：日期“2024-13-45”无法识别/).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/工号“E2E0001”在文件中重复出现/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: /确认导入/ }).count()).resolves.toBe(0);

    await page.goto(`${baseUrl}/people?q=E2E000`);
    await page.getByText("没有符合条件的人员。请放宽筛选条件再试。").waitFor();

    await page.goto(`${baseUrl}/people/import`);
    const good = await xlsxRoster([
      HEADER,
      ["E2E0001", "欧阳明", "文学院", "2025-09-01", "助教", "学风建设"],
      ["E2E0002", "司马青", "法学院", "2019-09-01", "讲师", "网络思想政治教育"],
    ]);
    await page.getByLabel(/名单文件/).setInputFiles({ name: "新进辅导员.xlsx", mimeType: XLSX, buffer: good });
    await page.getByRole("button", { name: "上传并检查" }).click();
    await page.getByText("文件检查通过，可以导入。").waitFor();
    await expect(page.getByText("共 2 行：新增 2 人，更新 0 人。").isVisible()).resolves.toBe(true);
    await page.getByLabel("新账号的初始密码").fill("Welcome@2026");
    await page.getByRole("button", { name: "确认导入 2 人" }).click();
    await page.getByText("导入完成：新增 2 人，更新 0 人。").waitFor();

    // Their career stage follows from the start date at once: 司马青 (2019) is 经验期.
    await page.goto(`${baseUrl}/people?q=E2E000&stage=EXPERIENCED`);
    await page.getByRole("row", { name: /司马青/ }).waitFor();
    await expect(page.getByRole("row", { name: /欧阳明/ }).count()).resolves.toBe(0);
    await page.context().close();
  });
});
