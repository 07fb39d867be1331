import { describe, expect, it } from "vitest";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { checkDraft, findDuty, issueText, parseDifficulty, questionDraftSchema, type QuestionDraftInput } from "./question-draft.ts";

const base = { stem: "辅导员工作的根本任务是（　　）。", duties: ["IDEOLOGY" as const], difficulty: 2 };
const single = (correct: boolean[]): QuestionDraftInput => ({
  kind: "SINGLE",
  ...base,
  options: ["立德树人", "管理学生", "服务学生", "维护稳定"].slice(0, correct.length).map((text, i) => ({ text, correct: correct[i]! })),
});
const messages = (input: unknown) => {
  const checked = checkDraft(input, 7);
  return "errors" in checked ? checked.errors.map((e) => e.message) : [];
};

describe("a question draft", () => {
  it("takes a single choice with exactly one correct option, and drops an empty explanation", () => {
    const input = single([true, false, false, false]);
    expect(checkDraft({ ...input, explanation: "  " }, 7)).toEqual({ draft: { ...input, title: undefined, explanation: undefined } });
  });

  it("refuses a question without a correct answer, of every kind that has one", () => {
    expect(messages(single([false, false, false]))).toEqual(["camp.import.errors.noCorrectAnswer"]);
    expect(messages({ ...single([false, false]), kind: "MULTIPLE" })).toEqual(["camp.import.errors.noCorrectAnswer"]);
    expect(messages({ kind: "TRUE_FALSE", ...base })).toEqual(["camp.import.errors.noCorrectAnswer"]);
    expect(messages({ kind: "FILL_IN", ...base, blanks: [] })).toEqual(["camp.import.errors.noCorrectAnswer"]);
    expect(messages({ kind: "FILL_IN", ...base, blanks: [[]] })).toEqual(["camp.import.errors.noCorrectAnswer"]);
  });

  it("takes a multiple choice with one or several correct options, but a single choice with only one", () => {
    expect(messages({ ...single([true, false, true]), kind: "MULTIPLE" })).toEqual([]);
    expect(messages({ ...single([true, false]), kind: "MULTIPLE" })).toEqual([]);
    expect(messages(single([true, false, true]))).toEqual(["camp.import.errors.singleHasSeveral?count=2"]);
  });

  it("has 2 to 8 distinct options, each with text", () => {
    expect(messages(single([true]))).toEqual(["camp.import.errors.tooFewOptions?min=2"]);
    const nine = Array.from({ length: 9 }, (_, i) => ({ text: `选项${i}`, correct: i === 0 }));
    expect(messages({ kind: "SINGLE", ...base, options: nine })).toEqual(["camp.import.errors.tooManyOptions?max=8"]);
    expect(messages({ kind: "SINGLE", ...base, options: [{ text: "对", correct: true }, { text: "对", correct: false }] })).toEqual([
      "camp.import.errors.duplicateOption?option=%E5%AF%B9",
    ]);
    expect(messages({ kind: "SINGLE", ...base, options: [{ text: "立德树人", correct: true }, { text: " ", correct: false }] })).toEqual([
      "camp.import.errors.optionRequired?min=1",
    ]);
  });

  it("requires a stem of at most 2000 characters, duties and a difficulty of 1 to 5", () => {
    expect(messages({ ...single([true, false]), stem: "" })).toEqual(["camp.import.errors.stemRequired?min=1"]);
    expect(messages({ ...single([true, false]), stem: "题".repeat(2001) })).toEqual(["camp.import.errors.stemTooLong?max=2000"]);
    expect(messages({ ...single([true, false]), stem: "题".repeat(2000) })).toEqual([]);
    expect(messages({ ...single([true, false]), duties: [] })).toEqual(["camp.import.errors.dutiesRequired?min=1"]);
    expect(messages({ ...single([true, false]), duties: ["TEACHING"] })).toEqual(["camp.import.errors.unknownDuty"]);
    for (const difficulty of [0, 6, 2.5, Number.NaN]) expect(messages({ ...single([true, false]), difficulty })).toEqual([expect.stringMatching(/^camp\.import\.errors\.badDifficulty/)]);
    const checked = checkDraft({ ...single([true, false]), duties: ["CRISIS", "MENTAL_HEALTH", "CRISIS"] }, 1);
    expect("draft" in checked && checked.draft.duties).toEqual(["CRISIS", "MENTAL_HEALTH"]);
  });

  it("matches the answer groups of a fill-in to the blanks of its stem", () => {
    expect(messages({ kind: "FILL_IN", ...base, stem: "党的二十大报告指出，教育是国之大计、党之大计。", blanks: [["国之大计"]] })).toEqual([]);
    expect(messages({ kind: "FILL_IN", ...base, stem: "“三全育人”指全员育人、____育人、____育人。", blanks: [["全程"], ["全方位"]] })).toEqual([]);
    expect(messages({ kind: "FILL_IN", ...base, stem: "“三全育人”指全员育人、____育人、____育人。", blanks: [["全程", "全过程"]] })).toEqual([
      "camp.import.errors.blankCount?blanks=2&answers=1",
    ]);
    expect(messages({ kind: "FILL_IN", ...base, stem: "没有标出填空的题干。", blanks: [["甲"], ["乙"]] })).toEqual(["camp.import.errors.blankCount?blanks=0&answers=2"]);
  });

  it("takes a short answer with neither reference answer nor notes", () => {
    const checked = checkDraft({ kind: "SHORT_ANSWER", ...base, stem: "结合案例谈谈如何开展谈心谈话。", referenceAnswer: "" }, 1);
    expect(checked).toEqual({ draft: { kind: "SHORT_ANSWER", ...base, stem: "结合案例谈谈如何开展谈心谈话。", title: undefined, explanation: undefined, referenceAnswer: undefined, gradingNotes: undefined } });
  });

  it("refuses an unknown kind", () => {
    expect(messages({ kind: "ESSAY", ...base })).toEqual(["camp.import.errors.unknownKind"]);
    expect(questionDraftSchema.safeParse({ kind: "MATCHING", ...base }).success).toBe(false);
  });
});

