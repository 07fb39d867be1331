import { describe, expect, it } from "vitest";
import { DEFAULT_IDENTIFICATION_RULE, sameFact, sameName, scoreIdentification, scorePhoto, validateIdentificationRule } from "./identification.ts";

const TRUTH = { name: "张伟", className: "计算机2301班", dorm: "东3-402" };

describe("scoring a photo (default: name 3, class 1, dorm 1; a wrong name scores 0)", () => {
  it("gives 5 for all three facts, 4 without the class, 3 for the name alone", () => {
    expect(scorePhoto(TRUTH, { name: "张伟", className: "计算机2301班", dorm: "东3-402" }, DEFAULT_IDENTIFICATION_RULE)).toEqual({ points: 5, max: 5, name: true, className: true, dorm: true });
    expect(scorePhoto(TRUTH, { name: "张伟", className: "计算机2302班", dorm: "东3-402" }, DEFAULT_IDENTIFICATION_RULE).points).toBe(4);
    expect(scorePhoto(TRUTH, { name: "张伟" }, DEFAULT_IDENTIFICATION_RULE).points).toBe(3);
  });

  it("gives 0 for a wrong or missing name even with class and dorm right", () => {
    expect(scorePhoto(TRUTH, { name: "张玮", className: "计算机2301班", dorm: "东3-402" }, DEFAULT_IDENTIFICATION_RULE)).toEqual({ points: 0, max: 5, name: false, className: true, dorm: true });
    expect(scorePhoto(TRUTH, { className: "计算机2301班", dorm: "东3-402" }, DEFAULT_IDENTIFICATION_RULE).points).toBe(0);
  });

  it("counts class and dorm without the name when the organiser switches the zeroing off, with their own points", () => {
    const rule = { namePoints: 2, classPoints: 1.5, dormPoints: 0.5, wrongNameZeroes: false };
    expect(scorePhoto(TRUTH, { name: "不认识", className: "计算机2301班", dorm: "东3-402" }, rule)).toMatchObject({ points: 2, max: 4 });
    expect(scoreIdentification([{ truth: TRUTH, typed: { name: "张伟", dorm: "东3-402" } }, { truth: TRUTH, typed: {} }], rule)).toMatchObject({ points: 2.5, max: 8 });
  });
});

describe("comparing what was typed", () => {
  it("takes a name with spaces around it or in full-width characters, and nothing looser", () => {
    expect(sameName(" 张伟　", "张伟")).toBe(true);
    expect(sameName("ＡＬＩ Ｋａｒｉｍ", "ALI Karim")).toBe(true);
    expect(sameName("张 伟", "张伟")).toBe(false);
    expect(sameName("ali karim", "ALI Karim")).toBe(false);
    expect(sameName("", "")).toBe(false);
  });

  it("takes class and dorm also without inner spaces and in any Latin case, but does not read Chinese numerals", () => {
    expect(sameFact("a3 - 402", "A3-402")).toBe(true);
    expect(sameFact("东３－４０２", "东3-402")).toBe(true);
    expect(sameFact("东三402", "东3-402")).toBe(false);
  });
});

describe("the organiser's rule", () => {
  it("refuses negative points, two decimals, more than 20 and a rule that scores nothing", () => {
    expect(validateIdentificationRule(DEFAULT_IDENTIFICATION_RULE)).toEqual([]);
    for (const namePoints of [-1, 0.25, 21]) {
      expect(validateIdentificationRule({ ...DEFAULT_IDENTIFICATION_RULE, namePoints })).toEqual([{ key: "camp.scoring.identification.badPoints", params: { max: 20 } }]);
    }
    expect(validateIdentificationRule({ namePoints: 0, classPoints: 0, dormPoints: 0, wrongNameZeroes: true })).toEqual([{ key: "camp.scoring.identification.nothingScored", params: {} }]);
  });
});
