import { MarkdownManager } from "@tiptap/markdown";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { extensions, stateToJSON } from "~/documents/content.server.ts";
import { launchBrowser, newPage } from "../support/browser.ts";
import { query, signIn } from "../support/e2e-database.ts";
import { scratchDocument } from "../support/scratch-document.ts";

/**
 * The document editor with a keyboard only, at a desktop and a phone width (issue 26): Tab moves
 * focus and never edits a shared document unasked, except to indent a list item that can be
 * nested; opening a document does not edit it either; task checkboxes and toolbar buttons carry
 * names a person can see and say; the page load leaves focus at the top. What the server saved is
 * read from its database.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const LAST = "以上安排按周推进。";
const BODY = [
  "开学第一周的工作安排。",
  "- [ ] 准备约谈提纲\n- [ ] 联系家长",
  "谈心谈话记录要点。",
  "- 宿舍走访\n- 班会",
  "| 周次 | 事项 |\n| --- | --- |\n| 1 | 普查 |",
  LAST,
];
/** Typed last, to know when everything typed before it has been saved. */
const MARK = "（完）";

interface SavedBody {
  markdown: string;
  json: string;
}

/** The body as the server has saved it (Document.yState and the increments since): Markdown to read, and its exact JSON. */
async function savedBody(documentId: string): Promise<SavedBody> {
  // One statement: a compaction in between cannot hide increments.
  const [row] = await query<{ yState: Buffer | null; updates: Buffer[] }>(
    `SELECT d."yState", array(SELECT u."update" FROM "DocumentUpdate" u WHERE u."documentId" = d."id" ORDER BY u."id") AS updates
       FROM "Document" d WHERE d."id" = $1`,
    [documentId],
  );
  const parts = [row!.yState, ...row!.updates].filter((part): part is Buffer => !!part).map((part) => new Uint8Array(part));
  const json = stateToJSON(Y.mergeUpdates(parts));
  return { markdown: new MarkdownManager({ extensions: extensions() }).serialize(json).trim(), json: JSON.stringify(json, null, 1) };
}

const savedMarkdown = async (documentId: string) => (await savedBody(documentId)).markdown;

/**
 * Types MARK at the end of `paragraph` and waits until the server has saved it: edits reach the
 * server in order, so whatever happened before (keys pressed, the editor opening) is saved by
 * then too. Returns the saved body without the mark.
 */
async function savedAfterMarking(page: Page, documentId: string, paragraph = LAST): Promise<SavedBody> {
  await editorBody(page).getByText(paragraph).click();
  await page.keyboard.press("End");
  await page.keyboard.type(MARK);
  await expect.poll(() => savedMarkdown(documentId), { timeout: 15_000 }).toContain(MARK);
  const saved = await savedBody(documentId);
  return { markdown: saved.markdown.replace(MARK, ""), json: saved.json.replace(MARK, "") };
}

const editorBody = (page: Page) => page.getByRole("textbox", { name: /^(文档正文|Document body)$/ });
const taskCheckboxes = (page: Page) => editorBody(page).getByRole("checkbox");

/** The document page as the leader sees it at `width` px, once the editor takes input. */
async function openDocument(documentId: string, width: number, language: "zh" | "en" = "zh"): Promise<Page> {
  const cookie = await signIn("leader");
  const page = await newPage(browser, { viewport: { width, height: 900 } });
  await page.context().addCookies([{ name: "fudao_session", value: cookie.slice(cookie.indexOf("=") + 1), url: baseUrl }]);
  await page.goto(`${baseUrl}/documents/${documentId}${language === "en" ? "?lng=en" : ""}`);
  await page.getByTestId("save-state").filter({ hasText: language === "en" ? "Saved" : "已保存" }).waitFor();
  await page.locator('.tiptap[contenteditable="true"]').waitFor();
  return page;
}

/** An element as "role name" (role: its role attribute, else its input type or tag), for readable failures. */
function describeElement(element: Element | null): string {
  if (!element || element === element.ownerDocument.body) return "nothing";
  const role = element.getAttribute("role") ?? (element instanceof HTMLInputElement ? element.type : element.tagName.toLowerCase());
  const label = (element as HTMLInputElement).labels?.[0]?.textContent;
  const name = element.getAttribute("aria-label") ?? label ?? element.textContent ?? "";
  return `${role} ${name.trim().slice(0, 40)}`;
}

async function focused(page: Page): Promise<string> {
  return (await page.evaluateHandle(() => document.activeElement)).evaluate(describeElement);
}

const described = (locator: Locator) => locator.evaluate(describeElement);

/** Puts the caret at the start (Home) or end (End) of the paragraph or item showing `text`. */
async function caretIn(page: Page, text: string, where: "Home" | "End" = "Home") {
  await editorBody(page).getByText(text, { exact: true }).click();
  await page.keyboard.press(where);
  // The editor's own selection, not the browser's: under load ProseMirror reads a click's DOM
  // selection a moment later, and keys pressed before that act where its selection still was.
  await expect.poll(async () => (await editorSelection(page)).text, { message: `the caret is in “${text}”` }).toBe(text);
}

