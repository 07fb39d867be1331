import { describe, expect, it } from "vitest";
import { pageTitle } from "./page-title.ts";

const root = (locale: string) => [{ id: "root", data: { locale } }];

describe("pageTitle", () => {
  it("translates the parts and ends with the platform's name in the person's language", () => {
    expect(pageTitle(root("zh-CN"), (t) => [t("nav.home")])[0]!.title).toBe("首页 · 辅导员工作室协同平台");
    expect(pageTitle(root("en"), (t) => [t("nav.home")])[0]!.title).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("leaves out empty parts and falls back to Chinese without a known language", () => {
    expect(pageTitle([undefined, { id: "root", data: { locale: "fr" } }], () => [null, "", "首页"])[0]!.title).toBe("首页 · 辅导员工作室协同平台");
  });
});
