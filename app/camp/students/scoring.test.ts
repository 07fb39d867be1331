import { describe, expect, it } from "vitest";
import { DEFAULT_IDENTIFICATION_RULE } from "~/camp/identification.ts";
import { identificationRuleOf, scoreItem, scoreItems } from "./scoring.ts";

const truth = { name: "张三", className: "汉语言文学2301班", dorm: "3-402" };
const rule = DEFAULT_IDENTIFICATION_RULE;

describe("scoring a photo of 人物辨识 (decision 087)", () => {
  it("scores one's own student by the facts, a wrong name scoring 0, and 'not my student' scoring 0", () => {
    expect(scoreItem({ decoy: false, markedNotMine: false, truth, typed: { name: "张三", className: "汉语言文学2301班", dorm: "3-402" } }, rule)).toEqual({ points: 5, max: 5 });
    expect(scoreItem({ decoy: false, markedNotMine: false, truth, typed: { name: "张三", className: "汉语言文学2301班" } }, rule)).toEqual({ points: 4, max: 5 });
    expect(scoreItem({ decoy: false, markedNotMine: false, truth, typed: { name: "张山", className: "汉语言文学2301班", dorm: "3-402" } }, rule)).toEqual({ points: 0, max: 5 });
    expect(scoreItem({ decoy: false, markedNotMine: true, truth, typed: { name: "张三", className: "汉语言文学2301班", dorm: "3-402" } }, rule)).toEqual({ points: 0, max: 5 });
  });
  it("scores a decoy the name's points when marked 'not my student', 0 otherwise", () => {
    expect(scoreItem({ decoy: true, markedNotMine: true, truth, typed: {} }, rule)).toEqual({ points: 3, max: 3 });
    expect(scoreItem({ decoy: true, markedNotMine: false, truth, typed: { name: "张三" } }, rule)).toEqual({ points: 0, max: 3 });
  });
  it("leaves the dorm out of a student with none on record (it could never be matched)", () => {
    expect(scoreItem({ decoy: false, markedNotMine: false, truth: { ...truth, dorm: "" }, typed: { name: "张三", className: "汉语言文学2301班" } }, rule)).toEqual({ points: 4, max: 4 });
  });
  it("adds the photos up in tenths, and reads the round's points or falls back to 3/1/1", () => {
    const half = identificationRuleOf({ name: 2.5, className: 0.5, dorm: 0.5 });
    expect(half).toEqual({ namePoints: 2.5, classPoints: 0.5, dormPoints: 0.5, wrongNameZeroes: true });
    const items = [
      { decoy: false, markedNotMine: false, truth, typed: { name: "张三", className: "汉语言文学2301班", dorm: "3-402" } },
      { decoy: true, markedNotMine: true, truth, typed: {} },
      { decoy: false, markedNotMine: false, truth, typed: { name: "张三", dorm: "3-402" } },
    ];
    expect(scoreItems(items, half)).toMatchObject({ points: 9, max: 9.5 });
    expect(identificationRuleOf(null)).toEqual(rule);
    expect(identificationRuleOf({ name: -1, className: 1, dorm: 1 })).toEqual(rule);
  });
});
