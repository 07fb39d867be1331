import type ExcelJS from "exceljs";
import type { Duty, Education, ProfessionalTitle, TargetGroup } from "~/generated/prisma/enums.ts";
import { inLanguage } from "~/i18n/define-messages.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import type { peopleMessages } from "./messages.ts";
import { DUTIES, EDUCATIONS, GROUPS, TITLES } from "./schemas.ts";

/**
 * The roster file format (名单): the columns schools already keep, with the header names and
 * values people type in Chinese (讲师, 心理健康教育与咨询工作, 2021-09-01 …). Pure functions, so the
 * rules are unit-tested; reading files and the database live in roster.server.ts.
 */
export type RosterKey =
  | "username"
  | "name"
  | "college"
  | "gender"
  | "birthDate"
  | "counselorSince"
  | "title"
  | "position"
  | "fullTime"
  | "education"
  | "major"
  | "specialties"
  | "specialtyTags"
  | "researchInterests"
  | "groups"
  | "phone"
  | "email";

export interface RosterColumn {
  key: RosterKey;
  /** The header in our template and export. */
  header: string;
  /** Other headers found in schools' own sheets. */
  aliases?: string[];
  required?: boolean;
  /** Needed for people not yet in the database; a blank keeps an existing person's value. */
  requiredForNew?: boolean;
}

export const ROSTER_COLUMNS: RosterColumn[] = [
  { key: "username", header: "工号", aliases: ["职工号", "教工号", "工作证号", "staff number"], required: true },
  { key: "name", header: "姓名", aliases: ["name"], required: true },
  { key: "college", header: "学院", aliases: ["所在学院", "学院名称", "单位", "所在单位", "college"], required: true },
  { key: "gender", header: "性别", aliases: ["gender"] },
  { key: "birthDate", header: "出生日期", aliases: ["出生年月日", "birth date"] },
  {
    key: "counselorSince",
    header: "辅导员工作起始日期",
    aliases: ["开始从事辅导员工作日期", "从事辅导员工作时间", "任辅导员时间", "任职时间", "counselor since"],
    requiredForNew: true,
  },
  { key: "title", header: "职称", aliases: ["专业技术职务", "title"] },
  { key: "position", header: "岗位", aliases: ["职务", "position"] },
  { key: "fullTime", header: "专兼职", aliases: ["专职/兼职", "是否专职"] },
  { key: "education", header: "学历", aliases: ["最高学历", "education"] },
  { key: "major", header: "专业", aliases: ["所学专业", "major"] },
  { key: "specialties", header: "专长职责", aliases: ["工作专长", "专长", "specialties"] },
  { key: "specialtyTags", header: "专长标签", aliases: ["标签", "tags"] },
  { key: "researchInterests", header: "研究兴趣", aliases: ["研究方向", "research interests"] },
  { key: "groups", header: "五类群体", aliases: ["群体", "培训群体", "groups"] },
  { key: "phone", header: "手机", aliases: ["手机号", "手机号码", "联系电话", "phone"] },
  { key: "email", header: "邮箱", aliases: ["电子邮箱", "email"] },
];

export const MAX_ROSTER_ROWS = 10_000;

export type Cell = string | number | Date | null;

/** A spreadsheet cell as plain data (rich text joined, formulas by their result, errors empty); the training imports read cells the same way. */
export function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return excelCell(value.result as ExcelJS.CellValue);
    if ("error" in value) return null;
  }
  return String(value);
}

/** A problem's name: its message is people.import.errors.<code>. */
export type RosterIssueCode = keyof typeof peopleMessages.import.errors;

/** One problem, as a message key under people.import.errors with its parameters. */
export interface RosterIssue {
  /** Spreadsheet row number (the header is row 1); absent for problems with the whole file. */
  line?: number;
  column?: string;
  code: RosterIssueCode;
  params?: Record<string, string | number>;
}

/** A valid row. `undefined` means the cell was blank: an existing person's value is kept. */
export interface RosterRow {
  line: number;
  username: string;
  name: string;
  collegeId: string;
  gender?: string;
  birthDate?: Date;
  counselorSince?: Date;
  title?: ProfessionalTitle;
  position?: string;
  fullTime?: boolean;
  education?: Education;
  major?: string;
  specialties?: Duty[];
  specialtyTags?: string[];
  researchInterests?: string;
  groups?: TargetGroup[];
  phone?: string;
  email?: string;
}

const normaliseHeader = (text: string) => text.replace(/[\s*＊（）()：:]/g, "").toLowerCase();

