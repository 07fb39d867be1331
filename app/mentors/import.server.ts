import ExcelJS from "exceljs";
import { z } from "zod";
import { initialPasswordFields } from "~/auth/passwords.server.ts";
import { temporaryPassword } from "~/auth/password.server.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { MentorKind, MentorRank, type Duty } from "~/generated/prisma/enums.ts";
import { inLanguage } from "~/i18n/define-messages.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import { UserError } from "~/lib/user-error.ts";
import { nameKeys } from "~/people/name-keys.ts";
import { splitKeywords } from "./matching/scoring.ts";
import type { Explained } from "./matching/types.ts";
import { mentorMessages } from "./messages.ts";
import { inferRank } from "./rank.ts";
import { MAX_CAPACITY, MAX_KEYWORD_LENGTH, MAX_KEYWORDS } from "./schemas.ts";

const zhCN = inLanguage(enumLabels, 0);
const enLabels = inLanguage(enumLabels, 1);

/**
 * Bulk import of the mentor pool from .xlsx (exceljs). Two steps, as schools expect: the file is
 * checked row by row with a report in Chinese, and only a fully valid file is written — in one
 * transaction, after checking everything again against the database.
 */

export const COLUMN_KEYS = ["kind", "username", "name", "organisation", "title", "rank", "contact", "primaryDuty", "otherDuties", "keywords", "capacity", "available", "bio"] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
const REQUIRED: ColumnKey[] = ["kind", "username", "primaryDuty"];
export const MAX_ROWS = 2000;
export const MAX_FILE_MB = 5;
const LIMITS: Partial<Record<ColumnKey, number>> = { name: 50, organisation: 100, title: 50, contact: 100, bio: 1000 };

/** Header texts (Chinese, as in the template; English accepted too). */
const HEADERS: Record<ColumnKey, string[]> = Object.fromEntries(
  COLUMN_KEYS.map((key) => [key, [...mentorMessages.import.columns[key]]]),
) as Record<ColumnKey, string[]>;

export interface RawRow {
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
}

export interface ValidRow {
  row: number;
  action: "create" | "update";
  kind: MentorKind;
  username: string;
  name: string;
  organisation: string;
  title: string;
  rank: MentorRank;
  contact: string;
  bio: string;
  duties: Duty[];
  keywords: string[];
  capacity: number;
  available: boolean;
}

export interface RowProblem {
  row: number;
  problems: Explained[];
}

export type Check = { ok: true; rows: ValidRow[] } | { ok: false; rows: ValidRow[]; errors: RowProblem[] };

const squash = (text: string) => text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

const DUTY_ALIASES: Array<[Duty, string[]]> = [
  ["IDEOLOGY", ["思想政治", "思想理论教育", "价值引领", "思想引领"]],
  ["PARTY_CLASS", ["党团", "班级建设", "党团建设"]],
  ["STUDY_STYLE", ["学风"]],
  ["DAILY_AFFAIRS", ["日常事务", "事务管理", "学生事务"]],
  ["MENTAL_HEALTH", ["心理健康", "心理", "心理健康教育"]],
  ["ONLINE_EDUCATION", ["网络思政", "网络思想政治教育", "网络育人"]],
  ["CRISIS", ["危机应对", "危机", "危机事件应对"]],
  ["CAREER", ["就业", "职业规划", "就业创业", "生涯规划"]],
  ["RESEARCH", ["理论研究", "实践研究", "科研", "理论和实践研究"]],
];
const DUTY_LOOKUP = new Map<string, Duty>();
for (const [duty, aliases] of DUTY_ALIASES) {
  for (const name of [duty, zhCN.duty[duty], ...aliases]) DUTY_LOOKUP.set(squash(name), duty);
}
export function parseDuty(text: string): Duty | null {
  return DUTY_LOOKUP.get(squash(text)) ?? null;
}

/** A rank by its code, its label (正高级) or a short form. */
const RANK_LOOKUP = new Map<string, MentorRank>([
  ...Object.values(MentorRank).flatMap((r) => [squash(r), squash(zhCN.mentorRank[r])].map((name) => [name, r] as const)),
  ["正高", "SENIOR"],
  ["副高", "ASSOCIATE"],
]);

/** A kind by its labels: 校内, 校内导师, internal. */
const KIND_LOOKUP = new Map<string, MentorKind>(
  Object.values(MentorKind).flatMap((k) => [zhCN.mentorKindModifier[k], zhCN.mentorKind[k], enLabels.mentorKindModifier[k]].map((name) => [squash(name), k] as const)),
);
const YES = new Set(["是", "y", "yes", "1", "true", "可", "可以"]);
const NO = new Set(["否", "n", "no", "0", "false", "不可", "暂不可指导"]);

