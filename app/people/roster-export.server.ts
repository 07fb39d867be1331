import ExcelJS from "exceljs";
import { prisma } from "~/db/client.server.ts";
import { inLanguage } from "~/i18n/define-messages.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import { deriveCareerStage, type StageThresholds } from "./career-stage.ts";
import { directoryWhere } from "./directory.server.ts";
import { ROSTER_COLUMNS, rosterCells, type RosterKey } from "./roster-format.ts";
import type { DirectoryFilters } from "./schemas.ts";
import { DUTIES, EDUCATIONS, GROUPS, TITLES } from "./schemas.ts";

const zhCN = inLanguage(enumLabels, 0);

/**
 * The filtered directory as an .xlsx in the roster's own columns (so an edited export can be
 * imported again), plus the derived stage, years of service and studios. Also the blank template.
 */
const DATE_KEYS: RosterKey[] = ["birthDate", "counselorSince"];

function rosterSheet(workbook: ExcelJS.Workbook, name: string, extra: Array<{ header: string; width: number }> = []) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    ...ROSTER_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.key === "researchInterests" || c.key === "specialties" ? 30 : c.key === "college" ? 20 : 14,
      style: DATE_KEYS.includes(c.key) ? { numFmt: "yyyy-mm-dd" } : {},
    })),
    ...extra.map((e) => ({ header: e.header, key: e.header, width: e.width })),
  ];
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

export async function exportRoster(filters: Omit<DirectoryFilters, "page">, context: { now: Date; thresholds: StageThresholds }): Promise<Buffer> {
  const where = directoryWhere(filters, context.now, context.thresholds);
  const ids = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT u.id FROM "CounselorProfile" p JOIN "User" u ON u.id = p."userId" WHERE ${where} ORDER BY u."nameSortKey", u.username`;
  const people = await prisma.user.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ nameSortKey: "asc" }, { username: "asc" }],
    select: {
      username: true,
      name: true,
      phone: true,
      email: true,
      college: { select: { name: true } },
      profile: true,
      memberships: { where: { studio: { archivedAt: null } }, select: { role: true, studio: { select: { name: true } } } },
    },
  });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "辅导员工作室协同平台";
  const sheet = rosterSheet(workbook, "人员名单", [
    { header: "职业阶段", width: 10 },
    { header: "工作年限", width: 10 },
    { header: "所在工作室", width: 40 },
  ]);
  for (const person of people) {
    const profile = person.profile!;
    const career = deriveCareerStage(profile, context.now, context.thresholds);
    sheet.addRow({
      ...rosterCells({ ...profile, username: person.username, name: person.name, collegeName: person.college?.name ?? null, phone: person.phone, email: person.email }),
      职业阶段: zhCN.stage[career.stage],
      工作年限: career.yearsOfService,
      所在工作室: person.memberships.map((m) => `${m.studio.name}（${zhCN.studioRole[m.role]}）`).join("、"),
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An empty roster with one example row and a sheet of allowed values. */
export async function rosterTemplate(): Promise<Buffer> {
  const colleges = await prisma.college.findMany({ orderBy: { code: "asc" }, select: { name: true } });
  const workbook = new ExcelJS.Workbook();
  const sheet = rosterSheet(workbook, "人员名单");
  sheet.addRow(
    rosterCells({
      username: "20260001",
      name: "示例姓名",
      collegeName: colleges[0]?.name ?? "",
      gender: "女",
      birthDate: new Date(Date.UTC(1998, 4, 12)),
      counselorSince: new Date(Date.UTC(2025, 8, 1)),
      title: "TEACHING_ASSISTANT",
      position: "专职辅导员",
      fullTime: true,
      education: "MASTER",
      major: "思想政治教育",
      specialties: ["MENTAL_HEALTH"],
      specialtyTags: ["新生适应", "朋辈心理互助"],
      researchInterests: "大学新生心理适应",
      groups: ["ALL_COUNSELORS", "NEW_HIRES"],
      phone: "13800000000",
      email: null,
    }),
  );
  const help = workbook.addWorksheet("填写说明");
  help.columns = [
    { header: "项目", key: "item", width: 18 },
    { header: "可填写的值", key: "values", width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  const rows: Array<[string, string]> = [
    ["必填列", ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.header).join("、")],
    ["日期", "2021-09-01、2021/9/1、2021年9月1日 或 Excel 日期格式"],
    ["学院", colleges.map((c) => c.name).join("、")],
    ["职称", TITLES.map((t) => zhCN.title[t]).join("、")],
    ["学历", EDUCATIONS.map((e) => zhCN.education[e]).join("、")],
    ["专长职责（最多 3 项，用顿号分隔）", DUTIES.map((d) => zhCN.duty[d]).join("、")],
    ["五类群体（用顿号分隔）", GROUPS.map((g) => zhCN.group[g]).join("、")],
    ["专兼职", "专职、兼职"],
    ["已有人员", "按工号更新；空白单元格保留原有信息"],
  ];
  for (const [item, values] of rows) help.addRow({ item, values });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