/** Maps header cells to columns; reports required columns that are missing. */
export function matchHeader(header: Cell[]): { indexes: Map<RosterKey, number>; issues: RosterIssue[] } {
  const indexes = new Map<RosterKey, number>();
  header.forEach((cell, index) => {
    const text = normaliseHeader(cellText(cell));
    if (!text) return;
    const column = ROSTER_COLUMNS.find((c) => [c.header, ...(c.aliases ?? [])].some((name) => normaliseHeader(name) === text));
    if (column && !indexes.has(column.key)) indexes.set(column.key, index);
  });
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !indexes.has(c.key)).map((c) => c.header);
  return { indexes, issues: missing.length ? [{ code: "missingColumns", params: { columns: missing.join("、") } }] : [] };
}

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  return String(cell).replace(/\u00a0/g, " ").trim();
}

/** Excel keeps dates as days since 1899-12-30 when a cell is not formatted as a date. */
function fromExcelSerial(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000);
}

/**
 * A calendar day from the ways people write it: a date cell, 2021-09-01, 2021/9/1, 2021.9.1,
 * 2021年9月1日, 20210901, or an Excel serial number. Null when it is not a real day.
 */
export function parseDay(cell: Cell): Date | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    // Date cells arrive as UTC midnight; anything else is rounded to its UTC day.
    return new Date(Date.UTC(cell.getUTCFullYear(), cell.getUTCMonth(), cell.getUTCDate()));
  }
  if (typeof cell === "number") return cell > 10_000 && cell < 80_000 ? fromExcelSerial(cell) : null;
  const text = cellText(cell);
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** Lookup of an enum by its code, its Chinese or English label, or (for long names) a unique part of it. */
function enumLookup<T extends string>(values: readonly T[], zh: Record<T, string>, english: Record<T, string>, extra: Record<string, T> = {}) {
  const exact = new Map<string, T>();
  for (const value of values) {
    for (const name of [value, zh[value], english[value]]) exact.set(name.toLowerCase(), value);
  }
  for (const [name, value] of Object.entries(extra)) exact.set(name.toLowerCase(), value);
  return (text: string): T | null => {
    const key = text.trim().toLowerCase();
    if (!key) return null;
    const found = exact.get(key);
    if (found) return found;
    // A part of a long name ("心理健康" for 心理健康教育与咨询工作) counts when it is specific enough.
    if (key.length < 4) return null;
    const partial = values.filter((value) => zh[value].includes(key));
    return partial.length === 1 ? partial[0]! : null;
  };
}

const zhCN = inLanguage(enumLabels, 0);
const en = inLanguage(enumLabels, 1);
const lookupTitle = enumLookup(TITLES, zhCN.title, en.title, { 无: "NONE", 未定级: "NONE", 副教授级: "ASSOCIATE_PROFESSOR" });
const lookupDuty = enumLookup(DUTIES, zhCN.duty, en.duty);
const lookupGroup = enumLookup(GROUPS, zhCN.group, en.group);
const lookupEducation = enumLookup(EDUCATIONS, zhCN.education, en.education, { 大学本科: "BACHELOR", 硕士: "MASTER", 研究生: "MASTER", 博士: "DOCTOR" });

export const splitList = (text: string) => [...new Set(text.split(/[、,，;；/\n]+/).map((s) => s.trim()).filter(Boolean))];

export interface RosterLookups {
  /** College by name or code. */
  college: (text: string) => string | null;
  today: Date;
}

/**
 * Checks every row and returns the valid ones and every problem found, each with its row number
 * and column, so the person can fix the whole file at once.
 */