/** Reads the first worksheet: the header row names the columns; every later non-empty row is one mentor. */
export async function readWorkbook(buffer: ArrayBuffer): Promise<{ ok: true; rows: RawRow[] } | { ok: false; error: Explained }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer);
  } catch {
    return { ok: false, error: { key: "import.fileInvalid", params: {} } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: { key: "import.fileEmpty", params: {} } };
  const header = sheet.getRow(1);
  const columns = new Map<number, ColumnKey>();
  header.eachCell((cell, col) => {
    const text = squash(cell.text ?? "");
    const key = COLUMN_KEYS.find((k) => HEADERS[k].some((h) => squash(h) === text));
    if (key) columns.set(col, key);
  });
  const missing = REQUIRED.filter((key) => ![...columns.values()].includes(key));
  if (missing.length) return { ok: false, error: { key: "import.headerMissing", params: { columns: missing.map((k) => mentorMessages.import.columns[k][0]).join("、") } } };
  const rows: RawRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Partial<Record<ColumnKey, string>> = {};
    for (const [col, key] of columns) {
      const text = (row.getCell(col).text ?? "").trim();
      if (text) cells[key] = text;
    }
    if (Object.keys(cells).length === 0) continue;
    rows.push({ row: r, cells });
    if (rows.length > MAX_ROWS) return { ok: false, error: { key: "import.tooManyRows", params: { max: MAX_ROWS } } };
  }
  if (!rows.length) return { ok: false, error: { key: "import.fileEmpty", params: {} } };
  return { ok: true, rows };
}

/** What the confirm step posts back: the same raw cells, checked again from scratch. */
export const rawRowsSchema = z
  .array(z.object({ row: z.number().int().min(2).max(100_000), cells: z.partialRecord(z.enum(COLUMN_KEYS), z.string().max(2000)) }))
  .min(1)
  .max(MAX_ROWS);

/** The confirm step's post: the checked rows as JSON, read again (a stale or altered page is a bad request). */
export const importRowsSchema = z.object({
  intent: z.literal("import"),
  rows: z.string().transform((text, ctx): RawRow[] => {
    let parsed: ReturnType<typeof rawRowsSchema.safeParse> | undefined;
    try {
      parsed = rawRowsSchema.safeParse(JSON.parse(text));
    } catch {
      // not JSON: reported below
    }
    if (parsed?.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: "mentors.errors.badRequest" });
    return z.NEVER;
  }),
});

