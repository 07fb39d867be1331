import { describe, expect, it } from "vitest";
import { contentLang } from "./content-lang.tsx";

describe("contentLang", () => {
  it("marks Chinese that people wrote as zh-CN in the English interface", () => {
    expect(contentLang("“心晴”心理健康教育辅导员工作室", "en")).toBe("zh-CN");
    expect(contentLang("王磊 (leader)", "en")).toBe("zh-CN");
  });

  it("leaves it to the page in the Chinese interface, and never marks text without Chinese", () => {
    expect(contentLang("“心晴”心理健康教育辅导员工作室", "zh-CN")).toBeUndefined();
    expect(contentLang("Mental health studio", "en")).toBeUndefined();
    expect(contentLang("", "en")).toBeUndefined();
    expect(contentLang(null, "en")).toBeUndefined();
  });
});
