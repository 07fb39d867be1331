import { readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { action as importAction, loader as importLoader } from "~/routes/camp.bank.import.tsx";
import { loader as listLoader } from "~/routes/camp.bank._index.tsx";
import { action as newAction, loader as newLoader } from "~/routes/camp.bank.new.tsx";
import { action as questionAction, loader as questionLoader } from "~/routes/camp.bank.$questionId.tsx";
import { action as editAction, loader as editLoader } from "~/routes/camp.bank.$questionId_.edit.tsx";
import { loader as templateLoader } from "~/routes/camp.bank.template[.]xlsx.tsx";
import { buildUser, unique, type BuiltUser } from "../../../tests/support/factories.ts";
import { asUser, cookieFor } from "../../../tests/support/signed-in.ts";
import { QUESTION_COLUMNS } from "../question-xlsx.ts";
import { listQuestions } from "./bank.server.ts";
import { bankFilterSchema } from "./schemas.ts";

/**
 * The question bank (题库) through its routes, on the real database: every kind created from the
 * form, edits as new versions with the earlier ones untouched, retiring, the list's filters, and
 * imports (.xlsx made here with exceljs, a GIFT file as Moodle exports it) written whole or not at
 * all; 学工部 alone, so counselors, college admins and mentors are refused everywhere.
 */

let admin: BuiltUser;
let counselor: BuiltUser;
let collegeAdmin: BuiltUser;
let mentor: BuiltUser;

beforeAll(async () => {
  [admin, counselor, collegeAdmin, mentor] = await Promise.all([
    buildUser({ roles: ["ADMIN"] }),
    buildUser({ roles: ["COUNSELOR"] }),
    buildUser({ roles: ["COLLEGE_ADMIN"] }),
    buildUser({ roles: ["MENTOR"] }),
  ]);
});

type Reply = { status: string; error?: string; notice?: string; data?: { token: string; summary: { total: number; byKind: Record<string, number>; byDuty: Record<string, number> } }; details?: { issues: string[] }; form?: { error?: Record<string, string[] | null> } };

/** Posts the question form as the page does and returns the new question's id from the redirect. */
async function createVia(user: BuiltUser, form: Record<string, string | string[]>) {
  const result = await asUser(user.username, newAction, "/camp/bank/new", { form: { intent: "create", ...form } });
  const location = result.response?.headers.get("Location") ?? "";
  return { ...result, reply: result.data as Reply | null, id: /^\/camp\/bank\/([^/?]+)\?saved=new$/.exec(location)?.[1] ?? null };
}

const common = (stem: string) => ({ stem, duties: ["MENTAL_HEALTH", "CRISIS"], difficulty: "3", category: "单元测试" });

async function versionsOf(questionId: string) {
  return prisma.questionVersion.findMany({ where: { questionId }, orderBy: { number: "asc" } });
}

describe("creating questions", () => {
  it("stores each of the five kinds as version 1, with the key in the grading module's shape", async () => {
    const single = await createVia(admin, {
      kind: "SINGLE",
      ...common(unique("单选")),
      "options[0].text": "立德树人",
      "options[0].correct": "on",
      "options[1].text": "管理学生",
      "options[2].text": "",
      "options[3].text": "",
    });
    const multiple = await createVia(admin, {
      kind: "MULTIPLE",
      ...common(unique("多选")),
      "options[0].text": "甲",
      "options[0].correct": "on",
      "options[1].text": "乙",
      "options[2].text": "丙",
      "options[2].correct": "on",
    });
    const trueFalse = await createVia(admin, { kind: "TRUE_FALSE", ...common(unique("判断")), answer: "false" });
    const fillIn = await createVia(admin, { kind: "FILL_IN", ...common(`${unique("填空")}____第一`), "accepted[0]": "生命", "accepted[1]": " 人的生命 " });
    const short = await createVia(admin, { kind: "SHORT_ANSWER", ...common(unique("简答")), referenceAnswer: "先倾听", gradingNotes: "抓住主题" });

    for (const created of [single, multiple, trueFalse, fillIn, short]) expect(created.status).toBe(302);
    const keys = await Promise.all([single, multiple, trueFalse, fillIn, short].map(async (c) => (await versionsOf(c.id!))[0]!));
    expect(keys.map((v) => v.answerKey)).toEqual([
      { kind: "SINGLE", correct: 0 },
      { kind: "MULTIPLE", correct: [0, 2] },
      { kind: "TRUE_FALSE", correct: false },
      { kind: "FILL_IN", accepted: ["生命", "人的生命"] },
      { kind: "SHORT_ANSWER", referenceAnswer: "先倾听", gradingNotes: "抓住主题" },
    ]);
    // The empty rows the form offers are not options.
    expect(keys[0]!.options).toEqual([{ text: "立德树人" }, { text: "管理学生" }]);
    expect(keys.every((v) => v.number === 1 && v.difficulty === 3 && v.duties.join() === "MENTAL_HEALTH,CRISIS")).toBe(true);
    const question = await prisma.question.findUniqueOrThrow({ where: { id: single.id! } });
    expect(question).toMatchObject({ source: "MANUAL", category: "单元测试", currentVersionId: keys[0]!.id, createdById: admin.id });
    expect(await prisma.auditLog.count({ where: { actorId: admin.id, action: "camp-question.create", entityId: single.id! } })).toBe(1);
  });

  it("refuses a question without a correct answer, or with bad duties and difficulty, in Chinese, and writes nothing", async () => {
    const stem = unique("无答案");
    const before = await prisma.question.count();
    const noAnswer = await createVia(admin, { kind: "SINGLE", ...common(stem), "options[0].text": "甲", "options[1].text": "乙" });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.reply!.form!.error!.options).toEqual(["这道题没有正确答案：请标出正确的选项，或填写正确答案。"]);

    const noTf = await createVia(admin, { kind: "TRUE_FALSE", ...common(stem) });
    expect(noTf.reply!.form!.error!.answer).toEqual(["这道题没有正确答案：请标出正确的选项，或填写正确答案。"]);

    const badTags = await createVia(admin, { kind: "TRUE_FALSE", stem, answer: "true", difficulty: "9" });
    expect(badTags.reply!.form!.error!.duties).toEqual(["请为这道题标注至少一项职责（九项职责之一）。"]);
    expect(badTags.reply!.form!.error!.difficulty).toEqual(["难度须为 1 到 5 的整数（或“容易”“中等”“较难”）。"]);

    const twoBlanks = await createVia(admin, { kind: "FILL_IN", ...common(`${stem}____和____`), "accepted[0]": "甲" });
    expect(twoBlanks.status).toBe(400);
    expect(Object.values(twoBlanks.reply!.form!.error!).flat()).toContain("一道填空题只能有一处填空（作答时只填一个答案）：有几处填空的，请拆成几道题。");

    expect(await prisma.question.count()).toBe(before);
    expect(await prisma.questionVersion.count({ where: { stem: { startsWith: stem } } })).toBe(0);
  });
});

