import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { blocksOf, diffDocuments, tokenize } from "./diff.ts";

const p = (text: string): JSONContent => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });
const h = (level: number, text: string): JSONContent => ({ type: "heading", attrs: { level }, content: [{ type: "text", text }] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

describe("version diff", () => {
  it("reads headings, paragraphs, list items and table rows as blocks", () => {
    const blocks = blocksOf(
      doc(
        h(2, "背景"),
        p("某学院大二学生。"),
        { type: "bulletList", content: [{ type: "listItem", content: [p("第一条")] }] },
        {
          type: "table",
          content: [{ type: "tableRow", content: [{ type: "tableCell", content: [p("姓名")] }, { type: "tableCell", content: [p("小李")] }] }],
        },
        p(""),
      ),
    );
    expect(blocks).toEqual([
      { kind: "heading", text: "背景", level: 2 },
      { kind: "paragraph", text: "某学院大二学生。" },
      { kind: "listItem", text: "第一条" },
      { kind: "tableRow", text: "姓名 | 小李" },
    ]);
  });

  it("splits Chinese into words, not single characters", () => {
    expect(tokenize("心理危机干预")).not.toEqual([..."心理危机干预"]);
    expect(tokenize("心理危机干预").join("")).toBe("心理危机干预");
  });

  it("shows unchanged, added, removed and changed blocks with the changed words", () => {
    const before = doc(h(2, "背景"), p("学生小李情绪低落。"), p("将被删除的段落"));
    const after = doc(h(2, "背景"), p("学生小李近期情绪低落。"), h(2, "反思与启示"));
    const result = diffDocuments(before, after);
    expect(result.lines.map((line) => line.type)).toEqual(["same", "changed", "changed"]);
    const changed = result.lines[1]!;
    expect(changed.type === "changed" && changed.parts.filter((part) => part.type === "added").map((part) => part.text).join("")).toBe("近期");
    expect(changed.type === "changed" && changed.parts.filter((part) => part.type === "removed")).toEqual([]);

    const appended = diffDocuments(before, doc(h(2, "背景"), p("学生小李情绪低落。"), p("将被删除的段落"), p("新增的一段")));
    expect(appended.lines.map((line) => line.type)).toEqual(["same", "same", "same", "added"]);
    expect(appended.added).toBe(1);
    const removed = diffDocuments(before, doc(h(2, "背景"), p("学生小李情绪低落。")));
    expect(removed.lines.map((line) => line.type)).toEqual(["same", "same", "removed"]);
    expect(removed.removed).toBe(1);
  });

  it("finds no difference between identical documents", () => {
    const same = doc(h(1, "标题"), p("正文"));
    expect(diffDocuments(same, same)).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });
});
