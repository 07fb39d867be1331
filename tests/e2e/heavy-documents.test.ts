import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signedInPage } from "../support/browser.ts";
import { query, signIn, undoChangesTo } from "../support/e2e-database.ts";
import { scratchDocument } from "../support/scratch-document.ts";

/**
 * Heavy pages (issue 27, item 6): a long document's page carries its body once (decision 099), a
 * refused oversized comment is not sent back (decision 098), and the editor tells the school's
 * length limit as it nears and holds typing to it (decision 097).
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** `count` paragraphs of `length` Chinese characters each, the first characters numbering them. */
function paragraphsOf(count: number, length: number): string[] {
  const filler = "辅导员工作室围绕学生成长开展案例研究与谈心谈话记录";
  return Array.from({ length: count }, (_, i) => {
    const head = `第${i + 1}段`;
    return head + filler.repeat(Math.ceil(length / filler.length)).slice(0, length - head.length);
  });
}

describe("a long document's page", () => {
  it("carries the body once: the page of a ~900 KB document is less than twice its text", async () => {
    // 300,000 Chinese characters: 900 KB of text in UTF-8.
    const paragraphs = paragraphsOf(1_000, 300);
    const textBytes = Buffer.byteLength(paragraphs.join(""));
    const { id } = await scratchDocument("长文档页面", paragraphs);
    const cookie = await signIn("leader");
    const started = Date.now();
    const response = await fetch(`${baseUrl}/documents/${id}`, { headers: { Cookie: cookie } });
    const html = await response.text();
    const pageBytes = Buffer.byteLength(html);
    console.log(JSON.stringify({ textBytes, pageBytes, ratio: +(pageBytes / textBytes).toFixed(2), ms: Date.now() - started }));
    expect(response.status).toBe(200);
    // The body is on the page (shown without JavaScript), once.
    const last = paragraphs.at(-1)!;
    expect(html.split(last).length - 1).toBe(1);
    expect(pageBytes).toBeLessThan(2 * textBytes);
  });
});

describe("a refused oversized comment", () => {
  it("answers a small page with the Chinese message, not the 7 million characters sent", async () => {
    const { id } = await scratchDocument("超长评论", ["一段正文。"]);
    const cookie = await signIn("leader");
    // Posted as a form without JavaScript: the answer is the whole page, with the form's errors.
    const response = await fetch(`${baseUrl}/documents/${id}`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams({ intent: "comment", body: "长".repeat(7_000_000) }),
    });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(Buffer.byteLength(html)).toBeLessThan(200_000);
    expect(html).toContain("评论最多 2000 个字。");
    expect(await query(`SELECT 1 FROM "Comment" WHERE "documentId" = $1`, [id])).toEqual([]);
  });
});

describe("the editor and the length limit", () => {
  it("shows the limit as it nears, stops typing and pasting at it, and stores no more", async () => {
    // 4,990 characters in ten paragraphs, under a limit of 5,000.
    const paragraphs = paragraphsOf(10, 499);
    const { id, title } = await scratchDocument("长度上限编辑", paragraphs);
    await undoChangesTo("Setting", { key: "school" });
    await query(
      `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('school', '{"documentMaxChars": 5000}', now())
       ON CONFLICT ("key") DO UPDATE SET "value" = "Setting"."value" || '{"documentMaxChars": 5000}'::jsonb, "updatedAt" = now()`,
    );

    const page = await signedInPage(browser, baseUrl, "leader");
    await page.goto(`${baseUrl}/documents/${id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor();
    const note = page.getByTestId("length-limit");
    await note.filter({ hasText: "正文已有 4,990 个字符，接近上限 5,000 个字符。" }).waitFor();

    const body = page.getByRole("textbox", { name: "文档正文" });
    await body.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("一二三四五六七八九十多余");
    // Ten fit; the rest was refused, and the note says why.
    await note.filter({ hasText: "5,000" }).filter({ hasText: /达到上限|未能加入/ }).waitFor();
    await expect(body.textContent()).resolves.toContain("一二三四五六七八九十");
    await expect(body.textContent()).resolves.not.toContain("多余");
    // A paste is refused whole.
    await page.keyboard.insertText("粘贴进来的一整段文字");
    await page.getByRole("alert").filter({ hasText: "这次输入或粘贴会使正文超过上限 5,000 个字符" }).waitFor();
    await expect(body.textContent()).resolves.not.toContain("粘贴进来");
    await page.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor();

    // Stored: 5,000 characters of text (the stored plain text puts a line break between paragraphs).
    await page.close();
    await expect
      .poll(async () => (await query<{ text: string }>(`SELECT "plainText" AS text FROM "Document" WHERE "id" = $1`, [id]))[0]!.text.replaceAll("\n", "").length, { timeout: 20_000 })
      .toBe(5_000);
  });
});
