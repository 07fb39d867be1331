import { describe, expect, it } from "vitest";
import { parseWithZod } from "~/lib/zod-form.ts";
import { questionDraftSchema } from "../question-draft.ts";
import { questionFormSchema } from "./schemas.ts";
import { bankIssue, formValuesOf, partsOf, sameContent, versionChanges, versionOf } from "./version.ts";

/** The bank's mapping of drafts to stored versions and back, the form's checks, and the history's changes. */

const draft = (input: unknown) => questionDraftSchema.parse(input);
const base = { stem: "辅导员工作的根本任务是？", duties: ["IDEOLOGY"], difficulty: 2 };

describe("stored versions", () => {
  it("reads back every kind as the form shows it", () => {
    const drafts = [
      draft({ kind: "SINGLE", ...base, options: [{ text: "立德树人", correct: false }, { text: "管理", correct: true }] }),
      draft({ kind: "MULTIPLE", ...base, options: [{ text: "甲", correct: true }, { text: "乙", correct: false }, { text: "丙", correct: true }] }),
      draft({ kind: "TRUE_FALSE", ...base, answer: false }),
      draft({ kind: "FILL_IN", ...base, stem: "首要原则是____第一。", blanks: [["生命", "人的生命"]] }),
      draft({ kind: "SHORT_ANSWER", ...base, referenceAnswer: "先倾听", gradingNotes: "抓住主题" }),
    ];
    const values = drafts.map((d) => formValuesOf(versionOf(d)));
    expect(values[0]!.options).toEqual([
      { text: "立德树人", correct: false },
      { text: "管理", correct: true },
    ]);
    expect(values[1]!.options.map((o) => o.correct)).toEqual([true, false, true]);
    expect(values[2]!.answer).toBe("false");
    expect(values[3]!.accepted).toEqual(["生命", "人的生命"]);
    expect([values[4]!.referenceAnswer, values[4]!.gradingNotes]).toEqual(["先倾听", "抓住主题"]);
  });

  it("tells the same content apart from a change, whatever order PostgreSQL keeps the keys in", () => {
    const content = versionOf(draft({ kind: "SHORT_ANSWER", ...base, referenceAnswer: "甲", gradingNotes: "乙" }));
    const stored = { ...content, answerKey: { gradingNotes: "乙", kind: "SHORT_ANSWER", referenceAnswer: "甲" } };
    expect(sameContent(content, stored)).toBe(true);
    expect(sameContent(content, { ...stored, difficulty: 3 })).toBe(false);
  });

  it("refuses a fill-in with several blanks (the test takes one typed answer)", () => {
    expect(bankIssue(draft({ kind: "FILL_IN", ...base, stem: "____和____", blanks: [["甲"], ["乙"]] }))).toBe("camp.bank.errors.oneBlank");
    expect(bankIssue(draft({ kind: "FILL_IN", ...base, stem: "____第一", blanks: [["生命"]] }))).toBeNull();
  });

  it("lists what changed between two versions, part by part", () => {
    const label = (value: unknown) => String(value);
    const yesNo = (value: boolean) => (value ? "对" : "错");
    const before = formValuesOf(versionOf(draft({ kind: "SINGLE", ...base, options: [{ text: "甲", correct: true }, { text: "乙", correct: false }] })));
    const after = formValuesOf(versionOf(draft({ kind: "SINGLE", ...base, difficulty: 4, options: [{ text: "甲", correct: false }, { text: "乙", correct: true }] })));
    expect(versionChanges(partsOf(before, label, label, yesNo), partsOf(after, label, label, yesNo))).toEqual([
      { part: "answer", before: "A", after: "B" },
      { part: "difficulty", before: "2", after: "4" },
    ]);
  });
});

describe("the question form", () => {
  const form = (entries: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(entries)) data.append(key, value);
    return parseWithZod(data, { schema: questionFormSchema });
  };

  it("drops the empty option rows at the end and keeps the marked answer", () => {
    const submission = form({ kind: "SINGLE", stem: "题", duties: "CAREER", difficulty: "3", "options[0].text": "甲", "options[1].text": "乙", "options[1].correct": "on", "options[2].text": "" });
    expect(submission.status).toBe("success");
    if (submission.status === "success") expect(versionOf(submission.value.draft).answerKey).toEqual({ kind: "SINGLE", correct: 1 });
  });

  it("says each problem at its field, the limits with their numbers", () => {
    const submission = form({ kind: "MULTIPLE", stem: "字".repeat(2001), difficulty: "6", "options[0].text": "甲", "options[1].text": "甲" });
    const error = submission.status === "success" ? undefined : submission.error;
    expect(error).toMatchObject({
      stem: ["camp.import.errors.stemTooLong?max=2000"],
      duties: ["camp.import.errors.dutiesRequired?min=1"],
      difficulty: ["camp.import.errors.badDifficulty?max=5"],
      options: ["camp.import.errors.noCorrectAnswer"],
    });
    expect(error?.["options[1]"]?.[0]).toMatch(/^camp\.import\.errors\.duplicateOption\?option=/);
  });
});
