import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage, settled } from "../support/browser.ts";
import { idOf, query, searchSettled, undoChangesTo, userId } from "../support/e2e-database.ts";

/** Search as people use it: the header box, the results page, tokens and synonyms, in Chromium. */

const baseUrl = inject("baseUrl");
let browser: Browser;

/**
 * The documents feature owns the editor; here documents are written into the server's database
 * (and deleted after the test).
 */
async function addDocument(title: string, plainText: string, studioName = "心晴", type = "CASE_STUDY"): Promise<string> {
  await undoChangesTo("Document", { title });
  const [row] = await query<{ id: string }>(
    `INSERT INTO "Document" ("id", "studioId", "type", "title", "plainText", "createdById", "updatedAt")
     SELECT gen_random_uuid()::text, s."id", $3::"DocumentType", $1, $2, u."id", now()
     FROM "Studio" s, "User" u WHERE s."name" LIKE '%' || $4 || '%' AND u."username" = 'leader' RETURNING "id"`,
    [title, plainText, type, studioName],
  );
  await searchSettled();
  return row!.id;
}

async function signedIn(username: string, options: Parameters<typeof newPage>[1] = {}): Promise<Page> {
  const page = await newPage(browser, options);
  await login(page, baseUrl, username);
  await page.waitForURL(`${baseUrl}/`);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  await searchSettled();
});
afterAll(() => browser?.close());

