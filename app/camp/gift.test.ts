import { describe, expect, it } from "vitest";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { decodeGift, parseGift } from "./gift.ts";
import { issueText, type ImportResult } from "./question-draft.ts";

/** A bank as a school exports it from Moodle: every construct the importer takes, in Chinese. */
const CHINESE_BANK = String.raw`// 2026 年素质能力提升训练营 · 基础知识测试题库（节选）
// 由 Moodle 导出

$CATEGORY: $course$/top/训练营题库/思想理论教育和价值引领/难度2

::思政-001::[html]辅导员工作的根本任务是（　　）。{
  =立德树人#正确：见《普通高等学校辅导员队伍建设规定》。
  ~管理学生
  ~服务学生
  ~维护校园稳定#这是工作内容之一，不是根本任务。
  ####辅导员是开展大学生思想政治教育的骨干力量。
}

::思政-002::下列属于辅导员主要工作职责的有（　　）。{
  ~%33.33333%思想理论教育和价值引领
  ~%33.33333%党团和班级建设
  ~%33.33334%学风建设
  ~%-100%教学科研管理
}

$CATEGORY: $course$/top/训练营题库/心理健康、危机应对/较难
// 判断题
发现学生有自伤风险时，辅导员应立即确保其安全，并通知家长。{T#请对照心理危机干预流程再想一想。#对：先保安全，再通知家长和学校心理中心。}

新生心理普查一般在入学后一学年内完成，结果可以公开张贴。{FALSE}

中国共产党第一次全国代表大会于{=1921 =一九二一}年召开。

::谈心谈话::[markdown]结合你处理过的一个学生案例，谈谈如何开展有效的谈心谈话。{
####要点：抓住主题、以理服人、消除顾虑。
}

::转义\:符号::在 GIFT 中写 \{ 和 \} 表示花括号本身，写 \= 表示等号，写 \~ 表示波浪号，写 \# 表示井号。{TRUE}
`;

const ok = (result: ImportResult) => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.questions;
};
const errorsOf = (result: ImportResult) => (result.ok ? [] : result.errors);