export function validateRoster(rows: Array<{ line: number; cells: Cell[] }>, indexes: Map<RosterKey, number>, lookups: RosterLookups) {
  const issues: RosterIssue[] = [];
  const valid: RosterRow[] = [];
  const header = new Map(ROSTER_COLUMNS.map((c) => [c.key, c.header]));
  const linesByUsername = new Map<string, number[]>();

  for (const { line, cells } of rows) {
    const raw = (key: RosterKey): Cell => {
      const index = indexes.get(key);
      return index === undefined ? null : (cells[index] ?? null);
    };
    const text = (key: RosterKey) => cellText(raw(key));
    const problem = (key: RosterKey, code: RosterIssueCode, params?: Record<string, string | number>) =>
      issues.push({ line, column: header.get(key)!, code, ...(params ? { params } : {}) });
    const before = issues.length;
    const limited = (key: RosterKey, max: number) => {
      const value = text(key);
      if (value.length > max) problem(key, "tooLong", { max });
      return value || undefined;
    };

    for (const column of ROSTER_COLUMNS) if (column.required && !text(column.key)) problem(column.key, "required");

    const username = text("username");
    if (username) {
      if (!/^[A-Za-z0-9_.-]{2,32}$/.test(username)) problem("username", "badUsername", { value: username });
      linesByUsername.set(username, [...(linesByUsername.get(username) ?? []), line]);
    }
    const name = limited("name", 50);
    const collegeText = text("college");
    const collegeId = collegeText ? lookups.college(collegeText) : null;
    if (collegeText && !collegeId) problem("college", "unknownCollege", { value: collegeText });

    const day = (key: RosterKey) => {
      const cell = raw(key);
      if (!cellText(cell)) return undefined;
      const date = parseDay(cell);
      if (!date) {
        problem(key, "badDate", { value: cellText(cell) });
        return undefined;
      }
      if (date > lookups.today) problem(key, "futureDate", { value: cellText(cell) });
      else if (date.getUTCFullYear() < 1950) problem(key, "badDate", { value: cellText(cell) });
      return date;
    };
    const birthDate = day("birthDate");
    const counselorSince = day("counselorSince");
    if (birthDate && counselorSince && counselorSince < birthDate) problem("counselorSince", "beforeBirth");

    const gender = text("gender") || undefined;
    if (gender && !["男", "女"].includes(gender)) problem("gender", "badGender", { value: gender });

    const one = <T>(key: RosterKey, lookup: (t: string) => T | null, code: RosterIssueCode) => {
      const value = text(key);
      if (!value) return undefined;
      const found = lookup(value);
      if (found === null) problem(key, code, { value });
      return found ?? undefined;
    };
    const many = <T>(key: RosterKey, lookup: (t: string) => T | null, code: RosterIssueCode) => {
      const value = text(key);
      if (!value) return undefined;
      const found: T[] = [];
      for (const part of splitList(value)) {
        const item = lookup(part);
        if (item === null) problem(key, code, { value: part });
        else if (!found.includes(item)) found.push(item);
      }
      return found;
    };
    const title = one("title", lookupTitle, "badTitle");
    const education = one("education", lookupEducation, "badEducation");
    const specialties = many("specialties", lookupDuty, "badDuty");
    if (specialties && specialties.length > 3) problem("specialties", "tooManySpecialties");
    const groups = many("groups", lookupGroup, "badGroup");

    const fullTimeText = text("fullTime");
    const fullTime = fullTimeText ? (["专职", "是", "全职"].includes(fullTimeText) ? true : ["兼职", "否"].includes(fullTimeText) ? false : null) : undefined;
    if (fullTime === null) problem("fullTime", "badFullTime", { value: fullTimeText });

    const tagsText = text("specialtyTags");
    const specialtyTags = tagsText ? splitList(tagsText) : undefined;
    if (specialtyTags && (specialtyTags.length > 10 || specialtyTags.some((tag) => tag.length > 20))) problem("specialtyTags", "badTags");

    const phone = text("phone").replace(/[\s-]/g, "") || undefined;
    if (phone && !/^1\d{10}$/.test(phone)) problem("phone", "badPhone", { value: phone });
    const email = text("email") || undefined;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problem("email", "badEmail", { value: email });

    if (issues.length > before) continue;
    valid.push({
      line,
      username,
      name: name!,
      collegeId: collegeId!,
      gender,
      birthDate,
      counselorSince,
      title,
      position: limited("position", 50),
      fullTime: fullTime ?? undefined,
      education,
      major: limited("major", 50),
      specialties,
      specialtyTags,
      researchInterests: limited("researchInterests", 500),
      groups,
      phone,
      email,
    });
  }

  for (const [username, lines] of linesByUsername) {
    if (lines.length < 2) continue;
    for (const line of lines.slice(1)) {
      issues.push({ line, column: header.get("username")!, code: "duplicateUsername", params: { value: username, lines: lines.join("、") } });
    }
  }
  const duplicates = new Set([...linesByUsername.values()].filter((l) => l.length > 1).flatMap((l) => l.slice(1)));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { rows: valid.filter((row) => !duplicates.has(row.line)), issues };
}

/** Cell values written by the export and the template, readable again by the import. */
export function rosterCells(person: {
  username: string;
  name: string;
  collegeName: string | null;
  gender: string | null;
  birthDate: Date | null;
  counselorSince: Date | null;
  title: ProfessionalTitle;
  position: string | null;
  fullTime: boolean;
  education: Education | null;
  major: string | null;
  specialties: Duty[];
  specialtyTags: string[];
  researchInterests: string | null;
  groups: TargetGroup[];
  phone: string | null;
  email: string | null;
}): Record<RosterKey, string | Date | null> {
  return {
    username: person.username,
    name: person.name,
    college: person.collegeName,
    gender: person.gender,
    birthDate: person.birthDate,
    counselorSince: person.counselorSince,
    title: zhCN.title[person.title],
    position: person.position,
    fullTime: person.fullTime ? "专职" : "兼职",
    education: person.education ? zhCN.education[person.education] : null,
    major: person.major,
    specialties: person.specialties.map((d) => zhCN.duty[d]).join("、"),
    specialtyTags: person.specialtyTags.join("、"),
    researchInterests: person.researchInterests,
    groups: person.groups.map((g) => zhCN.group[g]).join("、"),
    phone: person.phone,
    email: person.email,
  };
}
