import { describe, expect, it } from "vitest";
import type { StoredAnswerKey } from "../bank/version.ts";
import { blankCount, gradeQuestion, isBlank, parseStoredKey, responseError } from "./answers.ts";

describe("the stored answer key", () => {
  it("reads each kind, one-blank and several-blank fill-ins, and refuses a key that does not fit", () => {
    expect(parseStoredKey("SINGLE", { correct: 2 })).toEqual({ kind: "OBJECTIVE", keys: [{ kind: "SINGLE", correct: 2 }] });
    expect(parseStoredKey("MULTIPLE", { correct: [0, 3] })).toEqual({ kind: "OBJECTIVE", keys: [{ kind: "MULTIPLE", correct: [0, 3] }] });
    expect(parseStoredKey("TRUE_FALSE", { answer: false })).toEqual({ kind: "OBJECTIVE", keys: [{ kind: "TRUE_FALSE", correct: false }] });
    expect(parseStoredKey("FILL_IN", { accepted: ["甲"] })).toEqual({ kind: "OBJECTIVE", keys: [{ kind: "FILL_IN", accepted: ["甲"] }] });
    expect(parseStoredKey("FILL_IN", { blanks: [["甲"], ["乙", "丙"]] })?.kind).toBe("OBJECTIVE");
    expect(parseStoredKey("SHORT_ANSWER", { referenceAnswer: "要点" })).toEqual({ kind: "SHORT_ANSWER", referenceAnswer: "要点", gradingNotes: "" });
    expect(parseStoredKey("SINGLE", { correct: "B" })).toBeNull();
    expect(parseStoredKey("MULTIPLE", { correct: [] })).toBeNull();
  });

  it("reads every key as the question bank stores it (grading's AnswerKey with its kind)", () => {
    const stored = [
      { kind: "SINGLE", correct: 1 },
      { kind: "MULTIPLE", correct: [0, 2] },
      { kind: "TRUE_FALSE", correct: false },
      { kind: "FILL_IN", accepted: ["立德树人", "立德 树人"] },
      { kind: "SHORT_ANSWER", referenceAnswer: "先稳定情绪", gradingNotes: "答出三点得满分" },
    ] as const satisfies readonly StoredAnswerKey[];
    expect(stored.map((key) => parseStoredKey(key.kind, key))).toEqual([
      { kind: "OBJECTIVE", keys: [{ kind: "SINGLE", correct: 1 }] },
      { kind: "OBJECTIVE", keys: [{ kind: "MULTIPLE", correct: [0, 2] }] },
      { kind: "OBJECTIVE", keys: [{ kind: "TRUE_FALSE", correct: false }] },
      { kind: "OBJECTIVE", keys: [{ kind: "FILL_IN", accepted: ["立德树人", "立德 树人"] }] },
      { kind: "SHORT_ANSWER", referenceAnswer: "先稳定情绪", gradingNotes: "答出三点得满分" },
    ]);
  });
});

describe("answers", () => {
  it("counts the blanks a fill-in stem marks, at least one", () => {
    expect(blankCount("辅导员是____和____。")).toBe(2);
    expect(blankCount("辅导员的首要职责是什么？")).toBe(1);
  });

  it("refuses an answer that does not fit the drawn question", () => {
    expect(responseError({ kind: "SINGLE", optionCount: 4, blanks: 0 }, { kind: "SINGLE", chosen: 3 })).toBeNull();
    expect(responseError({ kind: "SINGLE", optionCount: 4, blanks: 0 }, { kind: "SINGLE", chosen: 4 })).toBe("camp.scoring.grading.noSuchOption");
    expect(responseError({ kind: "MULTIPLE", optionCount: 4, blanks: 0 }, { kind: "MULTIPLE", chosen: [1, 1] })).toBe("camp.scoring.grading.optionTwice");
    expect(responseError({ kind: "FILL_IN", optionCount: 0, blanks: 2 }, { kind: "FILL_IN", texts: ["甲"] })).toBe("camp.test.errors.blankCount");
    expect(responseError({ kind: "TRUE_FALSE", optionCount: 2, blanks: 0 }, { kind: "SHORT_ANSWER", text: "对" })).toBe("camp.scoring.grading.wrongKind");
  });

  it("treats empty text and no options chosen as unanswered", () => {
    expect(isBlank({ kind: "SHORT_ANSWER", text: "  " })).toBe(true);
    expect(isBlank({ kind: "FILL_IN", texts: ["", " "] })).toBe(true);
    expect(isBlank({ kind: "MULTIPLE", chosen: [] })).toBe(true);
    expect(isBlank({ kind: "TRUE_FALSE", value: false })).toBe(false);
  });
});

describe("grading one question", () => {
  const fillIn = parseStoredKey("FILL_IN", { blanks: [["教师"], ["管理", "管理干部"]] });

  it("gives each blank of a fill-in its share of the points", () => {
    expect(gradeQuestion(fillIn, { kind: "FILL_IN", texts: ["教师", "管理干部"] }, [], 3, "ALL_OR_NOTHING")).toEqual({ points: 3, outcome: "RIGHT" });
    expect(gradeQuestion(fillIn, { kind: "FILL_IN", texts: ["教师", "服务"] }, [], 3, "ALL_OR_NOTHING")).toEqual({ points: 1.5, outcome: "PARTLY" });
    expect(gradeQuestion(fillIn, { kind: "FILL_IN", texts: ["学生", "服务"] }, [], 3, "ALL_OR_NOTHING")).toEqual({ points: 0, outcome: "WRONG" });
    expect(gradeQuestion(fillIn, undefined, [], 3, "ALL_OR_NOTHING")).toEqual({ points: 0, outcome: "UNANSWERED" });
  });

  it("maps shown options back through the paper's option order", () => {
    const key = parseStoredKey("SINGLE", { correct: 0 });
    // Shown second is stored first.
    expect(gradeQuestion(key, { kind: "SINGLE", chosen: 1 }, [2, 0, 1], 2, "ALL_OR_NOTHING").points).toBe(2);
    expect(gradeQuestion(key, { kind: "SINGLE", chosen: 0 }, [2, 0, 1], 2, "ALL_OR_NOTHING").points).toBe(0);
  });

  it("scores 0 for a broken key or an answer of another kind", () => {
    expect(gradeQuestion(null, { kind: "SINGLE", chosen: 0 }, [0, 1], 2, "ALL_OR_NOTHING")).toEqual({ points: 0, outcome: "WRONG" });
    expect(gradeQuestion(parseStoredKey("SINGLE", { correct: 0 }), { kind: "FILL_IN", texts: ["0"] }, [0, 1], 2, "ALL_OR_NOTHING").points).toBe(0);
  });
});
