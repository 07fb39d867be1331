import ExcelJS from "exceljs";
import { inLanguage } from "~/i18n/define-messages.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import type { complianceRows } from "./compliance.server.ts";
import type { TrainingDashboard } from "./dashboard.server.ts";

/**
 * The dashboard and the compliance list as .xlsx (exceljs, as the ledger export): the dashboard one
 * sheet per breakdown, with the figures the page shows; the list one row per person. Headers in
 * Chinese, like the school's other spreadsheets.
 */
const zh = inLanguage(enumLabels, 0);
type Cell = string | number | null;

function addSheet(book: ExcelJS.Workbook, name: string, columns: Array<{ header: string; width?: number }>, rows: Cell[][]) {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
}

function newBook() {
  const book = new ExcelJS.Workbook();
  book.creator = "辅导员工作室协同平台";
  return book;
}

const FIGURE_COLUMNS = [{ header: "人数" }, { header: "学时" }, { header: "完成计划人数" }, { header: "未完成人数" }];
const figureCells = (f: { people: number; hours: number; completed: number }): Cell[] => [f.people, f.hours, f.completed, f.people - f.completed];

export async function exportDashboard(d: TrainingDashboard, scopeName: string): Promise<Buffer> {
  const book = newBook();
  addSheet(book, "总览", [{ header: "项目", width: 20 }, { header: "数值", width: 24 }], [
    ["年度", d.year],
    ["范围", scopeName],
    ["辅导员人数", d.totals.people],
    ["学时合计", d.totals.hours],
    ["完成计划人数", d.totals.completed],
    ["未完成计划人数", d.totals.behind],
  ]);
  addSheet(book, "按职业阶段", [{ header: "职业阶段" }, ...FIGURE_COLUMNS], d.stages.map((s) => [zh.stage[s.stage], ...figureCells(s)]));
  addSheet(book, "按群体", [{ header: "群体", width: 22 }, ...FIGURE_COLUMNS], d.groups.map((g) => [zh.group[g.group], ...figureCells(g)]));
  addSheet(book, "按学院", [{ header: "学院", width: 24 }, ...FIGURE_COLUMNS], d.colleges.map((c) => [c.name ?? "（未填学院）", ...figureCells(c)]));
  addSheet(book, "按平台", [{ header: "平台", width: 18 }, { header: "人数" }, { header: "学时" }], d.platforms.map((p) => [p.nameZh ?? "（未注明平台）", p.people, p.hours]));
  addSheet(
    book,
    "专项经费",
    [{ header: "预算单位", width: 24 }, { header: "预算（元）" }, { header: "已安排（元）" }, { header: "余额（元）" }],
    d.budgets.map((b) => [b.name ?? "学校", b.budget, b.spent, b.budget === null ? null : b.budget - b.spent]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function exportCompliance(list: Awaited<ReturnType<typeof complianceRows>>): Promise<Buffer> {
  const book = newBook();
  addSheet(
    book,
    `${list.year}年培训合规名单`,
    [
      { header: "姓名", width: 10 },
      { header: "学院", width: 22 },
      { header: "职业阶段" },
      { header: "本年学时" },
      { header: "计划学时" },
      { header: "计划差额" },
      { header: "岗前培训差额" },
      { header: "校级培训差额" },
      { header: "最近国家级或省级培训" },
      { header: "国家级或省级培训到期" },
    ],
    list.rows.map((r) => {
      const c = r.compliance;
      return [
        r.name,
        r.college ?? "",
        zh.stage[r.stage],
        c.plan.done,
        c.plan.required,
        c.plan.short,
        c.induction.short,
        c.schoolLevel.short,
        c.nationalOrProvincial.lastYear,
        c.nationalOrProvincial.short ? "是" : "否",
      ];
    }),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
