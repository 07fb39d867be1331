import { describe, expect, it } from "vitest";
import { answerKeyError, answerShapeError, gradeAnswer, normalizeFillIn, paperTotal } from "./grading.ts";

// Shown position → stored option: shown A is stored C, shown B is A, shown C is D, shown D is B.
const ORDER = [2, 0, 3, 1];

describe("single choice and true/false", () => {
  it("score all or nothing, reading the answer through the shown order", () => {
    const key = { kind: "SINGLE", correct: 3 } as const; // stored D, shown at position 2 (C)
    expect(gradeAnswer(key, { kind: "SINGLE", chosen: 2 }, ORDER, 2, "PARTIAL")).toEqual({ points: 2, outcome: "RIGHT" });
    // Position 3 is what the question stores as D, but the person saw B there: wrong.
    expect(gradeAnswer(key, { kind: "SINGLE", chosen: 3 }, ORDER, 2, "PARTIAL")).toEqual({ points: 0, outcome: "WRONG" });
    expect(gradeAnswer(key, undefined, ORDER, 2, "PARTIAL")).toEqual({ points: 0, outcome: "UNANSWERED" });
    const tf = { kind: "TRUE_FALSE", correct: false } as const;
    expect(gradeAnswer(tf, { kind: "TRUE_FALSE", value: false }, [0, 1], 1, "PARTIAL").points).toBe(1);
    expect(gradeAnswer(tf, { kind: "TRUE_FALSE", value: true }, [0, 1], 1, "PARTIAL").points).toBe(0);
  });

  it("score 0 for an answer of another kind or a position outside the paper", () => {
    const key = { kind: "SINGLE", correct: 0 } as const;
    expect(gradeAnswer(key, { kind: "MULTIPLE", chosen: [1] }, ORDER, 2, "PARTIAL").points).toBe(0);
    expect(gradeAnswer(key, { kind: "SINGLE", chosen: 9 }, ORDER, 2, "PARTIAL").points).toBe(0);
  });
});

describe("multiple choice (不定项)", () => {
  // Right options stored A, C, D = shown B, A, C (positions 1, 0, 2). Shown D (position 3) is wrong.
  const key = { kind: "MULTIPLE", correct: [0, 2, 3] } as const;
  const chose = (...chosen: number[]) => ({ kind: "MULTIPLE", chosen }) as const;

  it("all or nothing: exactly the right options score, fewer or a wrong one score 0", () => {
    expect(gradeAnswer(key, chose(2, 0, 1), ORDER, 3, "ALL_OR_NOTHING")).toEqual({ points: 3, outcome: "RIGHT" });
    expect(gradeAnswer(key, chose(0, 1), ORDER, 3, "ALL_OR_NOTHING")).toEqual({ points: 0, outcome: "WRONG" });
    expect(gradeAnswer(key, chose(0, 1, 2, 3), ORDER, 3, "ALL_OR_NOTHING")).toEqual({ points: 0, outcome: "WRONG" });
  });

  it("partial (少选得部分分，错选不得分): 3 points × 2 of 3 right = 2; 4 × 1/3 = 1.33; any wrong option = 0", () => {
    expect(gradeAnswer(key, chose(0, 1), ORDER, 3, "PARTIAL")).toEqual({ points: 2, outcome: "PARTLY" });
    expect(gradeAnswer(key, chose(1), ORDER, 4, "PARTIAL")).toEqual({ points: 1.33, outcome: "PARTLY" });
    expect(gradeAnswer(key, chose(0, 1, 2), ORDER, 4, "PARTIAL")).toEqual({ points: 4, outcome: "RIGHT" });
    expect(gradeAnswer(key, chose(0, 3), ORDER, 4, "PARTIAL")).toEqual({ points: 0, outcome: "WRONG" });
    expect(gradeAnswer(key, chose(), ORDER, 4, "PARTIAL")).toEqual({ points: 0, outcome: "UNANSWERED" });
  });
});

