import type { JSONContent } from "@tiptap/core";
import type { DocumentType } from "~/generated/prisma/enums.ts";

/** Small builders for Tiptap JSON (templates, seed data, tests). */
export const text = (value: string, marks?: string[]): JSONContent => ({ type: "text", text: value, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
export const p = (...content: Array<JSONContent | string>): JSONContent => ({
  type: "paragraph",
  content: content.filter((c) => c !== "").map((c) => (typeof c === "string" ? text(c) : c)),
});
export const h = (level: number, value: string): JSONContent => ({ type: "heading", attrs: { level }, content: [text(value)] });
export const ul = (...items: string[]): JSONContent => ({ type: "bulletList", content: items.map((item) => ({ type: "listItem", content: [p(item)] })) });
export const ol = (...items: string[]): JSONContent => ({ type: "orderedList", attrs: { start: 1 }, content: items.map((item) => ({ type: "listItem", content: [p(item)] })) });
export const tasks = (...items: Array<[string, boolean]>): JSONContent => ({
  type: "taskList",
  content: items.map(([item, checked]) => ({ type: "taskItem", attrs: { checked }, content: [p(item)] })),
});
export const quote = (value: string): JSONContent => ({ type: "blockquote", content: [p(value)] });
export const table = (header: string[], ...rows: string[][]): JSONContent => ({
  type: "table",
  content: [
    { type: "tableRow", content: header.map((cell) => ({ type: "tableHeader", content: [p(cell)] })) },
    ...rows.map((row) => ({ type: "tableRow", content: row.map((cell) => ({ type: "tableCell", content: [p(cell)] })) })),
  ],
});
export const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

/** The four school-wide templates every studio starts with. */
export const SCHOOL_TEMPLATES: Array<{ key: string; type: DocumentType; name: string; description: string; content: JSONContent }> = [
  {
    key: "case-study",
    type: "CASE_STUDY",
    name: "案例（背景 / 经过 / 分析 / 反思与启示）",
    description: "学生工作案例的标准结构，适用于“以案促建”的案例交流与评审。",
    content: doc(
      h(2, "背景"),
      p("简要介绍案例发生的背景：学生基本情况（隐去真实姓名）、所在年级与专业、事件发生前的相关情况。"),
      h(2, "经过"),
      p("按时间顺序记录事件的发生、发展和处置过程，写清楚每一步做了什么、谁参与、效果如何。"),
      h(2, "分析"),
      p("运用相关理论和政策依据，分析问题的成因、关键环节和处置思路。"),
      h(2, "反思与启示"),
      p("总结经验与不足，提炼可推广的工作方法，提出今后改进的建议。"),
    ),
  },
  {
    key: "research-note",
    type: "RESEARCH_NOTE",
    name: "研究笔记",
    description: "记录文献阅读、调研发现与研究思路。",
    content: doc(
      h(2, "研究问题"),
      p("本次笔记围绕的研究问题或关注点。"),
      h(2, "资料与发现"),
      ul("文献或调研资料一：主要观点与启发", "文献或调研资料二：主要观点与启发"),
      h(2, "下一步"),
      tasks(["补充相关文献", false], ["与导师讨论研究思路", false]),
    ),
  },
  {
    key: "meeting-minutes",
    type: "MEETING_MINUTES",
    name: "月度交流例会纪要",
    description: "理论学习、阶段工作总结、案例交流分享、分组研讨与后续行动。",
    content: doc(
      table(["时间", "地点", "主持人", "记录人"], ["", "", "", ""]),
      p(text("参会人员：", ["bold"])),
      h(2, "一、理论学习"),
      p("学习内容与主要体会。"),
      h(2, "二、阶段工作总结"),
      p("各成员近期工作进展与存在的问题。"),
      h(2, "三、工作案例交流分享"),
      p("分享的案例及讨论要点。"),
      h(2, "四、分组研讨"),
      p("研讨主题与形成的意见。"),
      h(2, "五、后续行动"),
      tasks(["待办事项（负责人，完成时间）", false]),
    ),
  },
  {
    key: "output-draft",
    type: "OUTPUT_DRAFT",
    name: "成果稿（论文 / 研究报告）",
    description: "论文或研究报告的基本结构。",
    content: doc(
      h(1, "题目"),
      p(text("摘要：", ["bold"]), "（200—300 字）"),
      p(text("关键词：", ["bold"]), "关键词一；关键词二；关键词三"),
      h(2, "一、问题的提出"),
      p(""),
      h(2, "二、研究设计与方法"),
      p(""),
      h(2, "三、研究发现"),
      p(""),
      h(2, "四、结论与建议"),
      p(""),
      h(2, "参考文献"),
      ol("参考文献一"),
    ),
  },
];
