import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { authenticate } from "~/auth/login.server.ts";
import { prisma } from "~/db/client.server.ts";
import { buildCollege, buildUser } from "../../tests/support/factories.ts";
import { gb18030, xlsxRoster } from "../../tests/support/rosters.ts";
import { sessionUser } from "../../tests/support/signed-in.ts";
import { DEFAULT_STAGE_THRESHOLDS } from "./career-stage.ts";
import { exportRoster } from "./roster-export.server.ts";
import { checkRoster, importRoster, keepUpload, takeUpload } from "./roster.server.ts";

const HEADER = ["工号", "姓名", "学院", "辅导员工作起始日期", "职称", "专长职责", "专长标签", "五类群体", "手机"];
const newAdmin = async () => sessionUser((await buildUser({ roles: ["ADMIN"] })).username);

describe("roster import", () => {
  it("imports new people and updates known ones in one go; blank cells keep what is there", async () => {
    const admin = await newAdmin();
    // Colleges are named in full or by code; a known person is found by 工号.
    const [college, another] = [await buildCollege(), await buildCollege()];
    const known = await buildUser({ college, title: "LECTURER", specialties: ["MENTAL_HEALTH"] });
    const before = await prisma.counselorProfile.findUniqueOrThrow({ where: { userId: known.id } });
    const file = await xlsxRoster([
      ["示范大学辅导员名单（2026 年秋季）"],
      HEADER,
      ["R2026001", "林可心", college.name, new Date(Date.UTC(2025, 8, 1)), "助教", "心理健康教育与咨询工作", "新生适应、团体心理辅导", "全体辅导员、新入职辅导员", "13900001111"],
      ["R2026002", "郑远航", college.code, "2022/3/1", "讲师", "职业规划与就业创业指导", "", "", ""],
      ["R2026003", "高雅", another.name, "2016年9月1日", "副教授", "", "", "", ""],
      [known.username, known.name, college.name, "", "副教授", "", "", "", ""],
    ]);
    const check = await checkRoster(admin, file, "名单.xlsx");
    expect(check.issues).toEqual([]);
    expect([check.created, check.updated]).toEqual([3, 1]);
    const auditsBefore = await prisma.auditLog.count({ where: { action: "people.import" } });
    await expect(importRoster(admin, check, { initialPassword: "Chushi@2026", fileName: "名单.xlsx" })).resolves.toEqual({ created: 3, updated: 1 });

    const lin = await prisma.user.findUniqueOrThrow({ where: { username: "R2026001" }, include: { profile: true, college: true } });
    expect(lin).toMatchObject({ name: "林可心", roles: ["COUNSELOR"], phone: "13900001111", college: { name: college.name } });
    expect((await prisma.user.findUniqueOrThrow({ where: { username: "R2026002" } })).collegeId).toBe(college.id);
    expect((await prisma.user.findUniqueOrThrow({ where: { username: "R2026003" } })).collegeId).toBe(another.id);
    expect(lin.profile).toMatchObject({ title: "TEACHING_ASSISTANT", specialties: ["MENTAL_HEALTH"], specialtyTags: ["新生适应", "团体心理辅导"], groups: ["ALL_COUNSELORS", "NEW_HIRES"] });
    expect(lin.profile!.counselorSince).toEqual(new Date("2025-09-01T00:00:00Z"));
    expect((await prisma.counselorProfile.findFirstOrThrow({ where: { user: { username: "R2026003" } } })).counselorSince).toEqual(new Date("2016-09-01T00:00:00Z"));
    // The new account signs in with the initial password.
    await expect(authenticate("R2026002", "Chushi@2026", "roster-test")).resolves.toMatchObject({ ok: true });

    const updated = await prisma.counselorProfile.findUniqueOrThrow({ where: { userId: before.userId } });
    expect(updated.title).toBe("ASSOCIATE_PROFESSOR");
    expect(updated.counselorSince).toEqual(before.counselorSince);
    expect(updated.specialties).toEqual(["MENTAL_HEALTH"]);
    expect(await prisma.auditLog.count({ where: { action: "people.import" } })).toBe(auditsBefore + 1);
  });

  it("reads a CSV saved by Excel on Chinese Windows (GB18030)", async () => {
    const admin = await newAdmin();
    const college = await buildCollege();
    const csv = gb18030(`${HEADER.join(",")}\r\nR2026101,宋清,${college.name},2024-09-01,讲师,学风建设,,,\r\n`);
    const check = await checkRoster(admin, csv, "roster.csv");
    expect(check.issues).toEqual([]);
    expect(check.rows.map((r) => [r.username, r.name, r.title])).toEqual([["R2026101", "宋清", "LECTURER"]]);
  });

  it("writes nothing while any row has a problem, and says which", async () => {
    const admin = await newAdmin();
    const { name: college } = await buildCollege();
    const users = await prisma.user.count();
    const file = await xlsxRoster([
      HEADER,
      ["R2026201", "许多", college, "2024-02-30", "讲师", "", "", "", ""],
      ["R2026202", "何时", "没有这个学院", "2024-09-01", "讲师", "", "", "", ""],
      ["R2026203", "新人无日期", college, "", "讲师", "", "", "", ""],
      ["R2026201", "许多多", college, "2024-09-01", "讲师", "", "", "", ""],
    ]);
    const check = await checkRoster(admin, file, "有错的名单.xlsx");
    // (rows: 2 bad date, 3 unknown college, 4 no start date for a new person, 5 duplicate 工号)
    expect(check.issues.map((i) => `${i.line}:${i.code}`)).toEqual(["2:badDate", "3:unknownCollege", "4:requiredForNew", "5:duplicateUsername"]);
    await expect(importRoster(admin, check, { initialPassword: "Chushi@2026", fileName: "x" })).rejects.toThrow();
    expect(await prisma.user.count()).toBe(users);
  });

  it("explains files it cannot use", async () => {
    const admin = await newAdmin();
    expect((await checkRoster(admin, Buffer.from("x"), "名单.xls")).issues).toEqual([{ code: "unsupportedType" }]);
    expect((await checkRoster(admin, Buffer.from("not a zip"), "名单.xlsx")).issues).toEqual([{ code: "unreadable" }]);
    expect((await checkRoster(admin, await xlsxRoster([["姓名", "学院"], ["王一", "某学院"]]), "a.xlsx")).issues[0]).toMatchObject({ code: "missingColumns" });
    expect((await checkRoster(admin, await xlsxRoster([HEADER]), "a.xlsx")).issues).toEqual([{ code: "noRows" }]);
  });

  it("lets a college admin import only people of their own college", async () => {
    const own = await buildCollege();
    const collegeAdmin = await sessionUser((await buildUser({ roles: ["COLLEGE_ADMIN"], college: own })).username);
    const elsewhere = await buildCollege();
    const outsider = await buildUser({ college: elsewhere });
    const file = await xlsxRoster([
      HEADER,
      ["R2026301", "本院新人", own.name, "2025-09-01", "助教", "", "", "", ""],
      ["R2026302", "外院新人", elsewhere.name, "2025-09-01", "助教", "", "", "", ""],
      [outsider.username, outsider.name, own.name, "2020-09-01", "讲师", "", "", "", ""],
    ]);
    const check = await checkRoster(collegeAdmin, file, "本院名单.xlsx");
    expect(check.issues.map((i) => `${i.line}:${i.code}`)).toEqual(["3:collegeNotYours", "4:personNotYours"]);
  });

  it("exports the directory in the roster's own columns, and the export imports again unchanged", async () => {
    const admin = await newAdmin();
    // Two active people of one college, one whose account is closed, one of another college.
    const college = await buildCollege();
    const people = [await buildUser({ college, stage: "NOVICE", specialtyTags: ["新生适应"], groups: ["NEW_HIRES"] }), await buildUser({ college, stage: "EXPERT", honours: 1 })];
    await buildUser({ college, active: false });
    await buildUser();
    const exported = await exportRoster({ collegeId: college.id }, { now: new Date(), thresholds: DEFAULT_STAGE_THRESHOLDS });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("人员名单")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(["工号", "姓名", "学院", "性别"]);
    const usernames = sheet.getColumn(1).values.slice(2);
    expect([...usernames].sort()).toEqual(people.map((p) => p.username).sort());

    const check = await checkRoster(admin, exported, "导出.xlsx");
    expect(check.issues).toEqual([]);
    expect([check.created, check.updated]).toEqual([0, 2]);
  });

  it("keeps an uploaded roster for its owner only, between preview and confirmation", async () => {
    const admin = await newAdmin();
    const other = await newAdmin();
    const token = await keepUpload(admin.id, "名单.xlsx", Buffer.from("abc"));
    await expect(takeUpload(other.id, token)).resolves.toBeNull();
    await expect(takeUpload(admin.id, "../../etc/passwd")).resolves.toBeNull();
    expect((await takeUpload(admin.id, token))?.buffer.toString()).toBe("abc");
  });
});