/** Checks every row (formats first, then against the accounts and mentors in the database). */
export async function checkRows(rows: RawRow[], db: Db = prisma): Promise<Check> {
  const errors: RowProblem[] = [];
  const drafts: Array<Omit<ValidRow, "action"> & { problems: Explained[] }> = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const problems: Explained[] = [];
    const kind = KIND_LOOKUP.get(squash(cells.kind ?? ""));
    if (!kind) problems.push({ key: "import.kindInvalid", params: {} });
    const username = (cells.username ?? "").normalize("NFKC").trim();
    if (!username) problems.push({ key: "import.usernameMissing", params: {} });
    else if (!/^[A-Za-z0-9_.-]{1,32}$/.test(username)) problems.push({ key: "import.usernameFormat", params: {} });
    else if (seen.has(username.toLowerCase())) problems.push({ key: "import.duplicateInFile", params: { other: seen.get(username.toLowerCase())! } });
    else seen.set(username.toLowerCase(), row);
    for (const [key, max] of Object.entries(LIMITS) as Array<[ColumnKey, number]>) {
      if ((cells[key] ?? "").length > max) problems.push({ key: "import.tooLong", params: { column: mentorMessages.import.columns[key][0], max } });
    }
    const primary = cells.primaryDuty ? parseDuty(cells.primaryDuty) : null;
    if (!cells.primaryDuty) problems.push({ key: "import.dutyMissing", params: {} });
    else if (!primary) problems.push({ key: "import.dutyUnknown", params: { value: cells.primaryDuty } });
    const others: Duty[] = [];
    for (const part of (cells.otherDuties ?? "").split(/[,，、;；\s]+/).filter(Boolean)) {
      const duty = parseDuty(part);
      if (!duty) problems.push({ key: "import.dutyUnknown", params: { value: part } });
      else if (duty !== primary && !others.includes(duty)) others.push(duty);
    }
    const title = cells.title ?? "";
    let rank: MentorRank = inferRank(title);
    if (cells.rank) {
      const found = RANK_LOOKUP.get(squash(cells.rank));
      if (found) rank = found;
      else problems.push({ key: "import.rankUnknown", params: { value: cells.rank } });
    }
    let capacity = 2;
    if (cells.capacity) {
      capacity = Number(cells.capacity);
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) problems.push({ key: "import.capacityInvalid", params: {} });
    }
    let available = true;
    if (cells.available) {
      const value = squash(cells.available);
      if (YES.has(value)) available = true;
      else if (NO.has(value)) available = false;
      else problems.push({ key: "import.availableInvalid", params: {} });
    }
    const keywords = splitKeywords(cells.keywords ?? "");
    if (keywords.length > MAX_KEYWORDS || keywords.some((k) => k.length > MAX_KEYWORD_LENGTH)) problems.push({ key: "import.keywordsInvalid", params: {} });
    if (kind === "EXTERNAL" && !cells.name) problems.push({ key: "import.nameMissing", params: {} });
    if (kind === "EXTERNAL" && !cells.organisation) problems.push({ key: "import.organisationMissing", params: {} });
    drafts.push({
      row,
      kind: kind ?? "INTERNAL",
      username,
      name: cells.name ?? "",
      organisation: cells.organisation ?? "",
      title,
      rank,
      contact: cells.contact ?? "",
      bio: cells.bio ?? "",
      duties: primary ? [primary, ...others] : others,
      keywords,
      capacity,
      available,
      problems,
    });
  }

  // Against the database: accounts, existing mentors and what they already hold.
  const usernames = drafts.map((d) => d.username).filter(Boolean);
  const users = await db.user.findMany({
    where: { username: { in: usernames } },
    select: {
      username: true,
      name: true,
      active: true,
      college: { select: { name: true } },
      mentor: { select: { id: true, kind: true, _count: { select: { assignments: { where: { status: { in: ["ACCEPTED", "INVITED", "PROPOSED"] } } } } } } },
    },
  });
  const byUsername = new Map(users.map((u) => [u.username, u]));
  const valid: ValidRow[] = [];
  for (const { problems, ...draft } of drafts) {
    const user = byUsername.get(draft.username);
    let action: ValidRow["action"] = "create";
    if (draft.username && !problems.some((p) => p.key.startsWith("import.username") || p.key === "import.duplicateInFile")) {
      if (draft.kind === "INTERNAL") {
        if (!user) problems.push({ key: "import.noSuchStaff", params: { username: draft.username } });
        else if (!user.active) problems.push({ key: "import.staffDisabled", params: { username: draft.username } });
      } else if (user && !user.mentor) {
        problems.push({ key: "import.usernameTakenByStaff", params: { username: draft.username } });
      }
      if (user?.mentor) {
        action = "update";
        if (user.mentor.kind !== draft.kind) problems.push({ key: "import.kindMismatch", params: { username: draft.username, existing: user.mentor.kind, kind: draft.kind } });
        const load = user.mentor._count.assignments;
        if (draft.capacity < load) problems.push({ key: "import.capacityBelowLoad", params: { load } });
      }
      if (user && draft.kind === "INTERNAL") {
        draft.name = user.name;
        if (!draft.organisation) draft.organisation = user.college?.name ?? "";
      }
    }
    if (problems.length) errors.push({ row: draft.row, problems });
    else valid.push({ ...draft, action });
  }
  return errors.length ? { ok: false, rows: valid, errors } : { ok: true, rows: valid };
}

export interface ImportOutcome {
  created: number;
  updated: number;
  passwords: Array<{ username: string; name: string; password: string }>;
}

/** Writes a checked file in one transaction; refuses (nothing written) if anything no longer holds. */
export async function importMentors(actorId: string, rows: RawRow[]): Promise<ImportOutcome> {
  const first = await checkRows(rows);
  if (!first.ok) throw new UserError("mentors.import.stale");
  const fresh = first.rows.filter((r) => r.action === "create" && r.kind === "EXTERNAL");
  // Each new account gets its own initial password, good only for setting its owner's own (decision 009).
  const passwords = fresh.map((r) => ({ username: r.username, name: r.name, password: temporaryPassword() }));
  const credentials = new Map(await Promise.all(passwords.map(async (p) => [p.username, await initialPasswordFields(p.password)] as const)));
  return prisma.$transaction(
    async (tx) => {
      const check = await checkRows(rows, tx);
      if (!check.ok || check.rows.length !== first.rows.length) throw new UserError("mentors.import.stale");
      let created = 0;
      let updated = 0;
      for (const row of check.rows) {
        const profile = {
          organisation: row.organisation,
          title: row.title,
          rank: row.rank,
          contact: row.contact,
          bio: row.bio,
          expertiseDuties: row.duties,
          keywords: row.keywords,
          capacity: row.capacity,
          available: row.available,
        };
        if (row.action === "update") {
          const user = await tx.user.findUniqueOrThrow({ where: { username: row.username }, select: { id: true } });
          await tx.mentor.update({ where: { userId: user.id }, data: profile });
          updated++;
          continue;
        }
        let userId: string;
        if (row.kind === "INTERNAL") {
          const user = await tx.user.findUniqueOrThrow({ where: { username: row.username }, select: { id: true, roles: true } });
          await tx.user.update({ where: { id: user.id }, data: { roles: { set: [...new Set([...user.roles, "MENTOR" as const])] } } });
          userId = user.id;
        } else {
          const credential = credentials.get(row.username);
          if (!credential) throw new UserError("mentors.import.stale");
          userId = (await tx.user.create({ data: { username: row.username, name: row.name, ...nameKeys(row.name), ...credential, roles: ["MENTOR"] } })).id;
        }
        await tx.mentor.create({ data: { userId, kind: row.kind, ...profile } });
        created++;
      }
      await recordAudit(tx, {
        actorId,
        action: "mentor.import",
        entityType: "Mentor",
        entityId: "import",
        data: { created, updated, usernames: check.rows.map((r) => r.username) },
      });
      return { created, updated, passwords };
    },
    { timeout: 120_000 },
  );
}

