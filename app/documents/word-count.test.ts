import { describe, expect, it } from "vitest";
import { countCharacters, countWords } from "./word-count.ts";

describe("word count", () => {
  it("counts each Chinese character as one word and ignores Chinese punctuation", () => {
    expect(countWords("背景：某学院大二学生。")).toBe(9);
    expect(countWords("“心晴”工作室，反思与启示！")).toBe(10);
  });

  it("counts Latin words, numbers and mixed text as Chinese word processors do", () => {
    expect(countWords("Hello world")).toBe(2);
    expect(countWords("COVID-19 疫情期间 don't panic")).toBe(7);
    expect(countWords("共 1,000 名学生，占比 3.14%")).toBe(8);
    expect(countWords("abc中文def")).toBe(4);
    expect(countWords("使用 WPS 和 Word 2016 编辑")).toBe(8);
  });

  it("counts nothing in empty or punctuation-only text", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("  \n\t ，。！？—— …")).toBe(0);
  });

  it("counts characters without whitespace", () => {
    expect(countCharacters("反思 与\n启示")).toBe(5);
    expect(countCharacters("a b")).toBe(2);
  });
});
