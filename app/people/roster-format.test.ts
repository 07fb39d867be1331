import { describe, expect, it } from "vitest";
import { matchHeader, parseDay, validateRoster, type Cell } from "./roster-format.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("dates as schools write them", () => {
  it.each([
    ["2021-09-01", "2021-09-01"],
    ["2021/9/1", "2021-09-01"],
    ["2021.9.1", "2021-09-01"],
    ["2021年9月1日", "2021-09-01"],
    ["20210901", "2021-09-01"],
  ])("reads %s", (text, iso) => {
    expect(parseDay(text)).toEqual(day(iso));
  });
  it("reads Excel date cells and serial numbers", () => {
    expect(parseDay(day("2020-02-29"))).toEqual(day("2020-02-29"));
    expect(parseDay(44440)).toEqual(day("2021-09-01"));
  });
  it.each(["2021-02-30", "2021-13-01", "九月", "2021", "", "12345"])("refuses %s", (text) => {
    expect(parseDay(text)).toBeNull();
  });
});

describe("roster header", () => {
  it("recognises our headers and common aliases, ignoring spaces, stars and brackets", () => {
    const { indexes, issues } = matchHeader(["职工号", "姓名*", " 所在学院 ", "任辅导员时间", "职称（专业技术职务）", "备注"]);
    expect(issues).toEqual([]);
    expect(Object.fromEntries(indexes)).toEqual({ username: 0, name: 1, college: 2, counselorSince: 3 });
  });
  it("names the required columns that are missing", () => {
    expect(matchHeader(["姓名", "学院"]).issues).toEqual([{ code: "missingColumns", params: { columns: "工号" } }]);
  });
});

describe("roster rows", () => {
  const header: Cell[] = ["工号", "姓名", "学院", "辅导员工作起始日期", "职称", "专长职责", "五类群体", "手机", "出生日期", "性别", "学历", "专兼职"];
  const { indexes } = matchHeader(header);
  const lookups = { college: (text: string) => (text === "文学院" || text === "WX" ? "college-wx" : null), today: day("2026-11-21") };
  const row = (line: number, cells: Cell[]) => ({ line, cells });

  it("turns a good row into a profile, with Chinese labels mapped to codes", () => {
    const { rows, issues } = validateRoster(
      [row(2, ["20260001", "周晓", "WX", "2025/9/1", "助教", "心理健康、网络思想政治教育", "全体辅导员、新入职辅导员", "13800001111", "1999-05-01", "女", "硕士", "专职"])],
      indexes,
      lookups,
    );
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        line: 2,
        username: "20260001",
        collegeId: "college-wx",
        counselorSince: day("2025-09-01"),
        title: "TEACHING_ASSISTANT",
        specialties: ["MENTAL_HEALTH", "ONLINE_EDUCATION"],
        groups: ["ALL_COUNSELORS", "NEW_HIRES"],
        education: "MASTER",
        fullTime: true,
        gender: "女",
      }),
    ]);
  });

  it("reports every problem with its row and column: bad date, unknown college, duplicate 工号 and more", () => {
    const { rows, issues } = validateRoster(
      [
        row(2, ["20260001", "周晓", "文学院", "2025-13-01", "助教", "", "", "", "", "", "", ""]),
        row(3, ["20260002", "", "计算机学院", "2030-01-01", "院士", "烹饪", "学生", "1380000", "", "未知", "", "外聘"]),
        row(4, ["20260001", "周晓二", "文学院", "2024-09-01", "", "", "", "", "", "", "", ""]),
      ],
      indexes,
      lookups,
    );
    expect(rows.map((r) => r.line)).toEqual([]);
    const found = issues.map((i) => `${i.line}:${i.column}:${i.code}`);
    expect(found).toEqual([
      "2:辅导员工作起始日期:badDate",
      "3:姓名:required",
      "3:学院:unknownCollege",
      "3:辅导员工作起始日期:futureDate",
      "3:性别:badGender",
      "3:职称:badTitle",
      "3:专长职责:badDuty",
      "3:五类群体:badGroup",
      "3:专兼职:badFullTime",
      "3:手机:badPhone",
      "4:工号:duplicateUsername",
    ]);
    expect(issues.find((i) => i.code === "duplicateUsername")?.params).toEqual({ value: "20260001", lines: "2、4" });
    expect(issues.find((i) => i.code === "unknownCollege")?.params).toEqual({ value: "计算机学院" });
  });
});
