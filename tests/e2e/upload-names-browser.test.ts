import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { findDocumentId, signInOverHttp } from "../support/http-session.ts";

/**
 * A file chosen in Chromium whose name has ";", "=", quotes and emoji: the upload form takes it,
 * the list names it, and the download saves it under the same name.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
let studioId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const cookie = await signInOverHttp(baseUrl, "leader");
  const documentId = await findDocumentId(baseUrl, cookie, "心理危机早期识别与干预研究笔记（一）");
  const page = await (await fetch(`${baseUrl}/documents/${documentId}`, { headers: { Cookie: cookie } })).text();
  studioId = /\/studios\/([^/"?]+)\/documents/.exec(page)![1]!;
});
afterAll(() => browser?.close());

describe("uploading an output's file in the browser", () => {
  it("keeps a name with ';', '=', quotes and emoji from the file picker to the download", async () => {
    const name = '会议纪要;第2版=终稿 "定稿" 😀.pdf';
    const page = await newPage(browser, { acceptDownloads: true });
    await login(page, baseUrl, "leader");
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/studios/${studioId}/outputs`);
    await page.getByLabel("成果名称").fill("浏览器上传的文件名测试");
    await page.getByLabel("类型").selectOption("PAPER");
    await page.getByLabel("取得日期").fill(new Date().toISOString().slice(0, 10));
    await page.getByLabel("作者", { exact: true }).fill("张明华");
    await page.getByLabel(/上传文件/).setInputFiles({ name, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 浏览器上传") });
    await page.getByRole("button", { name: "登记成果" }).click();
    await page.getByText("成果已登记。").waitFor();

    const link = page.getByRole("link", { name: `下载附件：${name}` });
    const [download, response] = await Promise.all([page.waitForEvent("download"), page.waitForResponse(/\/outputs\/[^/]+\/file$/), link.click()]);
    const disposition = (await response.allHeaders())["content-disposition"] ?? "";
    expect(decodeURIComponent(/filename\*=UTF-8''([^;\s]+)/.exec(disposition)![1]!)).toBe(name);
    // Chromium keeps the name, replacing only what some file systems forbid (the quotes).
    expect(download.suggestedFilename().replaceAll("_", '"')).toBe(name);
    await page.context().close();
  });
});