describe("editing, versions and retiring", () => {
  it("writes version 2 and moves the current version, leaving version 1 untouched; an edit that changes nothing is refused", async () => {
    const stem = unique("版本");
    const { id } = await createVia(admin, { kind: "SINGLE", ...common(stem), "options[0].text": "甲", "options[0].correct": "on", "options[1].text": "乙" });
    const [v1] = await versionsOf(id!);

    const edit = (form: Record<string, string | string[]>) => asUser(admin.username, editAction, `/camp/bank/${id}/edit`, { params: { questionId: id! }, form: { intent: "save", ...form } });
    const saved = await edit({ kind: "SINGLE", ...common(`${stem}（修订）`), "options[0].text": "甲", "options[1].text": "乙", "options[1].correct": "on", "options[2].text": "丙" });
    expect(saved.status).toBe(302);
    expect(saved.response!.headers.get("Location")).toBe(`/camp/bank/${id}?saved=2`);

    const [first, second] = await versionsOf(id!);
    expect(first).toEqual(v1);
    expect(second).toMatchObject({ number: 2, stem: `${stem}（修订）`, answerKey: { kind: "SINGLE", correct: 1 }, options: [{ text: "甲" }, { text: "乙" }, { text: "丙" }] });
    expect((await prisma.question.findUniqueOrThrow({ where: { id: id! } })).currentVersionId).toBe(second!.id);

    const same = await edit({ kind: "SINGLE", ...common(`${stem}（修订）`), "options[0].text": "甲", "options[1].text": "乙", "options[1].correct": "on", "options[2].text": "丙" });
    expect(same.status).toBe(409);
    expect((same.data as Reply).error).toBe("题目没有改动，无需保存新版本。");
    expect(await prisma.questionVersion.count({ where: { questionId: id! } })).toBe(2);

    // The page shows both versions, and what changed between them.
    const page = await asUser(admin.username, questionLoader, `/camp/bank/${id}`, { params: { questionId: id! } });
    const versions = (page.data as { versions: Array<{ number: number; values: { options: Array<{ correct: boolean }> } }> }).versions;
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    expect(versions[0]!.values.options.map((o) => o.correct)).toEqual([false, true, false]);
  });

  it("retires a question after confirmation (no longer listed as in use) and restores it", async () => {
    const stem = unique("停用");
    const { id } = await createVia(admin, { kind: "TRUE_FALSE", ...common(stem), answer: "true" });
    const post = (intent: string, confirmed?: boolean) =>
      asUser(admin.username, questionAction, `/camp/bank/${id}`, { params: { questionId: id! }, form: { intent, ...(confirmed ? { confirmed: "yes" } : {}) } });

    const asked = await post("retire");
    expect((asked.data as Reply).status).toBe("confirm");
    expect((await prisma.question.findUniqueOrThrow({ where: { id: id! } })).retiredAt).toBeNull();

    expect((await post("retire", true)).data).toMatchObject({ status: "success", notice: "题目已停用。" });
    expect((await prisma.question.findUniqueOrThrow({ where: { id: id! } })).retiredAt).not.toBeNull();
    const active = await listQuestions(bankFilterSchema.parse({ q: stem }));
    const retired = await listQuestions(bankFilterSchema.parse({ q: stem, status: "retired" }));
    expect([active.total, retired.total]).toEqual([0, 1]);
    expect((await post("retire", true)).data).toMatchObject({ status: "error", error: "这道题已经停用了。" });

    expect((await post("restore")).data).toMatchObject({ status: "success", notice: "题目已恢复使用。" });
    expect((await prisma.question.findUniqueOrThrow({ where: { id: id! } })).retiredAt).toBeNull();
  });
});