describe("fill-in", () => {
  const key = { kind: "FILL_IN", accepted: ["中国共产党", "CPC"] } as const;
  const typed = (text: string) => ({ kind: "FILL_IN", text }) as const;

  it("accepts an answer after trimming, full-width to half-width and Latin case folding", () => {
    for (const text of [" 中国共产党　", "cpc", "ＣＰＣ", "\tCpc "]) expect(gradeAnswer(key, typed(text), [], 2, "PARTIAL").points).toBe(2);
    expect(gradeAnswer({ kind: "FILL_IN", accepted: ["1921"] }, typed("１９２１"), [], 1, "PARTIAL").points).toBe(1);
  });

  it("folds nothing else: a traditional character, an inner space or another word is wrong; blank is unanswered", () => {
    for (const text of ["中國共产党", "中国 共产党", "共产党", "C P C"]) expect(gradeAnswer(key, typed(text), [], 2, "PARTIAL").outcome).toBe("WRONG");
    expect(gradeAnswer(key, typed("　 "), [], 2, "PARTIAL")).toEqual({ points: 0, outcome: "UNANSWERED" });
    expect(normalizeFillIn("ＡＢｃ！")).toBe("abc!");
  });
});

describe("answers and keys that cannot be stored", () => {
  it("are refused at saving: another kind, an option not shown, an option twice, a fill-in too long", () => {
    expect(answerShapeError("SINGLE", 4, { kind: "SINGLE", chosen: 3 })).toBeNull();
    expect(answerShapeError("SINGLE", 4, { kind: "SINGLE", chosen: 4 })).toBe("camp.scoring.grading.noSuchOption");
    expect(answerShapeError("SINGLE", 4, { kind: "SINGLE", chosen: 1.5 })).toBe("camp.scoring.grading.noSuchOption");
    expect(answerShapeError("MULTIPLE", 4, { kind: "MULTIPLE", chosen: [0, 0] })).toBe("camp.scoring.grading.optionTwice");
    expect(answerShapeError("MULTIPLE", 4, { kind: "MULTIPLE", chosen: [-1] })).toBe("camp.scoring.grading.noSuchOption");
    expect(answerShapeError("TRUE_FALSE", 2, { kind: "SINGLE", chosen: 0 })).toBe("camp.scoring.grading.wrongKind");
    expect(answerShapeError("FILL_IN", 0, { kind: "FILL_IN", text: "字".repeat(200) })).toBeNull();
    expect(answerShapeError("FILL_IN", 0, { kind: "FILL_IN", text: "字".repeat(201) })).toBe("camp.scoring.grading.answerTooLong");
  });

  it("refuse a question without a correct answer", () => {
    expect(answerKeyError({ kind: "SINGLE", correct: 4 }, 4)).toBe("camp.scoring.grading.keyWithoutAnswer");
    expect(answerKeyError({ kind: "MULTIPLE", correct: [] }, 4)).toBe("camp.scoring.grading.keyWithoutAnswer");
    expect(answerKeyError({ kind: "MULTIPLE", correct: [1, 1] }, 4)).toBe("camp.scoring.grading.optionTwice");
    expect(answerKeyError({ kind: "FILL_IN", accepted: [" ", "　"] }, 0)).toBe("camp.scoring.grading.keyWithoutAnswer");
    expect(answerKeyError({ kind: "MULTIPLE", correct: [0, 3] }, 4)).toBeNull();
    expect(answerKeyError({ kind: "TRUE_FALSE", correct: true }, 2)).toBeNull();
  });
});

describe("a paper's total", () => {
  it("adds in hundredths: 0.1 + 0.2 + 1.33 = 1.63 of 1 + 1 + 4 = 6", () => {
    const grades = [0.1, 0.2, 1.33].map((points) => ({ points, outcome: "PARTLY" as const }));
    expect(paperTotal(grades, [1, 1, 4])).toEqual({ points: 1.63, max: 6 });
  });
});
