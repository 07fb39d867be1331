import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { issueText, type ImportResult } from "./question-draft.ts";
import { questionTemplate, readQuestionSheet } from "./question-xlsx.ts";

type Row = Partial<Record<"题型" | "题干" | "A" | "B" | "C" | "D" | "正确答案" | "职责" | "难度" | "解析" | "评分要点", string | number>>;
const ORDER = ["题型", "题干", "A", "B", "C", "D", "E", "F", "G", "H", "正确答案", "职责", "难度", "解析", "评分要点"] as const;

/** The template as a person downloads it, filled in with exceljs from row 2 on, with some blank rows after the last. */
async function filledTemplate(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await questionTemplate()) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("题目")!;
  rows.forEach((row, index) => {
    ORDER.forEach((key, column) => {
      const value = row[key as keyof Row];
      if (value !== undefined) sheet.getCell(index + 2, column + 1).value = value;
    });
  });
  // Trailing rows that only look empty: a blank string, a cell with spaces.
  sheet.getCell(rows.length + 4, 2).value = "";
  sheet.getCell(rows.length + 6, 1).value = "   ";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const questionsOf = (result: ImportResult) => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.questions;
};
const errorsOf = (result: ImportResult) => (result.ok ? [] : result.errors);

describe("the question bank template", () => {
  it("has the questions sheet with Chinese headers (required ones starred) and a sheet explaining each column", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await questionTemplate()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["题目", "填写说明"]);
    const headers = (workbook.getWorksheet("题目")!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(["题型*", "题干*", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "选项G", "选项H", "正确答案*", "职责", "难度", "解析", "评分要点"]);
    expect(workbook.getWorksheet("题目")!.actualRowCount).toBe(1);
    const guide = workbook.getWorksheet("填写说明")!;
    const explained = guide.getColumn(1).values.slice(2, 11);
    expect(explained).toEqual(["题型", "题干", "选项A…选项H", "正确答案", "职责", "难度", "解析", "评分要点", undefined]);
    expect(String(guide.getCell("C5").value)).toContain("多选填全部正确字母（如 AC）");
  });

  it("refuses the template as downloaded: there are no questions under the header", async () => {
    expect(errorsOf(await readQuestionSheet(await questionTemplate()))).toEqual([{ message: "training.io.errors.noRows" }]);
  });

  it("reads back every kind of question filled into it, numbers typed as numbers, trailing blank rows ignored", async () => {
    const file = await filledTemplate([
      { 题型: "单选", 题干: "辅导员工作的根本任务是（　　）。", A: "立德树人", B: "管理学生", C: "服务学生", D: "维护稳定", 正确答案: "a", 职责: "思想理论教育和价值引领", 难度: 2, 解析: "见《普通高等学校辅导员队伍建设规定》。" },
      { 题型: "不定项", 题干: "下列属于辅导员工作职责的有（　　）。", A: "党团和班级建设", B: "教学管理", C: "学风建设", 正确答案: "A、C", 职责: "党团和班级建设、学风建设", 难度: "中等" },
      { 题型: "判断", 题干: "学生心理普查结果可以公开张贴。", 正确答案: "错", 职责: "心理健康", 难度: 3 },
      { 题型: "填空", 题干: "“三全育人”指全员育人、____育人、____育人。", 正确答案: "全程|全过程；全方位", 职责: "IDEOLOGY", 难度: 3 },
      { 题型: "填空题", 题干: "中国共产党第一次全国代表大会于____年召开。", 正确答案: 1921, 职责: "理论和实践研究", 难度: "1" },
      { 题型: "简答", 题干: "结合案例谈谈如何开展谈心谈话。", 正确答案: "先倾听，再引导……", 评分要点: "抓住主题 25，以理服人 25", 职责: "心理健康教育与咨询工作,校园危机事件应对", 难度: "较难" },
      { 题型: "多选", 题干: "数字选项也按文字读取（　　）。", A: 1921, B: 1949, C: 2.5, 正确答案: "ab", 职责: "研究", 难度: 5 },
    ]);
    const questions = questionsOf(await readQuestionSheet(file));
    expect(questions.map((q) => q.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const [single, multiple, trueFalse, twoBlanks, number, short, numbers] = questions.map((q) => q.draft);
    expect(single).toEqual({
      kind: "SINGLE",
      title: undefined,
      stem: "辅导员工作的根本任务是（　　）。",
      options: [
        { text: "立德树人", correct: true },
        { text: "管理学生", correct: false },
        { text: "服务学生", correct: false },
        { text: "维护稳定", correct: false },
      ],
      duties: ["IDEOLOGY"],
      difficulty: 2,
      explanation: "见《普通高等学校辅导员队伍建设规定》。",
    });
    expect(multiple).toMatchObject({ kind: "MULTIPLE", options: [{ correct: true }, { correct: false }, { correct: true }], duties: ["PARTY_CLASS", "STUDY_STYLE"], difficulty: 3 });
    expect(trueFalse).toMatchObject({ kind: "TRUE_FALSE", answer: false, duties: ["MENTAL_HEALTH"] });
    expect(twoBlanks).toMatchObject({ kind: "FILL_IN", blanks: [["全程", "全过程"], ["全方位"]], duties: ["IDEOLOGY"] });
    expect(number).toMatchObject({ kind: "FILL_IN", blanks: [["1921"]], duties: ["RESEARCH"], difficulty: 1 });
    expect(short).toMatchObject({
      kind: "SHORT_ANSWER",
      referenceAnswer: "先倾听，再引导……",
      gradingNotes: "抓住主题 25，以理服人 25",
      duties: ["MENTAL_HEALTH", "CRISIS"],
      difficulty: 4,
    });
    expect(numbers).toMatchObject({ options: [{ text: "1921", correct: true }, { text: "1949", correct: true }, { text: "2.5", correct: false }] });
  });

  it("finds a header written with spaces, aliases and a title row above it, in any column order", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sheet1");
    sheet.addRow(["2026 年训练营基础知识题库"]);
    sheet.addRow(["难 度", " 题 型 ", "题目", "选项 A", "选项 B", "答案", "职 责"]);
    sheet.addRow([4, "单选", "党的二十大召开于（　　）年。", 2022, 2021, "A", "思想理论教育和价值引领"]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const questions = questionsOf(await readQuestionSheet(file));
    expect(questions).toEqual([
      {
        line: 3,
        draft: expect.objectContaining({ stem: "党的二十大召开于（　　）年。", options: [{ text: "2022", correct: true }, { text: "2021", correct: false }], difficulty: 4 }),
      },
    ]);
  });

  it("takes blank duties and difficulty from the import's defaults", async () => {
    const file = await filledTemplate([{ 题型: "判断", 题干: "学风建设的主体是学生。", 正确答案: "对" }]);
    expect(errorsOf(await readQuestionSheet(file))).toEqual([
      { line: 2, column: "难度", message: "camp.import.errors.xlsx.difficultyRequired" },
      { line: 2, column: "职责", message: "camp.import.errors.dutiesRequired?min=1" },
    ]);
    const [question] = questionsOf(await readQuestionSheet(file, { duties: ["STUDY_STYLE"], difficulty: 2 }));
    expect(question!.draft).toMatchObject({ answer: true, duties: ["STUDY_STYLE"], difficulty: 2 });
  });

  it("refuses the whole file and names each bad row and column", async () => {
    const good = { 职责: "心理健康", 难度: 3 } as const;
    const file = await filledTemplate([
      { ...good, 题型: "问答", 题干: "这是什么题型？", 正确答案: "无" },
      { ...good, 题型: "单选", 题干: "选项只有四个。", A: "甲", B: "乙", C: "丙", D: "丁", 正确答案: "E" },
      { ...good, 题型: "单选", 题干: "忘了填正确答案。", A: "甲", B: "乙" },
      { ...good, 题型: "单选", 题干: "单选填了两个答案。", A: "甲", B: "乙", 正确答案: "AB" },
      { ...good, 题型: "多选", 题干: "选项中间空了一个。", A: "甲", B: "乙", D: "丁", 正确答案: "A" },
      { ...good, 题型: "判断", 题干: "判断题的答案写成了“可能”。", 正确答案: "可能" },
      { ...good, 题型: "判断", 题干: "判断题填了选项。", A: "对", B: "错", 正确答案: "对" },
      { ...good, 题型: "判断", 题干: "职责写错了一项。", 正确答案: "对", 职责: "心理健康、教学" },
      { ...good, 题型: "判断", 题干: "难度超出范围。", 正确答案: "对", 难度: 7 },
      { ...good, 题型: "判断", 正确答案: "对" },
      { ...good, 题型: "填空", 题干: "“三全育人”指全员育人、____育人、____育人。", 正确答案: "全程|全过程" },
      { ...good, 题型: "单选", 题干: "两个选项一样。", A: "甲", B: "甲", 正确答案: "A" },
      { ...good, 题型: "判断", 题干: "这一行本身没有问题。", 正确答案: "对" },
    ]);
    expect(errorsOf(await readQuestionSheet(file))).toEqual([
      { line: 2, column: "题型", message: "camp.import.errors.xlsx.unknownKind", params: { value: "问答" } },
      { line: 3, column: "正确答案", message: "camp.import.errors.xlsx.badLetter", params: { letter: "E" } },
      { line: 4, column: "正确答案", message: "camp.import.errors.noCorrectAnswer" },
      { line: 5, column: "正确答案", message: "camp.import.errors.singleHasSeveral?count=2" },
      { line: 6, column: "选项C", message: "camp.import.errors.xlsx.optionGap", params: { letter: "C" } },
      { line: 7, column: "正确答案", message: "camp.import.errors.xlsx.badTrueFalse", params: { value: "可能" } },
      { line: 8, column: "选项A", message: "camp.import.errors.xlsx.optionsNotAllowed" },
      { line: 9, column: "职责", message: "camp.import.errors.xlsx.unknownDuty", params: { value: "教学" } },
      { line: 10, column: "难度", message: "camp.import.errors.xlsx.badDifficulty", params: { value: "7" } },
      { line: 11, column: "题干", message: "camp.import.errors.stemRequired?min=1" },
      { line: 12, column: "正确答案", message: "camp.import.errors.blankCount?blanks=2&answers=1" },
      { line: 13, column: "选项B", message: "camp.import.errors.duplicateOption?option=%E7%94%B2" },
    ]);
  });

  it("says a row's problem to a person in Chinese: 第 3 行「正确答案」…", async () => {
    const zh = (await i18nFor("zh-CN")).t;
    const file = await filledTemplate([
      { 题型: "判断", 题干: "学风建设的主体是学生。", 正确答案: "对", 职责: "学风", 难度: 1 },
      { 题型: "单选", 题干: "选项只有两个。", A: "甲", B: "乙", 正确答案: "C", 职责: "学风", 难度: 1 },
    ]);
    const [error] = errorsOf(await readQuestionSheet(file));
    expect(issueText(zh, error!, "xlsx")).toBe("第 3 行「正确答案」：正确答案中的“C”没有对应的选项。");
  });

  it("refuses a file that is not a spreadsheet", async () => {
    expect(errorsOf(await readQuestionSheet(Buffer.from("题型,题干\n单选,…")))).toEqual([{ message: "training.io.errors.unreadable" }]);
  });
});