describe("a GIFT file", () => {
  it("reads a Chinese bank: choice, multiple answers by weight, true/false, missing word, essay, escapes and categories", () => {
    const questions = ok(parseGift(CHINESE_BANK));
    expect(questions.map((q) => [q.line, q.draft.kind])).toEqual([
      [6, "SINGLE"],
      [14, "MULTIPLE"],
      [23, "TRUE_FALSE"],
      [25, "TRUE_FALSE"],
      [27, "FILL_IN"],
      [29, "SHORT_ANSWER"],
      [33, "TRUE_FALSE"],
    ]);
    const [single, multiple, yes, no, fillIn, essay, escapes] = questions.map((q) => q.draft);
    expect(single).toEqual({
      kind: "SINGLE",
      title: "思政-001",
      stem: "辅导员工作的根本任务是（　　）。",
      options: [
        { text: "立德树人", correct: true },
        { text: "管理学生", correct: false },
        { text: "服务学生", correct: false },
        { text: "维护校园稳定", correct: false },
      ],
      duties: ["IDEOLOGY"],
      difficulty: 2,
      explanation: "辅导员是开展大学生思想政治教育的骨干力量。\n立德树人：正确：见《普通高等学校辅导员队伍建设规定》。\n维护校园稳定：这是工作内容之一，不是根本任务。",
    });
    expect(multiple).toMatchObject({
      options: [
        { text: "思想理论教育和价值引领", correct: true },
        { text: "党团和班级建设", correct: true },
        { text: "学风建设", correct: true },
        { text: "教学科研管理", correct: false },
      ],
      duties: ["IDEOLOGY"],
      difficulty: 2,
    });
    // The second category names two duties and a difficulty word.
    expect(yes).toEqual({
      kind: "TRUE_FALSE",
      title: undefined,
      stem: "发现学生有自伤风险时，辅导员应立即确保其安全，并通知家长。",
      answer: true,
      duties: ["MENTAL_HEALTH", "CRISIS"],
      difficulty: 4,
      explanation: "对：先保安全，再通知家长和学校心理中心。\n请对照心理危机干预流程再想一想。",
    });
    expect(no).toMatchObject({ kind: "TRUE_FALSE", answer: false, explanation: undefined });
    expect(fillIn).toMatchObject({ stem: "中国共产党第一次全国代表大会于____年召开。", blanks: [["1921", "一九二一"]] });
    expect(essay).toMatchObject({ title: "谈心谈话", stem: "结合你处理过的一个学生案例，谈谈如何开展有效的谈心谈话。", explanation: "要点：抓住主题、以理服人、消除顾虑。" });
    expect(escapes).toMatchObject({ title: "转义:符号", stem: "在 GIFT 中写 { 和 } 表示花括号本身，写 = 表示等号，写 ~ 表示波浪号，写 # 表示井号。", answer: true });
  });

  it("reads the same file saved on Windows (CRLF) with a byte-order mark, and as GB18030", () => {
    const windows = `\uFEFF${CHINESE_BANK.replace(/\n/g, "\r\n")}`;
    expect(parseGift(windows)).toEqual(parseGift(CHINESE_BANK));
    // The decoder drops the byte-order mark; the parser would too.
    expect(decodeGift(new TextEncoder().encode(windows))).toBe(windows.slice(1));
    // "中文" in GB18030, as Notepad on Chinese Windows saves it.
    expect(decodeGift(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toBe("中文");
  });

  it("reads the format documentation's own examples", () => {
    const spec = String.raw`Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}

Grant is {~buried =entombed ~living} in Grant's tomb.

Grant is buried in Grant's tomb.{FALSE}

Who's buried in Grant's tomb?{=no one =nobody}

The American holiday of Thanksgiving is celebrated on the {
    ~second
    ~third
    =fourth
} Thursday of November.

Two plus two equals {=four =4}.

The sun rises in the east.{T}

::Kanji Origins::Japanese characters originally
came from what country? {=China}

What two people are entombed in Grant's tomb? {
    ~%-50%No one
    ~%50%Grant
    ~%50%Grant's wife
    ~%-50%Grant's father }

Which answer equals 5? {
     ~ \= 2 + 2
     = \= 2 + 3
     ~ \= 2 + 4  }

How are you? {
####We hope you're feeling well.
}`;
    const drafts = ok(parseGift(spec, { duties: ["RESEARCH"], difficulty: 3 })).map((q) => q.draft);
    expect(drafts.map((d) => d.kind)).toEqual(["SINGLE", "SINGLE", "TRUE_FALSE", "FILL_IN", "SINGLE", "FILL_IN", "TRUE_FALSE", "FILL_IN", "MULTIPLE", "SINGLE", "SHORT_ANSWER"]);
    expect(drafts[1]).toMatchObject({ stem: "Grant is ____ in Grant's tomb.", options: [{ text: "buried", correct: false }, { text: "entombed", correct: true }, { text: "living", correct: false }] });
    expect(drafts[4]).toMatchObject({ stem: "The American holiday of Thanksgiving is celebrated on the ____ Thursday of November." });
    expect(drafts[5]).toMatchObject({ stem: "Two plus two equals ____.", blanks: [["four", "4"]] });
    expect(drafts[7]).toMatchObject({ title: "Kanji Origins", stem: "Japanese characters originally\ncame from what country?", blanks: [["China"]] });
    expect(drafts[8]).toMatchObject({ options: [{ correct: false }, { text: "Grant", correct: true }, { text: "Grant's wife", correct: true }, { correct: false }] });
    expect(drafts[9]).toMatchObject({ options: [{ text: "= 2 + 2", correct: false }, { text: "= 2 + 3", correct: true }, { text: "= 2 + 4", correct: false }] });
    expect(drafts[10]).toMatchObject({ stem: "How are you?", explanation: "We hope you're feeling well.", duties: ["RESEARCH"], difficulty: 3 });
  });

  it("reports numerical and matching questions as unsupported, each at its line, and refuses the file", () => {
    const result = parseGift(
      `Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}

When was Ulysses S. Grant born?{#1822:1}

// a comment does not move the question's line
Match the following countries with their corresponding capitals. {
    =Canada -> Ottawa
    =Italy  -> Rome
}`,
      { duties: ["RESEARCH"], difficulty: 3 },
    );
    expect(errorsOf(result)).toEqual([
      { line: 3, message: "camp.import.errors.gift.numerical" },
      { line: 6, message: "camp.import.errors.gift.matching" },
    ]);
  });

  it("takes duties and difficulty from the import's defaults when no category names them, and the category's over the defaults", () => {
    const text = "团支部书记由团员大会选举产生。{T}\n\n$CATEGORY: 题库/学风/难度5\n\n学风建设的主体是学生。{T}";
    const drafts = ok(parseGift(text, { duties: ["PARTY_CLASS"], difficulty: 1 })).map((q) => q.draft);
    expect(drafts.map((d) => [d.duties, d.difficulty])).toEqual([
      [["PARTY_CLASS"], 1],
      [["STUDY_STYLE"], 5],
    ]);
    // A category naming nothing we know (训练营题库, top) leaves the defaults in place.
    const plain = ok(parseGift("$CATEGORY: $course$/top/训练营题库\n学风建设的主体是学生。{T}", { duties: ["STUDY_STYLE"], difficulty: 2 }));
    expect(plain.map((q) => [q.line, q.draft.duties, q.draft.difficulty])).toEqual([[2, ["STUDY_STYLE"], 2]]);
  });

  it("says which questions lack a duty or a difficulty when neither the category nor the import gives one", () => {
    expect(errorsOf(parseGift("学风建设的主体是学生。{T}"))).toEqual([
      { line: 1, message: "camp.import.errors.gift.dutiesMissing" },
      { line: 1, message: "camp.import.errors.gift.difficultyMissing" },
    ]);
    expect(errorsOf(parseGift("$CATEGORY: 学风\n\n学风建设的主体是学生。{T}", { difficulty: 3 }))).toEqual([]);
    expect(errorsOf(parseGift("$CATEGORY: 学风\n\n学风建设的主体是学生。{T}"))).toEqual([{ line: 3, message: "camp.import.errors.gift.difficultyMissing" }]);
  });

  it("refuses a question without a correct answer, with a clear message at its line", () => {
    const defaults = { duties: ["CRISIS" as const], difficulty: 3 };
    expect(errorsOf(parseGift("危机事件发生后首先应当（　　）。{~拍照发朋友圈 ~等待观望}", defaults))).toEqual([
      { line: 1, message: "camp.import.errors.noCorrectAnswer" },
    ]);
    expect(errorsOf(parseGift("心理危机干预的“黄金时间”是多少小时？{=%0%72#不对}", defaults))).toEqual([{ line: 1, message: "camp.import.errors.noCorrectAnswer" }]);
  });

  it("refuses what our model cannot hold: two right answers in a single choice, partial credit, a bad weight", () => {
    const defaults = { duties: ["CRISIS" as const], difficulty: 3 };
    const text = [
      "下列哪一项是正确的？{=甲 =乙 ~丙}",
      "Difficult question.{~wrong answer ~%50%half credit answer =full credit answer}",
      "Jesus Christ was from {=Nazareth =%75%Nazereth}.",
      "权重写错了。{~%五十%甲 ~%50%乙}",
      "权重超出范围。{~%150%甲 ~乙}",
    ].join("\n\n");
    expect(errorsOf(parseGift(text, defaults))).toEqual([
      { line: 1, message: "camp.import.errors.singleHasSeveral?count=2" },
      { line: 3, message: "camp.import.errors.gift.partialCredit", params: { weight: 50 } },
      { line: 5, message: "camp.import.errors.gift.partialCredit", params: { weight: 75 } },
      { line: 7, message: "camp.import.errors.gift.badWeight", params: { weight: "五十" } },
      { line: 9, message: "camp.import.errors.gift.badWeight", params: { weight: "150" } },
    ]);
  });

  it("refuses malformed questions: no answer part, full-width braces, unpaired braces, two answer parts, an open title, stray text", () => {
    const defaults = { duties: ["CRISIS" as const], difficulty: 3 };
    const text = [
      "这是一段说明文字，没有答案。",
      "辅导员应当第一时间报告。｛T｝",
      "缺少右括号 {=甲 ~乙",
      "缺少左括号 =甲 ~乙}",
      "第一处 {=甲 ~乙} 第二处 {=丙 ~丁}",
      "::没有结尾的名称 题干 {T}",
      "答案前多了字 {甲 ~乙 =丙}",
      "只有一个选项 {~%100%甲}",
    ].join("\n\n");
    expect(errorsOf(parseGift(text, defaults))).toEqual([
      { line: 1, message: "camp.import.errors.gift.noAnswer" },
      { line: 3, message: "camp.import.errors.gift.fullWidthBraces" },
      { line: 5, message: "camp.import.errors.gift.unclosed" },
      { line: 7, message: "camp.import.errors.gift.unclosed" },
      { line: 9, message: "camp.import.errors.gift.severalAnswerParts" },
      { line: 11, message: "camp.import.errors.gift.unclosedTitle" },
      { line: 13, message: "camp.import.errors.gift.textBeforeAnswers", params: { text: "甲" } },
      { line: 15, message: "camp.import.errors.tooFewOptions?min=2" },
    ]);
  });

  it("lists every problem and imports nothing when only one question is bad", () => {
    const result = parseGift(`${CHINESE_BANK}\n\n最后一题没有正确答案。{~甲 ~乙}\n`);
    expect(result).toEqual({ ok: false, errors: [{ line: 36, message: "camp.import.errors.noCorrectAnswer" }] });
  });

  it("refuses a file of more than 5,000 questions as a whole", () => {
    const many = Array.from({ length: 5_001 }, (_, i) => `第 ${i + 1} 题。{T}`).join("\n\n");
    expect(errorsOf(parseGift(many, { duties: ["RESEARCH"], difficulty: 3 }))).toEqual([{ message: "camp.import.errors.gift.tooLarge", params: { max: 5_000 } }]);
    expect(parseGift(many.slice(0, many.lastIndexOf("\n\n")), { duties: ["RESEARCH"], difficulty: 3 }).ok).toBe(true);
  });

  it("refuses a file with no questions", () => {
    expect(errorsOf(parseGift(""))).toEqual([{ message: "camp.import.errors.gift.empty" }]);
    expect(errorsOf(parseGift("// 只有注释\n\n$CATEGORY: 题库/心理健康\n"))).toEqual([{ message: "camp.import.errors.gift.empty" }]);
  });

  it("says its problems to a person in Chinese with the line", async () => {
    const zh = (await i18nFor("zh-CN")).t;
    const [error] = errorsOf(parseGift("\n\n数值题 {#3:1}", { duties: ["RESEARCH"], difficulty: 2 }));
    expect(issueText(zh, error!, "gift")).toBe("第 3 行：数值题（{#…}）不在本系统的题型中：请改为填空题（{=答案}）后再导入。");
  });
});
