import { describe, expect, it } from "vitest";
import { MARK_END, MARK_START, markedToHtml, markedToText, markText, splitMarks } from "./highlight.ts";

const m = (text: string) => `${MARK_START}${text}${MARK_END}`;

describe("Meilisearch's highlights", () => {
  it("become plain and marked pieces, adjacent marks joined", () => {
    expect(splitMarks(`大学生${m("心理")}${m("健康")}教育`)).toEqual(["大学生", "心理健康", "教育"]);
    expect(splitMarks(`${m("处理")}流程`)).toEqual(["", "处理", "流程"]);
  });

  it("are absent when nothing was marked", () => {
    expect(splitMarks("没有匹配")).toBeNull();
    expect(splitMarks(undefined)).toBeNull();
  });
});

describe("our own marks", () => {
  it("mark every occurrence, case-insensitively", () => {
    expect(markText("待处理事项与处理结果", ["处理"])).toEqual(["待", "处理", "事项与", "处理", "结果"]);
    expect(markText("用python分析", ["Python"])).toEqual(["用", "python", "分析"]);
  });

  it("crop around the first match", () => {
    const text = `${"甲".repeat(100)}关键词${"乙".repeat(100)}`;
    const parts = markText(text, ["关键词"], 30);
    expect(parts[1]).toBe("关键词");
    expect(parts[0]!.startsWith("…")).toBe(true);
    expect(parts[parts.length - 1]!.endsWith("…")).toBe(true);
    expect(markedToText(parts).length).toBeLessThanOrEqual(32);
  });

  it("crop from the start when nothing matches", () => {
    expect(markText("一二三四五六七八九十", ["无"], 4)).toEqual(["一二三四…"]);
  });
});

describe("snippets for the JSON API", () => {
  it("are escaped HTML with <mark> around matches", () => {
    expect(markedToHtml(["<script>", "心理", "&\"x\""])).toBe('&lt;script&gt;<mark>心理</mark>&amp;&quot;x&quot;');
  });
});