/** Where the editor's selection is: the text of its block and its kind (Tiptap keeps the editor on the editable element). */
function editorSelection(page: Page) {
  return page.evaluate(() => {
    type Selection = { $head: { parent: { textContent: string } }; toJSON(): { type: string } };
    const { selection } = (document.querySelector(".ProseMirror") as unknown as { editor: { state: { selection: Selection } } }).editor.state;
    return { text: selection.$head.parent.textContent, type: selection.toJSON().type };
  });
}

const nextFrames = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

for (const width of [1280, 375]) {
  describe(`the editor with a keyboard at ${width} px`, () => {
    let documentId: string;
    beforeEach(async () => {
      documentId = (await scratchDocument("键盘操作测试笔记", BODY)).id;
    });

    it("moves focus on Tab and Shift+Tab in a paragraph and at a table's edge, and the saved body stays as it was", async () => {
      const page = await openDocument(documentId, width);
      const firstTask = await described(taskCheckboxes(page).first());
      const before = await savedBody(documentId);
      expect(before.markdown).toContain("谈心谈话记录要点。\n\n- 宿舍走访");

      // At the start of a paragraph after a list (where Tiptap merged the paragraph into the list).
      await caretIn(page, "谈心谈话记录要点。");
      await page.keyboard.press("Tab");
      // The browser's next stop after the text: the first task's checkbox inside the body.
      expect(await focused(page)).toBe(firstTask);

      await caretIn(page, "开学第一周的工作安排。", "End");
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe("button 插入表格");

      // Tab walks the table's cells (moving, not editing); at the last cell it leaves the body
      // instead of adding a row.
      await caretIn(page, "周次");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("textbox 文档正文");
      expect(await page.evaluate(() => window.getSelection()?.anchorNode?.textContent)).toBe("事项");
      await caretIn(page, "普查");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe(firstTask);

      expect(await savedAfterMarking(page, documentId)).toEqual(before);
    });

    it("moves focus on Tab from task checkbox to checkbox and out of the body; Enter there changes nothing", async () => {
      const page = await openDocument(documentId, width);
      const [first, second] = [await described(taskCheckboxes(page).nth(0)), await described(taskCheckboxes(page).nth(1))];
      const before = await savedBody(documentId);
      // The caret waits where a stray Tab or Enter would do most: the start of a paragraph after a list.
      await caretIn(page, "谈心谈话记录要点。");
      await taskCheckboxes(page).first().focus();

      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe(second);
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("tab 评论（0）");
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe(second);
      await page.keyboard.press("Enter");
      expect(await focused(page)).toBe(second);
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe(first);
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe("textbox 文档正文");

      expect(await savedAfterMarking(page, documentId)).toEqual(before);
    });

    it("indents a list item on Tab where it can be nested and outdents it on Shift+Tab; elsewhere in a list focus moves", async () => {
      const page = await openDocument(documentId, width);
      const before = await savedMarkdown(documentId);

      await caretIn(page, "班会");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("textbox 文档正文");
      await expect.poll(() => savedMarkdown(documentId), { timeout: 15_000 }).toContain("- 宿舍走访\n  - 班会");
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe("textbox 文档正文");
      await expect.poll(() => savedMarkdown(documentId), { timeout: 15_000 }).toContain("- 宿舍走访\n- 班会");
      // A top-level item stays in its list: Shift+Tab moves focus back instead.
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe("button 插入表格");
      // The first item has nothing to nest under: Tab moves focus on.
      await caretIn(page, "宿舍走访");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe(await described(taskCheckboxes(page).first()));

      // A task nests under the one above it.
      await caretIn(page, "联系家长", "End");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("textbox 文档正文");

      expect((await savedAfterMarking(page, documentId)).markdown).toBe(before.replace("- [ ] 准备约谈提纲\n- [ ] 联系家长", "- [ ] 准备约谈提纲\n  - [ ] 联系家长"));
    });

    it("makes task checkboxes at least 24 × 24 px and keeps focus on one toggled with Space", async () => {
      const page = await openDocument(documentId, width);
      const [first, second] = [taskCheckboxes(page).nth(0), taskCheckboxes(page).nth(1)];
      for (const box of [first, second]) {
        const size = (await box.boundingBox())!;
        expect(size.width).toBeGreaterThanOrEqual(24);
        expect(size.height).toBeGreaterThanOrEqual(24);
      }

      await first.focus();
      await page.keyboard.press("Space");
      await expect.poll(() => first.isChecked()).toBe(true);
      // The task item hands focus to the text one frame after a change; it comes back here.
      await nextFrames(page);
      expect(await focused(page)).toBe(await described(first));
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe(await described(second));
      await expect.poll(() => savedMarkdown(documentId), { timeout: 15_000 }).toContain("- [x] 准备约谈提纲");
    });

    const CHECKBOX_NAMES = {
      zh: { open: "标记为已完成：", done: "标记为未完成：" },
      en: { open: "Mark as done: ", done: "Mark as not done: " },
    };
    for (const language of ["zh", "en"] as const) {
      it(`names task checkboxes by what checking them does, in the person's language (${language})`, async () => {
        const { open, done } = CHECKBOX_NAMES[language];
        const page = await openDocument(documentId, width, language);
        await page.getByRole("checkbox", { name: `${open}联系家长` }).waitFor();
        await page.getByRole("checkbox", { name: `${open}准备约谈提纲`, checked: false }).click();
        await page.getByRole("checkbox", { name: `${done}准备约谈提纲`, checked: true }).waitFor();
        await expect.poll(() => savedMarkdown(documentId), { timeout: 15_000 }).toContain("- [x] 准备约谈提纲");
      });
    }

    const WORDS_SHOWN = {
      zh: ["正文", "H1", "H2", "H3", "1.", "+行", "+列", "−行", "−列", "×表"],
      en: ["Body", "H1", "H2", "H3", "1.", "+Row", "+Col", "−Row", "−Col", "×Tbl"],
    };
    for (const language of ["zh", "en"] as const) {
      it(`names each toolbar button that shows a word starting with that word (${language})`, async () => {
        const page = await openDocument(documentId, width, language);
        // In a table, so that its buttons show too.
        await caretIn(page, "普查");
        const toolbar = page.getByRole("toolbar");
        await toolbar.getByRole("button", { name: language === "zh" ? /删除表格/ : /Delete table/ }).waitFor();
        const pairs = await namesAndTexts(toolbar);
        // A single letter (B, I, U, S, A) or a sign (↶, •≡, ☑) is a symbol, not a word (WCAG 2.5.3).
        const worded = pairs.filter(({ text }) => /\p{Script=Han}|\p{N}|\p{L}{2}/u.test(text));
        expect(worded.map(({ text }) => text)).toEqual(WORDS_SHOWN[language]);
        for (const { text, name } of worded) expect(name.startsWith(text), `the button showing “${text}” is named “${name}”`).toBe(true);
      });
    }
  });

  describe(`opening a document at ${width} px`, () => {
    it("changes nothing in a body that ends in a table, and a person can still write after that table", async () => {
      const { id } = await scratchDocument("以表格结尾的笔记", ["开学第一周的工作安排。", "- 宿舍走访\n- 班会", "| 周次 | 事项 |\n| --- | --- |\n| 1 | 普查 |"]);
      const before = await savedBody(id);
      const page = await openDocument(id, width);
      expect(await savedAfterMarking(page, id, "开学第一周的工作安排。")).toEqual(before);

      // Past the last cell the gap cursor stands after the table; writing there (with a pinyin
      // input method, as a person would) starts a paragraph.
      await caretIn(page, "普查", "End");
      await page.keyboard.press("ArrowDown");
      // Compose only once the gap cursor stands after the table: a composition that starts before
      // the editor has moved the selection lands where the browser's selection still is.
      await expect.poll(async () => (await editorSelection(page)).type).toBe("gapcursor");
      await nextFrames(page);
      const ime = await page.context().newCDPSession(page);
      await ime.send("Input.imeSetComposition", { text: "dierzhou", selectionStart: 8, selectionEnd: 8 });
      await ime.send("Input.insertText", { text: "第二周安排待定。" });
      await expect.poll(() => savedMarkdown(id), { timeout: 15_000 }).toMatch(/\| 普查 +\|\n*第二周安排待定。$/);
    });

    it("leaves focus at the top: the first Tab reaches the skip link; the reply box takes focus when opened and gives it back when closed", async () => {
      const { id } = await scratchDocument("回复框焦点测试笔记", ["开学第一周的工作安排。"]);
      // A thread to reply to, written through the app (it goes with the document).
      const posted = await fetch(`${baseUrl}/documents/${id}`, {
        method: "POST",
        headers: { Cookie: await signIn("leader") },
        body: new URLSearchParams({ intent: "comment", body: "请补充走访记录。" }),
      });
      expect(posted.status).toBe(200);
      const page = await openDocument(id, width);
      const thread = page.locator("li[data-thread]").filter({ hasText: "请补充走访记录。" });
      await thread.getByRole("button", { name: "回复" }).waitFor();

      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("a 跳到主要内容");

      await thread.getByRole("button", { name: "回复" }).click();
      expect(await focused(page)).toBe("textarea 回复内容");
      await thread.getByRole("button", { name: "取消" }).click();
      expect(await focused(page)).toBe("button 回复");
    });
  });
}

/** Each button of the toolbar: the text it shows and its accessible name, as the browser computes it. */
async function namesAndTexts(toolbar: Locator): Promise<Array<{ text: string; name: string }>> {
  const texts = await toolbar.getByRole("button").evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).innerText.trim()));
  const names = [...(await toolbar.ariaSnapshot()).matchAll(/- button "((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);
  expect(names).toHaveLength(texts.length);
  return texts.map((text, index) => ({ text, name: names[index]! }));
}