describe("the header's search box", () => {
  it("opens with the / shortcut, shows results while typing and goes to the full results with Enter", async () => {
    await addDocument("深夜宿舍心理危机处置复盘", "背景：学生深夜情绪失控，辅导员启动心理危机处置流程。");
    const page = await signedIn("leader");
    // The shortcut is a listener that exists only once React has hydrated the header.
    await settled(page);
    await page.keyboard.press("/");
    const box = page.getByRole("combobox", { name: "全站搜索" });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("危机处置");
    const option = page.getByRole("option", { name: /深夜宿舍心理危机处置复盘/ });
    await option.waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole("heading", { name: "搜索" }).waitFor();
    expect(await page.getByRole("list", { name: "搜索结果" }).getByRole("link", { name: "深夜宿舍心理危机处置复盘" }).count()).toBe(1);
    await page.context().close();
  });

  it("chooses a suggestion with the arrow keys and says so when nothing matches", async () => {
    const page = await signedIn("counselor");
    await settled(page);
    await page.keyboard.press("Control+k");
    await page.keyboard.type("甲乙丙丁戊己庚");
    await page.getByText("没有找到与“甲乙丙丁戊己庚”相关的内容。").waitFor();
    await page.getByRole("combobox", { name: "全站搜索" }).fill("心晴");
    await page.getByRole("option", { name: /^工作室\s*“心晴”心理健康教育辅导员工作室/ }).waitFor();
    await page.keyboard.press("ArrowDown");
    const first = page.getByRole("option").first();
    expect(await first.getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Escape");
    expect(await page.getByRole("combobox", { name: "全站搜索" }).getAttribute("aria-expanded")).toBe("false");
    await page.context().close();
  });
});

describe("partial matches", () => {
  it("say so on the results page and in the header's box when nothing matches the whole query", async () => {
    await addDocument("网络舆情研判与引导工作机制", "舆情研判会商、正面引导和家校沟通三项机制。");
    const page = await signedIn("leader");
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent("舆论引导锦囊")}`);
    await page.getByRole("note").getByText("未找到完全匹配的结果，以下为部分匹配").waitFor();
    await page.getByRole("list", { name: "搜索结果" }).getByRole("link", { name: "网络舆情研判与引导工作机制" }).waitFor();

    await page.goto(`${baseUrl}/search?q=${encodeURIComponent("舆论引导")}`);
    await page.getByRole("list", { name: "搜索结果" }).getByRole("link", { name: "网络舆情研判与引导工作机制" }).waitFor();
    expect(await page.getByText("未找到完全匹配的结果，以下为部分匹配").count()).toBe(0);

    await page.getByRole("combobox", { name: "全站搜索" }).fill("舆论引导锦囊");
    await page.getByRole("option", { name: /网络舆情研判与引导工作机制/ }).waitFor();
    await page.getByRole("note").filter({ hasText: "未找到完全匹配的结果，以下为部分匹配" }).waitFor();
    await page.context().close();
  });
});

describe("the results page", () => {
  it("filters with facets and their counts, pages, sorts and searches within a studio", async () => {
    const page = await signedIn("admin");
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent("心理")}`);
    const filters = page.getByRole("complementary", { name: "筛选" });
    await filters.getByRole("heading", { name: "类型" }).waitFor();
    const total = await page.getByText(/共找到 \d+ 条结果/).textContent();
    await filters.getByRole("link", { name: /^工作室\s*\d+$/ }).click();
    await page.waitForURL(/type=STUDIO/);
    const items = page.getByRole("list", { name: "搜索结果" }).getByRole("listitem");
    await items.first().waitFor();
    for (const text of await items.allTextContents()) expect(text).toContain("工作室");
    expect(await page.getByText(/共找到 \d+ 条结果/).textContent()).not.toBe(total);
    await page.getByRole("link", { name: "取消筛选：工作室" }).click();
    await page.waitForURL((url) => !url.searchParams.has("type"));
    await page.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "下一页" }).click();
    await page.waitForURL(/page=2/);
    // The address changes before the new page has rendered; wait for the page, not the URL.
    await expect.poll(() => page.getByRole("navigation", { name: "分页" }).locator('[aria-current="page"]').textContent()).toBe("2");
    await page.getByLabel("排序").selectOption("date");
    await page.waitForURL(/sort=date/);
    expect(new URL(page.url()).searchParams.get("page")).toBeNull();

    const studioId = await idOf("Studio", { name: "“心晴”心理健康教育辅导员工作室" });
    await page.goto(`${baseUrl}/search?studio=${studioId}`);
    await page.getByRole("heading", { name: "在““心晴”心理健康教育辅导员工作室”中搜索" }).waitFor();
    await page.getByRole("link", { name: "在全站搜索" }).waitFor();
    await page.context().close();
  });

  it("never shows a document to someone who may not open it", async () => {
    await addDocument("负责人内部的约谈记录汇总", "仅工作室成员可见的约谈记录。", "心晴", "MEETING_MINUTES");
    const member = await signedIn("leader");
    await member.goto(`${baseUrl}/search?q=${encodeURIComponent("约谈记录汇总")}`);
    await member.getByRole("link", { name: "负责人内部的约谈记录汇总" }).waitFor();
    await member.context().close();
    const outsider = await signedIn("counselor");
    await outsider.goto(`${baseUrl}/search?q=${encodeURIComponent("约谈记录汇总")}`);
    // Other records may match parts of the query; this one is never among them.
    await outsider.getByText(/共找到 \d+ 条结果/).waitFor();
    expect(await outsider.getByRole("link", { name: "负责人内部的约谈记录汇总" }).count()).toBe(0);
    await outsider.context().close();
  });

  it("works without JavaScript", async () => {
    const page = await signedIn("backbone", { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/search`);
    await page.getByText(/输入关键词/).waitFor();
    await page.getByLabel("关键词").fill("朋辈");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.waitForURL(/q=%E6%9C%8B%E8%BE%88/);
    await page.getByRole("list", { name: "搜索结果" }).waitFor();
    await page.getByRole("combobox", { name: "全站搜索" }).fill("心晴");
    await page.getByRole("combobox", { name: "全站搜索" }).press("Enter");
    await page.waitForURL(/q=%E5%BF%83%E6%99%B4/);
    await page.context().close();
  });

  it("tells the person when the keywords are too long", async () => {
    const page = await signedIn("backbone");
    await page.goto(`${baseUrl}/search?q=${"长".repeat(201)}`);
    await page.getByRole("alert").getByText("关键词过长，最多 200 个字符。").waitFor();
    await page.context().close();
  });
});

describe("personal access tokens", () => {
  it("are created, shown once, work for the API and stop working once revoked after confirmation", async () => {
    // Seeded: the mentor has no token. The token and its audit records go after the test.
    const mentor = await userId("mentor");
    await undoChangesTo("ApiToken", { userId: mentor });
    await undoChangesTo("AuditLog", { actorId: mentor, action: ["api-token.create", "api-token.revoke"] });
    const page = await signedIn("mentor");
    await page.goto(`${baseUrl}/settings/tokens`);
    await page.getByText("您还没有创建个人访问令牌。").waitFor();
    await page.getByRole("button", { name: "创建令牌" }).click();
    await page.getByText("请填写令牌名称。").waitFor();
    await page.getByLabel("令牌名称").fill("审阅统计脚本");
    await page.getByLabel("有效期").selectOption("30");
    await page.getByRole("button", { name: "创建令牌" }).click();
    const token = await page.getByLabel("新令牌").inputValue();
    expect(token).toMatch(/^fdo_/);
    const call = () => fetch(`${baseUrl}/api/search?q=${encodeURIComponent("心理")}`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await call()).status).toBe(200);

    await page.getByRole("button", { name: "撤销令牌“审阅统计脚本”" }).click();
    const dialog = page.getByRole("dialog", { name: /确认撤销令牌“审阅统计脚本”？/ });
    await dialog.waitFor();
    // The question starts on 取消; Escape closes it and nothing is revoked.
    expect(await dialog.getByRole("button", { name: "取消" }).evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await call()).status).toBe(200);
    await page.getByRole("button", { name: "撤销令牌“审阅统计脚本”" }).click();
    await dialog.getByRole("button", { name: "确认撤销" }).click();
    await page.getByText("令牌“审阅统计脚本”已撤销。").waitFor();
    expect((await call()).status).toBe(401);
    await page.context().close();
  });
});

describe("synonyms", () => {
  it("学工部 adds a group and search follows; others are refused", async () => {
    // The seeded groups are left as they were (the search engine follows the table), with no audit record of the change.
    await undoChangesTo("SearchSynonymGroup");
    await undoChangesTo("AuditLog", { actorId: await userId("admin"), action: "search-synonyms.create" });
    await addDocument("公寓文化节活动方案", "公寓文化节包括内务评比和趣味运动会。");
    const admin = await signedIn("admin");
    await admin.goto(`${baseUrl}/admin/synonyms`);
    const terms = admin.getByLabel("同义词", { exact: true }).first();
    await terms.fill("公寓");
    await admin.getByRole("button", { name: "添加同义词组" }).click();
    await admin.getByText("每组至少需要两个不同的词。").waitFor();
    await terms.fill("公寓、学生宿舍区");
    await admin.getByRole("button", { name: "添加同义词组" }).click();
    await admin.getByText("已添加同义词组。").waitFor();
    await searchSettled();
    await admin.goto(`${baseUrl}/search?q=${encodeURIComponent("学生宿舍区文化节")}`);
    await admin.getByRole("link", { name: "公寓文化节活动方案" }).waitFor();
    await admin.context().close();

    const leader = await signedIn("leader");
    const response = await leader.goto(`${baseUrl}/admin/synonyms`);
    expect(response?.status()).toBe(403);
    await leader.getByRole("heading", { name: "没有权限" }).waitFor();
    await leader.context().close();
  });
});
