import { describe, expect, it } from "vitest";
import { extractHeadings, hanBigrams, hasHan, highlightTerms, MAX_QUERY_WORDS, MAX_VARIANTS, planQuery, queryWords } from "./chinese.ts";

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

const SYNONYMS = new Map<string, string[]>([
  ["思政", ["思想政治"]],
  ["思想政治", ["思政"]],
  ["心理", ["心理健康"]],
  ["心理健康", ["心理"]],
  ["就业", ["生涯规划", "职业规划"]],
  ["危机干预", ["危机应对"]],
  ["危机应对", ["危机干预"]],
  ["新生", ["大一新生"]],
  ["大一新生", ["新生"]],
  ["舆情", ["舆论"]],
  ["舆论", ["舆情"]],
  ["MBTI", ["性格测试"]],
]);
const variants = (q: string, synonyms: ReadonlyMap<string, readonly string[]> = new Map()) => planQuery(q, synonyms).variants;

describe("queries prepared for Meilisearch", () => {
  it("sends Chinese as bigrams within words, so parts of words match (处理 in 待处理)", () => {
    expect(variants("待处理事项")).toEqual(["待处 处理 事项"]);
    expect(variants("处理")).toEqual(["处理"]);
    expect(variants("成绩分析")).toEqual(["成绩 分析"]);
  });

  it("sends synonym terms as bigrams too, so a title holding the term inside a longer word is found (思想政治 in 网络思想政治教育)", () => {
    expect(variants("思想政治")[0]).toBe("思想 政治");
    expect(variants("思想政治教育", SYNONYMS)[0]).toBe("思想 政治 教育");
  });

  it("expands each synonym term into its alternatives, literal query first", () => {
    expect(variants("思政教育", SYNONYMS)).toEqual(["思政 教育", "思想 政治 教育"]);
    expect(variants("舆论引导", SYNONYMS)).toEqual(["舆论 引导", "舆情 引导"]);
    expect(variants("就业规划", SYNONYMS)).toEqual(["就业 规划", "生涯 规划 规划", "职业 规划 规划"]);
    expect(variants("MBTI测评", SYNONYMS)).toEqual(["MBTI 测评", "性格 测试 测评"]);
  });

  it("leaves out alternatives that contain the term itself: they could only find fewer records", () => {
    expect(variants("心理危机干预", SYNONYMS)).toEqual(["心理 危机 干预", "心理 危机 应对"]);
    expect(variants("大一新生入学适应", SYNONYMS)).toEqual(["大一 一新 新生 入学 适应", "新生 入学 适应"]);
  });

  it("caps the combinations", () => {
    expect(variants("思政 心理健康 危机干预 舆情 新生", SYNONYMS).length).toBeLessThanOrEqual(MAX_VARIANTS);
  });

  it("joins a lone character to its neighbour instead of requiring it as a word", () => {
    expect(variants("生心理", SYNONYMS)).toEqual(["生心 心理"]);
    expect(queryWords("待处理事项")).toEqual(["待处理", "事项"]);
  });

  it("keeps Latin words as typed (typo tolerance applies to them) and normalises full-width letters", () => {
    expect(variants("Pyhton 数据")).toEqual(["Pyhton 数据"]);
    expect(variants("ＳＰＳＳ信度")).toEqual(["SPSS 信度"]);
    expect(variants("SCL-90筛查")).toEqual(["SCL-90 筛查"]);
  });

  it("fits long queries into Meilisearch's ten-word limit with non-overlapping pairs", () => {
    const long = "关于开展新生入学教育和心理普查工作的通知要求";
    const words = variants(long)[0]!.split(" ");
    expect(words.length).toBeLessThanOrEqual(MAX_QUERY_WORDS + 2);
    expect(words.join("")).toContain("新生");
  });

  it("is empty for an empty query", () => {
    expect(planQuery("")).toEqual({ variants: [], units: [] });
    expect(planQuery("   ")).toEqual({ variants: [], units: [] });
  });
});

describe("parts of a query for partial matches", () => {
  it("are its words, weighted by length, with their synonyms as further forms", () => {
    expect(planQuery("舆论引导策略", SYNONYMS).units).toEqual([
      { text: "舆论", weight: 2, forms: ["舆论", "舆情"] },
      { text: "引导", weight: 2, forms: ["引导"] },
      { text: "策略", weight: 2, forms: ["策略"] },
    ]);
    expect(planQuery("Python 成绩分析").units.map((u) => u.text)).toEqual(["Python", "成绩", "分析"]);
  });

  it("are the bigrams of a query that is a single word", () => {
    expect(planQuery("辅导员").units.map((u) => u.text)).toEqual(["辅导", "导员"]);
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
