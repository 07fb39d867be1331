import { describe, expect, it } from "vitest";
import { extractHeadings, hanBigrams, hasHan, highlightTerms, MAX_QUERY_WORDS, queryWords, rewriteQuery } from "./chinese.ts";

const TERMS = ["思政", "思想政治", "心理", "心理健康", "就业", "职业规划", "危机干预", "危机应对", "新生", "大一新生"];

describe("bigram twins of indexed text", () => {
  it("turns every run of Han characters into overlapping bigrams and leaves other text to the field itself", () => {
    expect(hanBigrams("待处理事项")).toBe("待处 处理 理事 事项");
    expect(hanBigrams("用Python分析成绩")).toBe("用 分析 析成 成绩");
    expect(hanBigrams("A类 学生")).toBe("类 学生");
    expect(hanBigrams("SPSS 2024")).toBe("");
  });

  it("can stop after a number of characters", () => {
    expect(hanBigrams("一二三。四五六。七八九", 4).split(" ")).toEqual(["一二", "二三", "四五", "五六"]);
  });

  it("recognises Han text", () => {
    expect(hasHan("SCL-90筛查")).toBe(true);
    expect(hasHan("Powerpiont")).toBe(false);
  });
});

describe("queries prepared for Meilisearch", () => {
  it("sends Chinese as bigrams within words, so parts of words match (处理 in 待处理)", () => {
    expect(rewriteQuery("待处理事项")).toBe("待处 处理 事项");
    expect(rewriteQuery("处理")).toBe("处理");
    expect(rewriteQuery("成绩分析")).toBe("成绩 分析");
  });

  it("keeps synonym terms whole so Meilisearch's synonyms apply", () => {
    expect(rewriteQuery("思政教育", TERMS)).toBe("思政 教育");
    expect(rewriteQuery("心理危机干预", TERMS)).toBe("心理 危机干预");
    expect(rewriteQuery("大一新生入学适应", TERMS)).toBe("大一新生 入学 适应");
  });

  it("joins a lone character to its neighbour instead of requiring it as a word", () => {
    expect(rewriteQuery("生心理", TERMS)).toBe("生心 心理");
    expect(queryWords("待处理事项")).toEqual(["待处理", "事项"]);
  });

  it("keeps Latin words as typed (typo tolerance applies to them) and normalises full-width letters", () => {
    expect(rewriteQuery("Pyhton 数据")).toBe("Pyhton 数据");
    expect(rewriteQuery("ＳＰＳＳ信度")).toBe("SPSS 信度");
    expect(rewriteQuery("SCL-90筛查")).toBe("SCL-90 筛查");
  });

  it("fits long queries into Meilisearch's ten-word limit with non-overlapping pairs", () => {
    const long = "关于开展新生入学教育和心理普查工作的通知要求";
    const words = rewriteQuery(long).split(" ");
    expect(words.length).toBeLessThanOrEqual(MAX_QUERY_WORDS + 2);
    expect(words.join("")).toContain("新生");
  });

  it("is empty for an empty query", () => {
    expect(rewriteQuery("")).toBe("");
    expect(rewriteQuery("   ")).toBe("");
  });
});

describe("what to mark in snippets", () => {
  it("marks the query's runs, their bigrams and the synonyms of kept terms, longest first", () => {
    const terms = highlightTerms("思政 处理事项", TERMS, new Map([["思政", ["思想政治"]]]));
    expect(terms[0]).toBe("思想政治");
    expect(terms).toEqual(expect.arrayContaining(["思政", "处理事项", "处理", "理事", "事项"]));
  });

  it("ignores one-letter Latin words", () => {
    expect(highlightTerms("a 心理")).toEqual(["心理"]);
  });
});

describe("headings of a document's plain text", () => {
  it("finds Markdown headings, numbered section titles and short title-like blocks", () => {
    const text = ["# 案例背景", "", "一、基本情况", "该生近期情绪低落，室友反映其多次表达消极想法。", "经过", "辅导员第一时间陪护学生，联系校心理中心。", "2. 处置要点"].join("\n");
    expect(extractHeadings(text)).toEqual(["案例背景", "一、基本情况", "经过", "2. 处置要点"]);
  });

  it("does not take sentences for headings", () => {
    expect(extractHeadings("本周重点做好期中教学检查期间的学生考勤工作。\n\n各班按时提交。")).toEqual([]);
  });
});