describe("the list", () => {
  it("filters by kind, duty, difficulty, category and the stem's words, and pages", async () => {
    const category = unique("筛选分类");
    const word = unique("关键词");
    for (let index = 0; index < 23; index++) {
      await createVia(admin, { kind: "TRUE_FALSE", stem: `${word} 第${index}题`, duties: [index % 2 ? "CAREER" : "STUDY_STYLE"], difficulty: String((index % 5) + 1), category, answer: "true" });
    }
    await createVia(admin, { kind: "SHORT_ANSWER", stem: `${word} 简答`, duties: ["CAREER"], difficulty: "2", category });
    const list = async (query: Record<string, string>) =>
      (await asUser(admin.username, listLoader, `/camp/bank?${new URLSearchParams({ category, ...query })}`)).data as { total: number; items: Array<{ stem: string }>; pages: number; page: number };

    expect((await list({})).total).toBe(24);
    expect((await list({})).items).toHaveLength(20);
    expect(await list({ page: "2" })).toMatchObject({ page: 2, pages: 2 });
    expect((await list({ page: "2" })).items).toHaveLength(4);
    expect((await list({ kind: "SHORT_ANSWER" })).total).toBe(1);
    expect((await list({ duty: "CAREER" })).total).toBe(12);
    expect((await list({ difficulty: "5" })).total).toBe(4);
    expect((await list({ q: "第1" })).items.map((q) => q.stem).sort()).toEqual([`${word} 第1题`, ...Array.from({ length: 10 }, (_, i) => `${word} 第1${i}题`)].sort());
    expect((await list({ q: unique("没有这样的题") })).total).toBe(0);
  });
});

// ───────────── imports ─────────────

