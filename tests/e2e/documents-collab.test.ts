import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { idOf, undoChangesTo } from "../support/e2e-database.ts";
import { scratchDocument } from "../support/scratch-document.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Each co-authoring test types into a research note of its own (tests/support/scratch-document.ts). */
const NOTE_BODY = [
  "研究问题：基于心理普查数据的分级预警与约谈机制。",
  "已有做法：新生入学心理普查、重点关注学生台账、每月一次的约谈。",
];
let NOTE: string;

async function signIn(page: Page, username: string) {
  await login(page, baseUrl, username);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function openDocument(page: Page, username: string, title: string) {
  await signIn(page, username);
  await page.goto(`${baseUrl}/documents`);
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor();
  return page.getByRole("textbox", { name: "文档正文" });
}

/** Puts the caret at the very end of the body, as a person clicking after the last line would. */
async function caretToEnd(page: Page) {
  const body = page.getByRole("textbox", { name: "文档正文" });
  await body.click();
  await page.keyboard.press("Control+End");
}

describe("co-authoring in the browser", () => {
  beforeEach(async () => {
    NOTE = (await scratchDocument("协同编辑测试笔记", NOTE_BODY)).title;
  });

  it("shows each person's Chinese and English typing and caret to the other", async () => {
    const leader = await newPage(browser);
    const backbone = await newPage(browser);
    const leaderBody = await openDocument(leader, "leader", NOTE);
    const backboneBody = await openDocument(backbone, "backbone", NOTE);
    await expect(leaderBody.getAttribute("contenteditable")).resolves.toBe("true");

    await caretToEnd(leader);
    await leader.keyboard.press("Enter");
    await leader.keyboard.type("负责人补充：访谈 12 人 interview");
    await backboneBody.getByText("负责人补充：访谈 12 人 interview").waitFor();

    await caretToEnd(backbone);
    await backbone.keyboard.press("Enter");
    await backbone.keyboard.type("李雪回复：已整理");
    await leaderBody.getByText("李雪回复：已整理").waitFor();

    // Each sees the other's caret, labelled with their name.
    await leader.locator(".collaboration-carets__label", { hasText: "李雪" }).waitFor();
    await backbone.locator(".collaboration-carets__label", { hasText: "张明华" }).waitFor();
    await expect(leader.getByRole("list", { name: "正在查看的人" }).getByRole("listitem").count()).resolves.toBe(2);

    // Saved on the server: a fresh reader sees both additions.
    await leader.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor();
    await backbone.getByTestId("save-state").filter({ hasText: "已保存" }).waitFor();
    const reader = await newPage(browser);
    const readerBody = await openDocument(reader, "mentor", NOTE);
    await readerBody.getByText("负责人补充：访谈 12 人 interview").waitFor();
    await readerBody.getByText("李雪回复：已整理").waitFor();

    // Leaving removes the caret.
    await backbone.context().close();
    await leader.locator(".collaboration-carets__label", { hasText: "李雪" }).waitFor({ state: "detached" });
    await leader.context().close();
    await reader.context().close();
  });

  it("takes Chinese IME input without losing or doubling characters while someone else types", async () => {
    const leader = await newPage(browser);
    const backbone = await newPage(browser);
    const leaderBody = await openDocument(leader, "leader", NOTE);
    const backboneBody = await openDocument(backbone, "backbone", NOTE);
    const paragraphs = (body: typeof leaderBody) => body.locator("p").count();
    const before = await paragraphs(leaderBody);
    // Each person gets their own new line, one after the other, and both editors show both before
    // the typing starts: the leader's caret is placed after the last structural change it receives
    // (a new line arriving while a caret is being placed can leave a range selected, which the
    // composition would then replace).
    await caretToEnd(backbone);
    await backbone.keyboard.press("Enter");
    await expect.poll(() => paragraphs(leaderBody)).toBe(before + 1);
    await caretToEnd(leader);
    await leader.keyboard.press("Enter");
    await expect.poll(() => paragraphs(backboneBody)).toBe(before + 2);

    // Count the composition events the editor receives, to be sure the IME path is exercised.
    await leaderBody.evaluate((element) => {
      (window as unknown as { compositions: number }).compositions = 0;
      element.addEventListener("compositionend", () => (window as unknown as { compositions: number }).compositions++);
    });
    const ime = await leader.context().newCDPSession(leader);
    const compose = async (pinyin: string, result: string) => {
      for (let i = 1; i <= pinyin.length; i++) {
        await ime.send("Input.imeSetComposition", { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
      }
      await ime.send("Input.insertText", { text: result });
    };
    // The other person types while the composition is open.
    const typing = backbone.keyboard.type("同时输入ABC", { delay: 15 });
    await compose("chunfeng", "春风");
    await compose("huayu", "化雨");
    await compose("runwusheng", "润物无声");
    await typing;

    for (const body of [leaderBody, backboneBody]) {
      await expect.poll(() => body.innerText(), { timeout: 15_000 }).toContain("春风化雨润物无声");
      await expect.poll(() => body.innerText(), { timeout: 15_000 }).toContain("同时输入ABC");
    }
    expect(await leader.evaluate(() => (window as unknown as { compositions: number }).compositions)).toBeGreaterThanOrEqual(3);
    const text = await leaderBody.innerText();
    expect(text.split("春风化雨润物无声").length - 1).toBe(1);
    expect(text).not.toMatch(/chunfeng|huayu|runwusheng/);
    expect(text).not.toMatch(/春春|风风|化化|雨雨|润润|物物|无无|声声/);
    expect((await backboneBody.innerText()).split("春风化雨润物无声").length - 1).toBe(1);
    await leader.context().close();
    await backbone.context().close();
  });

  it("gives a mentor a read-only editor whose keystrokes change nothing", async () => {
    const mentor = await newPage(browser);
    const leader = await newPage(browser);
    const mentorBody = await openDocument(mentor, "mentor", NOTE);
    const leaderBody = await openDocument(leader, "leader", NOTE);
    await mentor.getByTestId("read-only").filter({ hasText: "只读" }).waitFor();
    await expect(mentorBody.getAttribute("contenteditable")).resolves.toBe("false");
    await expect(mentor.getByRole("button", { name: "加粗" }).isDisabled()).resolves.toBe(true);
    const before = await leaderBody.innerText();
    await mentorBody.click();
    await mentor.keyboard.type("导师试图修改");
    await mentor.keyboard.press("Enter");
    await leader.waitForTimeout(500);
    expect(await leaderBody.innerText()).toBe(before);
    expect(await mentorBody.innerText()).not.toContain("导师试图修改");
    // Reading and commenting remain open to the mentor.
    await expect(mentor.getByRole("textbox", { name: "添加评论" }).isVisible()).resolves.toBe(true);
    await mentor.context().close();
    await leader.context().close();
  });
});

describe("mentor review", () => {
  const CASE = "一名大一新生适应期心理危机的识别与干预";

  it("lets the mentor approve a case study from the review queue and tells the author", async () => {
    // Seeded: this case study waits for the demo mentor's review. The approval is taken back
    // afterwards: status, review, its version, notices and audit record.
    const caseId = await idOf("Document", { title: CASE, status: "IN_REVIEW" }).catch(() => {
      throw new Error(`the seeded case study “${CASE}” no longer waits for review: an earlier run left it changed`);
    });
    await undoChangesTo("Document", { id: caseId });
    await undoChangesTo("Review", { documentId: caseId });
    await undoChangesTo("DocumentVersion", { documentId: caseId });
    await undoChangesTo("Notification", { link: `/documents/${caseId}` });
    await undoChangesTo("AuditLog", { entityType: "Document", entityId: caseId });

    const mentor = await newPage(browser);
    await signIn(mentor, "mentor");
    await mentor.getByRole("link", { name: "审阅" }).click();
    await mentor.getByRole("heading", { name: "审阅" }).waitFor();
    const item = mentor.getByRole("listitem").filter({ hasText: CASE });
    await item.getByRole("link", { name: "打开审阅" }).click();
    await mentor.getByRole("heading", { level: 1, name: CASE }).waitFor();
    await mentor.getByTestId("read-only").filter({ hasText: "审阅中" }).waitFor();
    await mentor.getByRole("textbox", { name: "审阅意见（需要修改时必填）" }).fill("案例完整，分析有理论依据，同意通过。");
    await mentor.getByRole("button", { name: "审阅通过" }).click();
    await mentor.getByRole("status").filter({ hasText: "已审阅通过。" }).waitFor();
    await mentor.getByTestId("document-status").filter({ hasText: "已通过" }).first().waitFor();
    await mentor.getByText("案例完整，分析有理论依据，同意通过。").waitFor();
    await mentor.getByRole("link", { name: "审阅" }).first().click();
    await mentor.getByText("目前没有等待您审阅的文档。").waitFor();
    await mentor.context().close();

    const author = await newPage(browser);
    await signIn(author, "backbone");
    await author.goto(`${baseUrl}/notifications`);
    await author.getByText(`赵立群 审阅通过了《${CASE}》`).waitFor();
    await author.context().close();
  });
});
