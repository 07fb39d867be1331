import { describe, expect, it } from "vitest";
import { interestTerms, rankStudios, studioFit } from "./fit.ts";

const newcomer = {
  specialties: ["MENTAL_HEALTH", "ONLINE_EDUCATION"] as const,
  specialtyTags: ["朋辈心理互助", "新生适应", "新媒体运营"],
  researchInterests: "大学新生心理适应、朋辈互助",
};

const xinqing = {
  id: "xinqing",
  name: "“心晴”心理健康教育辅导员工作室",
  duty: "MENTAL_HEALTH" as const,
  description: "聚焦大学生心理危机早期识别与朋辈互助体系建设。",
  directions: [
    { name: "心理危机早期识别与干预", description: "分级预警与约谈机制研究。", keywords: ["心理危机干预", "心理普查与约谈"] },
    { name: "朋辈心理互助体系建设", description: "宿舍心理委员培训体系。", keywords: ["朋辈心理互助", "团体心理辅导", "新生适应"] },
  ],
};
const yangguang = {
  id: "yangguang",
  name: "“阳光”新生适应心理辅导工作室",
  duty: "MENTAL_HEALTH" as const,
  description: "关注新生入学适应。",
  directions: [{ name: "新生入学适应团体辅导", description: "团体辅导。", keywords: ["新生适应", "团体心理辅导"] }],
};
const mingli = {
  id: "mingli",
  name: "“明理”思想引领辅导员工作室",
  duty: "IDEOLOGY" as const,
  description: "理想信念教育。",
  directions: [{ name: "主题班会课程化设计", description: "", keywords: ["主题班会设计"] }],
};
const eLu = {
  id: "elu",
  name: "“e路同行”网络思政辅导员工作室",
  duty: "ONLINE_EDUCATION" as const,
  description: "网络育人。",
  directions: [{ name: "易班平台育人功能建设", description: "", keywords: ["易班建设", "新媒体运营"] }],
};

describe("studio fit", () => {
  it("explains a match by duty, by tags per direction and by research interests", () => {
    const fit = studioFit(newcomer, xinqing);
    expect(fit.reasons).toEqual([
      { kind: "duty", duty: "MENTAL_HEALTH" },
      { kind: "tags", direction: "朋辈心理互助体系建设", tags: ["朋辈心理互助", "新生适应"] },
      { kind: "interests", direction: null, terms: ["朋辈互助"] },
    ]);
    expect(fit.score).toBe(50 + 2 * 20 + 10);
  });

  it("ranks the studio sharing most specialties first and leaves unrelated studios out", () => {
    const ranked = rankStudios(newcomer, [mingli, yangguang, eLu, xinqing]);
    expect(ranked[0]!.studio.id).toBe("xinqing");
    expect(ranked.slice(1).map((r) => r.studio.id).sort()).toEqual(["elu", "yangguang"]);
    expect(ranked[1]!.fit.score).toBe(ranked[2]!.fit.score);
    expect(ranked.find((r) => r.studio.id === "mingli")).toBeUndefined();
  });

  it("finds nothing for a person without specialties or interests", () => {
    expect(rankStudios({ specialties: [], specialtyTags: [], researchInterests: null }, [xinqing, mingli])).toEqual([]);
  });

  it("splits research interests into terms and ignores single characters", () => {
    expect(interestTerms("大学新生心理适应、朋辈互助；心 ")).toEqual(["大学新生心理适应", "朋辈互助"]);
    expect(interestTerms(null)).toEqual([]);
  });
});