async function xlsx(rows: Array<Partial<Record<(typeof QUESTION_COLUMNS)[number]["key"], string | number>>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("题目");
  sheet.addRow(QUESTION_COLUMNS.map((c) => c.header));
  for (const row of rows) sheet.addRow(QUESTION_COLUMNS.map((c) => row[c.key] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function post(user: BuiltUser, body: FormData | URLSearchParams) {
  const request = new Request("http://localhost/camp/bank/import", { method: "POST", headers: { Cookie: await cookieFor(user.username) }, body });
  try {
    const result = (await importAction({ request, params: {}, context: {} } as never)) as { data: Reply; init: { status?: number } | null };
    return { status: result.init?.status ?? 200, reply: result.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, reply: null };
    throw thrown;
  }
}

/** Checks a file as the page's first button does and, when it passes, imports it as the second does. */
async function importFile(user: BuiltUser, format: "xlsx" | "gift", body: Buffer, options: { fileName?: string; category?: string; duties?: string[]; difficulty?: string } = {}) {
  const form = new FormData();
  form.set("intent", "check");
  form.set("format", format);
  form.set("file", new File([new Uint8Array(body)], options.fileName ?? (format === "xlsx" ? "题库.xlsx" : "题库.txt")));
  if (options.category) form.set("category", options.category);
  for (const duty of options.duties ?? []) form.append("duties", duty);
  if (options.difficulty) form.set("difficulty", options.difficulty);
  const checked = await post(user, form);
  if (checked.status !== 200 || !checked.reply?.data) return { checked, imported: null };
  const confirm = new URLSearchParams({ intent: "confirm", token: checked.reply.data.token, format, category: options.category ?? "" });
  for (const duty of options.duties ?? []) confirm.append("duties", duty);
  if (options.difficulty) confirm.set("difficulty", options.difficulty);
  return { checked, imported: await post(user, confirm) };
}

describe("importing", () => {
  it("imports a good .xlsx whole, with a preview of what it holds, under a file name with any characters", async () => {
    const category = unique("导入分类");
    const file = await xlsx([
      { kind: "单选", stem: `${category} 辅导员工作的根本任务是？`, optionA: "立德树人", optionB: "管理学生", answer: "A", duties: "思想理论教育", difficulty: "容易" },
      { kind: "多选", stem: `${category} 属于保密例外的有？`, optionA: "自伤危险", optionB: "违法犯罪", optionC: "成绩下降", answer: "AB", duties: "心理健康、危机应对", difficulty: 4 },
      { kind: "判断", stem: `${category} 心理委员可替代专业咨询。`, answer: "错", duties: "心理健康" },
      { kind: "填空", stem: `${category} 处置的首要原则是____第一。`, answer: "生命|人的生命", duties: "危机", difficulty: 3 },
      { kind: "简答", stem: `${category} 简述宿舍矛盾的处理思路。`, answer: "先倾听", gradingNotes: "抓住主题", duties: "日常事务" },
    ]);
    const { checked, imported } = await importFile(admin, "xlsx", file, { fileName: '题库;a=b "第1批".xlsx', category, difficulty: "3" });
    expect(checked.status).toBe(200);
    expect(checked.reply!.data!.summary).toMatchObject({
      total: 5,
      byKind: { SINGLE: 1, MULTIPLE: 1, TRUE_FALSE: 1, FILL_IN: 1, SHORT_ANSWER: 1 },
      byDuty: { IDEOLOGY: 1, MENTAL_HEALTH: 2, CRISIS: 2, DAILY_AFFAIRS: 1 },
    });
    expect(imported!.reply).toMatchObject({ status: "success", notice: "已导入 5 道题。" });

    const questions = await prisma.question.findMany({ where: { category }, include: { currentVersion: true }, orderBy: { currentVersion: { stem: "asc" } } });
    expect(questions).toHaveLength(5);
    expect(questions.every((q) => q.source === "XLSX" && q.currentVersion?.number === 1)).toBe(true);
    const byKind = Object.fromEntries(questions.map((q) => [q.currentVersion!.kind, q.currentVersion!]));
    expect(byKind.MULTIPLE!.answerKey).toEqual({ kind: "MULTIPLE", correct: [0, 1] });
    expect(byKind.FILL_IN!.answerKey).toEqual({ kind: "FILL_IN", accepted: ["生命", "人的生命"] });
    expect(byKind.TRUE_FALSE!.difficulty).toBe(3);
    expect(await prisma.auditLog.count({ where: { actorId: admin.id, action: "camp-question.import", data: { path: ["fileName"], equals: '题库;a=b "第1批".xlsx' } } })).toBe(1);
  });

  it("refuses an .xlsx with bad rows, naming each row and column in Chinese, and imports none of its good rows", async () => {
    const category = unique("坏文件");
    const file = await xlsx([
      { kind: "单选", stem: `${category} 好的一行`, optionA: "甲", optionB: "乙", answer: "A", duties: "学风", difficulty: 2 },
      { kind: "单选", stem: `${category} 没有答案`, optionA: "甲", optionB: "乙", duties: "学风", difficulty: 2 },
      { kind: "判断", stem: `${category} 职责不明`, answer: "对", duties: "学生", difficulty: 2 },
    ]);
    const { checked } = await importFile(admin, "xlsx", file, { category });
    expect(checked.status).toBe(422);
    expect(checked.reply!.error).toBe("文件中有 2 处问题，未导入任何内容。请修改后重新上传：");
    expect(checked.reply!.details!.issues).toEqual([
      "第 3 行「正确答案」：这道题没有正确答案：请标出正确的选项，或填写正确答案。",
      "第 4 行「职责」：职责“学生”无法识别：请填九项职责的名称，多项之间用“、”分隔。",
    ]);

    // Well formed for the template, but the test grades one typed answer per fill-in.
    const twoBlanks = await xlsx([
      { kind: "判断", stem: `${category} 好的一行`, answer: "对", duties: "学风", difficulty: 2 },
      { kind: "填空", stem: `${category} 两处____和____`, answer: "甲；乙", duties: "学风", difficulty: 2 },
    ]);
    const refused = await importFile(admin, "xlsx", twoBlanks, { category });
    expect(refused.checked.status).toBe(422);
    expect(refused.checked.reply!.details!.issues).toEqual(["第 3 行：一道填空题只能有一处填空（作答时只填一个答案）：有几处填空的，请拆成几道题。"]);
    expect(await prisma.question.count({ where: { category } })).toBe(0);
  });

  it("imports a GIFT file as Moodle exports it: categories tag duties and difficulty, comments and escapes are read", async () => {
    const category = unique("GIFT");
    const gift = await readFile(path.join(import.meta.dirname, "fixtures", "moodle-export.gift.txt"));
    const { checked, imported } = await importFile(admin, "gift", gift, { category, fileName: "moodle 导出 (1).txt" });
    expect(checked.status).toBe(200);
    expect(checked.reply!.data!.summary).toMatchObject({ total: 5, byKind: { SINGLE: 1, MULTIPLE: 1, TRUE_FALSE: 1, FILL_IN: 1, SHORT_ANSWER: 1 }, byDuty: { MENTAL_HEALTH: 3, CRISIS: 2 } });
    expect(imported!.reply).toMatchObject({ status: "success", notice: "已导入 5 道题。" });

    const versions = (await prisma.question.findMany({ where: { category, source: "GIFT" }, include: { currentVersion: true } })).map((q) => q.currentVersion!);
    const of = (kind: string) => versions.find((v) => v.kind === kind)!;
    expect(of("SINGLE")).toMatchObject({ stem: "<p>发现学生流露自伤念头时，辅导员首先应当:</p>", duties: ["MENTAL_HEALTH"], difficulty: 2, answerKey: { kind: "SINGLE", correct: 0 } });
    expect(of("SINGLE").explanation).toContain("安全第一");
    expect(of("MULTIPLE").answerKey).toEqual({ kind: "MULTIPLE", correct: [0, 1] });
    expect(of("TRUE_FALSE")).toMatchObject({ stem: "心理委员可以替代专业心理咨询 {紧急情况除外}。", answerKey: { kind: "TRUE_FALSE", correct: false } });
    expect(of("FILL_IN")).toMatchObject({ duties: ["CRISIS"], difficulty: 4, answerKey: { kind: "FILL_IN", accepted: ["生命", "人的生命"] } });
    expect(of("SHORT_ANSWER").stem).toBe("<p>请简述你处理宿舍矛盾的思路 = 步骤与要点。</p>");
  });

  it("refuses a GIFT file with errors by line, in Chinese, and imports nothing", async () => {
    const category = unique("坏GIFT");
    const gift = Buffer.from([`$CATEGORY: 题库/学风/难度2`, "", `${category} 好题 {=对 ~错}`, "", `${category} 数值题 {#3:1}`, "", `${category} 全角 ｛=甲 ~乙｝`].join("\n"));
    const { checked } = await importFile(admin, "gift", gift, { category });
    expect(checked.status).toBe(422);
    expect(checked.reply!.details!.issues).toEqual([
      "第 5 行：数值题（{#…}）不在本系统的题型中：请改为填空题（{=答案}）后再导入。",
      "第 7 行：这道题的答案部分用了全角括号｛｝：请改为半角的 { }。",
    ]);
    expect(await prisma.questionVersion.count({ where: { stem: { startsWith: category } } })).toBe(0);
  });

  it("uses the duties and difficulty chosen for the import where a GIFT file names none, and refuses without them", async () => {
    const category = unique("默认");
    const gift = Buffer.from(`${category} 学风建设需要家校合作。{T}\n`);
    const without = await importFile(admin, "gift", gift, { category });
    expect(without.checked.reply!.details!.issues).toEqual([
      "第 1 行：没有职责：请在前面的 $CATEGORY: 路径中写明职责（如 $CATEGORY: 题库/心理健康），或在导入时选择默认职责。",
      "第 1 行：没有难度：请在前面的 $CATEGORY: 路径中写明难度（如 难度3、较难），或在导入时选择默认难度。",
    ]);
    const withDefaults = await importFile(admin, "gift", gift, { category, duties: ["STUDY_STYLE"], difficulty: "1" });
    expect(withDefaults.imported!.reply!.status).toBe("success");
    const version = (await prisma.question.findFirstOrThrow({ where: { category }, include: { currentVersion: true } })).currentVersion!;
    expect(version).toMatchObject({ duties: ["STUDY_STYLE"], difficulty: 1, answerKey: { kind: "TRUE_FALSE", correct: true } });
  });

  it("asks for the file and its format in Chinese when they are missing", async () => {
    const form = new FormData();
    form.set("intent", "check");
    form.set("file", new File([], ""));
    const { status, reply } = await post(admin, form);
    expect(status).toBe(400);
    expect(reply!.form!.error).toMatchObject({ file: ["请选择要导入的文件。"], format: ["请选择文件格式。"] });
  });

  it("does not import a checked file twice", async () => {
    const category = unique("两次");
    const file = await xlsx([{ kind: "判断", stem: `${category} 一题`, answer: "对", duties: "学风", difficulty: 2 }]);
    const form = new FormData();
    form.set("intent", "check");
    form.set("format", "xlsx");
    form.set("category", category);
    form.set("file", new File([new Uint8Array(file)], "一题.xlsx"));
    const checked = await post(admin, form);
    const confirm = new URLSearchParams({ intent: "confirm", token: checked.reply!.data!.token, format: "xlsx", category });
    expect((await post(admin, confirm)).reply!.status).toBe("success");
    const again = await post(admin, confirm);
    expect(again.status).toBe(410);
    expect(await prisma.question.count({ where: { category } })).toBe(1);
  });
});

describe("only 学工部 reaches the bank", () => {
  it("refuses counselors, college admins and mentors on every page, download and change", async () => {
    const { id } = await createVia(admin, { kind: "TRUE_FALSE", ...common(unique("拒绝")), answer: "true" });
    const params = { questionId: id! };
    for (const person of [counselor, collegeAdmin, mentor]) {
      const calls = [
        asUser(person.username, listLoader, "/camp/bank"),
        asUser(person.username, newLoader, "/camp/bank/new"),
        asUser(person.username, questionLoader, `/camp/bank/${id}`, { params }),
        asUser(person.username, editLoader, `/camp/bank/${id}/edit`, { params }),
        asUser(person.username, importLoader, "/camp/bank/import"),
        asUser(person.username, templateLoader, "/camp/bank/template.xlsx"),
        asUser(person.username, newAction, "/camp/bank/new", { form: { intent: "create", kind: "TRUE_FALSE", ...common(unique("越权")), answer: "true" } }),
        asUser(person.username, editAction, `/camp/bank/${id}/edit`, { params, form: { intent: "save", kind: "TRUE_FALSE", ...common(unique("越权")), answer: "false" } }),
        asUser(person.username, questionAction, `/camp/bank/${id}`, { params, form: { intent: "retire", confirmed: "yes" } }),
      ];
      expect((await Promise.all(calls)).map((r) => r.status)).toEqual(Array(calls.length).fill(403));
      const gift = await importFile(person, "gift", Buffer.from("$CATEGORY: 学风/难度2\n\n越权 {T}\n"));
      expect(gift.checked.status).toBe(403);
    }
    expect(await prisma.questionVersion.count({ where: { questionId: id! } })).toBe(1);
    expect((await prisma.question.findUniqueOrThrow({ where: { id: id! } })).retiredAt).toBeNull();
    expect(await prisma.questionVersion.count({ where: { stem: { startsWith: "越权" } } })).toBe(0);
  });

  it("gives 学工部 the template", async () => {
    const { status, response } = await asUser(admin.username, templateLoader, "/camp/bank/template.xlsx");
    expect(status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response!.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["题目", "填写说明"]);
  });
});