describe("duties and difficulty as people write them", () => {
  it("know the nine duties by label, code and the short names schools use, and nothing looser", () => {
    expect(findDuty("心理健康教育与咨询工作")).toBe("MENTAL_HEALTH");
    expect(findDuty(" mental_health ")).toBe("MENTAL_HEALTH");
    expect(findDuty("心理健康")).toBe("MENTAL_HEALTH");
    expect(findDuty("危机应对")).toBe("CRISIS");
    expect(findDuty("学风")).toBe("STUDY_STYLE");
    expect(findDuty("就业")).toBe("CAREER");
    expect(findDuty("Campus crisis response")).toBe("CRISIS");
    // Words that are part of several labels, or of none, name no duty.
    expect(findDuty("学生")).toBeNull();
    expect(findDuty("教育")).toBeNull();
    expect(findDuty("训练营题库")).toBeNull();
  });

  it("read 1–5 and the usual words, optionally after 难度", () => {
    expect([1, 5, "3", " 4 ", "难度3", "难度：2", "Difficulty 5", "容易", "中等", "较难", "难", "EASY", "medium", "Hard"].map(parseDifficulty)).toEqual([1, 5, 3, 4, 3, 2, 5, 2, 3, 4, 4, 2, 3, 4]);
    expect([0, 6, 2.5, "6", "0", "默认", ""].map(parseDifficulty)).toEqual([null, null, null, null, null, null, null]);
  });
});

describe("a problem as a person reads it", () => {
  it("names the line of a GIFT file, the row and column of a spreadsheet, in Chinese and English", async () => {
    const zh = (await i18nFor("zh-CN")).t;
    const en = (await i18nFor("en")).t;
    const issue = { line: 5, message: "camp.import.errors.noCorrectAnswer" };
    expect(issueText(zh, issue, "gift")).toBe("第 5 行：这道题没有正确答案：请标出正确的选项，或填写正确答案。");
    expect(issueText(en, issue, "gift")).toBe("Line 5: This question has no correct answer: mark the right option or give the answer.");
    expect(issueText(zh, { ...issue, column: "正确答案" }, "xlsx")).toBe("第 5 行「正确答案」：这道题没有正确答案：请标出正确的选项，或填写正确答案。");
    expect(issueText(en, { line: 9, message: "camp.import.errors.stemTooLong?max=2000" }, "xlsx")).toBe("Row 9: The question text is too long: at most 2000 characters.");
    expect(issueText(zh, { message: "camp.import.errors.gift.tooLarge", params: { max: 5000 } }, "gift")).toBe("文件过大：一次最多导入 5000 道题。");
  });
});