/** The template: the header row with drop-down lists, and a sheet explaining each column. */
export async function buildTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "辅导员工作室协同平台";
  const sheet = workbook.addWorksheet("导师");
  const columns = inLanguage(mentorMessages.import.columns, 0);
  sheet.columns = COLUMN_KEYS.map((key) => ({ header: columns[key], key, width: key === "bio" ? 40 : key === "keywords" || key === "otherDuties" ? 30 : 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const dutyNames = Object.values(zhCN.duty);
  const list = (values: string[]) => ({ type: "list" as const, allowBlank: true, formulae: [`"${values.join(",")}"`] });
  for (let r = 2; r <= 501; r++) {
    sheet.getCell(r, COLUMN_KEYS.indexOf("kind") + 1).dataValidation = list(Object.values(zhCN.mentorKindModifier));
    sheet.getCell(r, COLUMN_KEYS.indexOf("rank") + 1).dataValidation = list(Object.values(zhCN.mentorRank));
    sheet.getCell(r, COLUMN_KEYS.indexOf("available") + 1).dataValidation = list(["是", "否"]);
    sheet.getCell(r, COLUMN_KEYS.indexOf("primaryDuty") + 1).dataValidation = { type: "list", allowBlank: true, formulae: ["填写说明!$B$20:$B$28"] };
  }
  const help = workbook.addWorksheet("填写说明");
  help.columns = [{ width: 18 }, { width: 90 }];
  const lines: Array<[string, string]> = [
    [columns.kind, "必填。校内 或 校外。"],
    [columns.username, "必填。校内导师：已有教职工的工号（须已在人员信息库中）；校外导师：为其新建的登录账号（字母、数字、点、下划线或连字符）。已在导师库中的账号将按本行更新资料。"],
    [columns.name, "校外导师必填；校内导师以人员信息库中的姓名为准。"],
    [columns.organisation, "校外导师必填，例如：省高校心理健康教育指导中心。校内导师留空时取其所在学院。"],
    [columns.title, "选填，例如：教授、主任、高级咨询师。"],
    [columns.rank, "选填：正高级、副高级、中级、初级。留空时按职务/职称推断。"],
    [columns.contact, "选填：电话或邮箱。仅学工部、本人及其指导的工作室可见。"],
    [columns.primaryDuty, "必填：九项职责之一（可用简称，如“心理健康”“危机应对”“就业”）。"],
    [columns.otherDuties, "选填：其他专长职责，用顿号分隔。"],
    [columns.keywords, "选填：专长关键词，用顿号分隔，最多 20 个。"],
    [columns.capacity, "选填：1–10 的整数，默认 2。"],
    [columns.available, "选填：是 / 否，默认 是。"],
    [columns.bio, "选填：简介，最多 1000 字。"],
    ["示例（校内）", "校内 | 2008123 | （留空） | （留空） | 教授 | 正高级 | （留空） | 心理健康教育与咨询工作 | 理论和实践研究 | 心理危机干预、团体心理辅导 | 3 | 是 | 长期从事大学生心理健康教育研究。"],
    ["示例（校外）", "校外 | ext-sunying | 孙颖 | 省高校心理健康教育指导中心 | 主任、研究员 | 正高级 | 13800000000 | 心理健康 | 危机应对 | 心理危机干预、家校沟通 | 2 | 是 | 负责全省高校心理危机干预培训。"],
    ["", ""],
    ["", "九项职责（“主要职责”下拉列表使用）："],
  ];
  lines.forEach(([a, b], i) => {
    help.getCell(i + 1, 1).value = a;
    help.getCell(i + 1, 2).value = b;
    help.getCell(i + 1, 1).font = { bold: true };
    help.getCell(i + 1, 2).alignment = { wrapText: true, vertical: "top" };
  });
  dutyNames.forEach((name, i) => {
    help.getCell(20 + i, 2).value = name;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
