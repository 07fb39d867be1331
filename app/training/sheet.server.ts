import ExcelJS from "exceljs";
import { excelCell } from "~/people/roster-format.ts";

/**
 * Reading and writing the training spreadsheets (.xlsx): the catalogue, hours from external
 * platforms, the ledger. The header is matched by name (with the aliases schools use), so
 * columns may come in any order; every problem is a row-level issue with a message key.
 */

export type Cell = string | number | Date | null;
export const MAX_SHEET_BYTES = 10 * 1024 * 1024;
export const MAX_SHEET_ROWS = 5_000;

export interface SheetColumn<K extends string> {
  key: K;
  header: string;
  aliases?: string[];
  required?: boolean;
  width?: number;
}

/** One problem: a message key (training.io.errors.* or a zod schema's) with its parameters; `line` is the spreadsheet row. */
export interface SheetIssue {
  line?: number;
  column?: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface SheetRow<K extends string> {
  line: number;
  get(key: K): Cell;
  text(key: K): string;
}

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString();
  return String(cell).replace(/\u00a0/g, " ").trim();
}

const normalise = (text: string) => text.replace(/[\s*＊（）()：:]/g, "").toLowerCase();

/** The rows of the first non-empty sheet under its header, or the one issue that stops reading the file. */
export async function readSheet<K extends string>(buffer: Buffer, columns: ReadonlyArray<SheetColumn<K>>): Promise<{ rows: SheetRow<K>[] } | { issue: SheetIssue }> {
  if (buffer.length > MAX_SHEET_BYTES) return { issue: { message: "training.io.errors.tooLarge", params: { mb: MAX_SHEET_BYTES / 1024 / 1024 } } };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { issue: { message: "training.io.errors.unreadable" } };
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return { issue: { message: "training.io.errors.emptyFile" } };
  const grid: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = excelCell(cell.value)));
    grid[rowNumber - 1] = cells;
  });
  const isBlank = (cells: Cell[] | undefined) => !cells || cells.every((c) => cellText(c) === "");
  const match = (cells: Cell[]) => {
    const indexes = new Map<K, number>();
    cells.forEach((cell, index) => {
      const text = normalise(cellText(cell));
      const column = text ? columns.find((c) => [c.header, ...(c.aliases ?? [])].some((name) => normalise(name) === text)) : undefined;
      if (column && !indexes.has(column.key)) indexes.set(column.key, index);
    });
    return indexes;
  };
  // The header is the first of the first five rows that names at least two columns (a title row may come first).
  let headerIndex = grid.slice(0, 5).findIndex((cells) => !isBlank(cells) && match(cells).size >= 2);
  if (headerIndex < 0) headerIndex = grid.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return { issue: { message: "training.io.errors.emptyFile" } };
  const indexes = match(grid[headerIndex]!);
  const missing = columns.filter((c) => c.required && !indexes.has(c.key)).map((c) => c.header);
  if (missing.length) return { issue: { message: "training.io.errors.missingColumns", params: { columns: missing.join("、") } } };
  const rows: SheetRow<K>[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i];
    if (isBlank(cells)) continue;
    const get = (key: K): Cell => {
      const index = indexes.get(key);
      return index === undefined ? null : (cells![index] ?? null);
    };
    rows.push({ line: i + 1, get, text: (key) => cellText(get(key)) });
  }
  if (!rows.length) return { issue: { message: "training.io.errors.noRows" } };
  if (rows.length > MAX_SHEET_ROWS) return { issue: { message: "training.io.errors.tooManyRows", params: { max: MAX_SHEET_ROWS } } };
  return { rows };
}

/** A workbook of one sheet with these columns (bold, frozen header) and rows of cells by key. */
export async function writeSheet<K extends string>(name: string, columns: ReadonlyArray<SheetColumn<K>>, rows: Array<Partial<Record<K, Cell>>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "辅导员工作室协同平台";
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An instant from a cell: a date cell (Excel keeps them as UTC of the wall clock), or text such as 2026-12-10 14:00 (school time). */
export function parseInstant(cell: Cell): Date | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    // Excel has no time zones: the wall-clock time arrives as if it were UTC, and is school time (UTC+8).
    return new Date(cell.getTime() - 8 * 3_600_000);
  }
  const text = cellText(cell);
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{2}))?$/.exec(text);
  if (!match) return null;
  const [y, mo, d, h, mi] = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 0), Number(match[5] ?? 0)];
  const date = new Date(Date.UTC(y, mo - 1, d, h - 8, mi));
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return date;
}

/** A number cell or text ("3", "3.5"); null when blank; NaN when not a number. */
export function parseNumber(cell: Cell): number | null {
  if (typeof cell === "number") return cell;
  const text = cellText(cell).replace(/[,，]/g, "");
  if (!text) return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

export const splitList = (text: string) => [...new Set(text.split(/[、,，;；/\n]+/).map((s) => s.trim()).filter(Boolean))];
