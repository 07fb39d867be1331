import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { recordAudit } from "~/audit/audit.server.ts";
import { initialPasswordFields } from "~/auth/passwords.server.ts";
import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { can, type Actor } from "~/policy/index.ts";
import { nameKeys } from "./name-keys.ts";
import { excelCell, MAX_ROSTER_ROWS, matchHeader, ROSTER_COLUMNS, validateRoster, type Cell, type RosterIssue, type RosterRow } from "./roster-format.ts";

/**
 * Roster import (名单导入): read an .xlsx or .csv, check every row (the file's own rules, then
 * the database: colleges, who the importer may change), show a preview, and only when nothing is
 * wrong write everything in one transaction. The uploaded file waits under <data>/imports
 * between preview and confirmation, so the flow works as two plain form posts.
 */
export const MAX_ROSTER_BYTES = 10 * 1024 * 1024;

interface Table {
  header: Cell[];
  rows: Array<{ line: number; cells: Cell[] }>;
}

/** Text of a CSV: UTF-8 (with or without BOM), else GB18030 — what Excel on Chinese Windows writes. */
export function decodeCsv(buffer: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder("gb18030").decode(buffer);
  }
}

export async function readTable(buffer: Buffer, fileName: string): Promise<Table | RosterIssue> {
  const extension = path.extname(fileName).toLowerCase();
  let grid: Cell[][];
  if (extension === ".xlsx") {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch {
      return { code: "unreadable" };
    }
    const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
    if (!sheet) return { code: "emptyFile" };
    grid = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = excelCell(cell.value)));
      grid[rowNumber - 1] = cells;
    });
  } else if (extension === ".csv") {
    const parsed = Papa.parse<string[]>(decodeCsv(buffer), { skipEmptyLines: false });
    grid = parsed.data;
  } else {
    return { code: "unsupportedType" };
  }
  // The header is the first row that is not blank (sheets often start with a title row).
  const isBlank = (cells: Cell[] | undefined) => !cells || cells.every((c) => c === null || c === undefined || String(c).trim() === "");
  let headerIndex = 0;
  while (headerIndex < Math.min(grid.length, 5) && (isBlank(grid[headerIndex]) || matchHeader(grid[headerIndex]!).indexes.size < 2)) headerIndex++;
  if (headerIndex >= Math.min(grid.length, 5)) headerIndex = grid.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return { code: "emptyFile" };
  const rows: Table["rows"] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    if (!isBlank(grid[i])) rows.push({ line: i + 1, cells: grid[i]! });
  }
  return { header: grid[headerIndex]!, rows };
}

export interface RosterCheck {
  /** Problems with the whole file or single rows; the import is possible only when empty. */
  issues: RosterIssue[];
  rows: RosterRow[];
  created: number;
  updated: number;
  /** Existing people by 工号 (id), to update them. */
  existing: Map<string, string>;
}

/** Everything that can be wrong with a roster, checked before anything is written. */
export async function checkRoster(actor: Actor, buffer: Buffer, fileName: string, now = new Date()): Promise<RosterCheck> {
  const empty = { rows: [], created: 0, updated: 0, existing: new Map<string, string>() };
  if (buffer.length > MAX_ROSTER_BYTES) return { issues: [{ code: "tooLarge", params: { mb: MAX_ROSTER_BYTES / 1024 / 1024 } }], ...empty };
  const table = await readTable(buffer, fileName);
  if ("code" in table) return { issues: [table], ...empty };
  const { indexes, issues: headerIssues } = matchHeader(table.header);
  if (headerIssues.length) return { issues: headerIssues, ...empty };
  if (!table.rows.length) return { issues: [{ code: "noRows" }], ...empty };
  if (table.rows.length > MAX_ROSTER_ROWS) return { issues: [{ code: "tooManyRows", params: { max: MAX_ROSTER_ROWS } }], ...empty };

  const colleges = await prisma.college.findMany({ select: { id: true, name: true, code: true } });
  const collegeByKey = new Map<string, string>();
  for (const c of colleges) {
    collegeByKey.set(c.name, c.id);
    collegeByKey.set(c.code.toLowerCase(), c.id);
  }
  const { rows, issues } = validateRoster(table.rows, indexes, {
    college: (text) => collegeByKey.get(text) ?? collegeByKey.get(text.toLowerCase()) ?? null,
    today: schoolToday(now),
  });

  // Who is already in the database, and may the importer change them and put them in that college?
  const usernames = rows.map((r) => r.username);
  const people = await prisma.user.findMany({ where: { username: { in: usernames } }, select: { id: true, username: true, collegeId: true } });
  const existing = new Map(people.map((p) => [p.username, p]));
  const collegeName = new Map(colleges.map((c) => [c.id, c.name]));
  const allowed: RosterRow[] = [];
  for (const row of rows) {
    const person = existing.get(row.username);
    if (!person && !row.counselorSince) {
      issues.push({ line: row.line, column: "辅导员工作起始日期", code: "requiredForNew" });
    } else if (!can(actor, "person:edit-record", { userId: person?.id ?? "", collegeId: row.collegeId })) {
      issues.push({ line: row.line, column: "学院", code: "collegeNotYours", params: { value: collegeName.get(row.collegeId) ?? "" } });
    } else if (person && !can(actor, "person:edit-record", { userId: person.id, collegeId: person.collegeId })) {
      issues.push({ line: row.line, column: "工号", code: "personNotYours", params: { value: row.username } });
    } else {
      allowed.push(row);
    }
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const updated = allowed.filter((r) => existing.has(r.username)).length;
  return {
    issues,
    rows: allowed,
    created: allowed.length - updated,
    updated,
    existing: new Map(people.map((p) => [p.username, p.id])),
  };
}

const iso = (date: Date | undefined) => (date ? date.toISOString().slice(0, 10) : null);
/** A PostgreSQL array literal of text items (quoted, escaped), for unnest() of arrays of arrays. */
function arrayLiteral(items: readonly string[] | undefined): string | null {
  if (!items) return null;
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/**
 * Writes a checked roster in one transaction: new people get an account (role 辅导员, the initial
 * password given by the importer, to be replaced at the first sign-in) and a profile; existing people get the columns that were filled
 * in (blank cells keep what is there).
 */
export async function importRoster(
  actor: Actor,
  check: RosterCheck,
  options: { initialPassword: string; fileName: string },
): Promise<{ created: number; updated: number }> {
  if (check.issues.length) throw new Error("roster has problems");
  // The importer's initial password opens only the page where each new person sets their own (decision 009).
  const credential = await initialPasswordFields(options.initialPassword);
  const fresh = check.rows.filter((r) => !check.existing.has(r.username));
  const known = check.rows.filter((r) => check.existing.has(r.username));
  const ids = new Map(fresh.map((r) => [r.username, crypto.randomUUID()]));

  await prisma.$transaction(
    async (tx) => {
      if (fresh.length) {
        await tx.user.createMany({
          data: fresh.map((r) => ({
            id: ids.get(r.username)!,
            username: r.username,
            ...credential,
            name: r.name,
            ...nameKeys(r.name),
            roles: ["COUNSELOR"],
            collegeId: r.collegeId,
            phone: r.phone ?? null,
            email: r.email ?? null,
          })),
        });
        await tx.counselorProfile.createMany({
          data: fresh.map((r) => ({
            userId: ids.get(r.username)!,
            gender: r.gender ?? null,
            birthDate: r.birthDate ?? null,
            counselorSince: r.counselorSince ?? null,
            title: r.title ?? "NONE",
            position: r.position ?? "专职辅导员",
            fullTime: r.fullTime ?? true,
            education: r.education ?? null,
            major: r.major ?? null,
            specialties: r.specialties ?? [],
            specialtyTags: r.specialtyTags ?? [],
            researchInterests: r.researchInterests ?? null,
            groups: r.groups ?? ["ALL_COUNSELORS"],
          })),
        });
      }
      if (known.length) {
        const col = <T>(pick: (r: RosterRow) => T) => known.map(pick);
        const userIds = col((r) => check.existing.get(r.username)!);
        const keys = known.map((r) => nameKeys(r.name));
        await tx.$executeRaw`
          UPDATE "User" AS u SET name = v.name, "nameSortKey" = v.sort, "namePinyin" = v.pinyin, "nameInitials" = v.initials,
            "collegeId" = v."collegeId", phone = COALESCE(v.phone, u.phone), email = COALESCE(v.email, u.email), "updatedAt" = now()
          FROM unnest(${userIds}::text[], ${col((r) => r.name)}::text[], ${keys.map((k) => k.nameSortKey)}::text[],
                      ${keys.map((k) => k.namePinyin)}::text[], ${keys.map((k) => k.nameInitials)}::text[],
                      ${col((r) => r.collegeId)}::text[], ${col((r) => r.phone ?? null)}::text[], ${col((r) => r.email ?? null)}::text[])
            AS v(id, name, sort, pinyin, initials, "collegeId", phone, email)
          WHERE u.id = v.id`;
        // People without a profile yet (e.g. staff accounts) get one first.
        await tx.$executeRaw`
          INSERT INTO "CounselorProfile" ("userId", title, "fullTime", specialties, "specialtyTags", groups, "updatedAt")
          SELECT id, 'NONE', true, '{}', '{}', '{}', now() FROM unnest(${userIds}::text[]) AS id
          ON CONFLICT ("userId") DO NOTHING`;
        await tx.$executeRaw`
          UPDATE "CounselorProfile" AS p SET
            gender = COALESCE(v.gender, p.gender),
            "birthDate" = COALESCE(v."birthDate"::date, p."birthDate"),
            "counselorSince" = COALESCE(v."counselorSince"::date, p."counselorSince"),
            title = COALESCE(v.title::"ProfessionalTitle", p.title),
            position = COALESCE(v.position, p.position),
            "fullTime" = COALESCE(v."fullTime", p."fullTime"),
            education = COALESCE(v.education::"Education", p.education),
            major = COALESCE(v.major, p.major),
            specialties = COALESCE(v.specialties::"Duty"[], p.specialties),
            "specialtyTags" = COALESCE(v.tags::text[], p."specialtyTags"),
            "researchInterests" = COALESCE(v.interests, p."researchInterests"),
            groups = COALESCE(v.groups::"TargetGroup"[], p.groups),
            "updatedAt" = now()
          FROM unnest(
            ${userIds}::text[], ${col((r) => r.gender ?? null)}::text[], ${col((r) => iso(r.birthDate))}::text[],
            ${col((r) => iso(r.counselorSince))}::text[], ${col((r) => r.title ?? null)}::text[], ${col((r) => r.position ?? null)}::text[],
            ${col((r) => r.fullTime ?? null)}::bool[], ${col((r) => r.education ?? null)}::text[], ${col((r) => r.major ?? null)}::text[],
            ${col((r) => arrayLiteral(r.specialties))}::text[], ${col((r) => arrayLiteral(r.specialtyTags))}::text[],
            ${col((r) => r.researchInterests ?? null)}::text[], ${col((r) => arrayLiteral(r.groups))}::text[]
          ) AS v(id, gender, "birthDate", "counselorSince", title, position, "fullTime", education, major, specialties, tags, interests, groups)
          WHERE p."userId" = v.id`;
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "people.import",
        entityType: "Roster",
        entityId: options.fileName.slice(0, 200),
        data: { created: fresh.length, updated: known.length, usernames: check.rows.slice(0, 50).map((r) => r.username) } as Prisma.InputJsonValue,
      });
    },
    { timeout: 120_000 },
  );
  return { created: fresh.length, updated: known.length };
}

// ── The uploaded file between preview and confirmation ──

const importsDir = () => path.join(getRuntime().dataDir, "imports");
const TOKEN = /^[0-9a-f-]{36}$/;

export async function keepUpload(userId: string, fileName: string, buffer: Buffer): Promise<string> {
  const dir = importsDir();
  await fs.mkdir(dir, { recursive: true });
  // Uploads not confirmed within a day are dropped.
  for (const entry of await fs.readdir(dir).catch(() => [])) {
    const stat = await fs.stat(path.join(dir, entry)).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > 86_400_000) await fs.rm(path.join(dir, entry), { force: true });
  }
  const token = crypto.randomUUID();
  await fs.writeFile(path.join(dir, `${token}.bin`), buffer);
  await fs.writeFile(path.join(dir, `${token}.json`), JSON.stringify({ userId, fileName }));
  return token;
}

/** The kept file, only for the person who uploaded it. */
export async function takeUpload(userId: string, token: string): Promise<{ fileName: string; buffer: Buffer } | null> {
  if (!TOKEN.test(token)) return null;
  const dir = importsDir();
  try {
    const meta = JSON.parse(await fs.readFile(path.join(dir, `${token}.json`), "utf8")) as { userId: string; fileName: string };
    if (meta.userId !== userId) return null;
    return { fileName: meta.fileName, buffer: await fs.readFile(path.join(dir, `${token}.bin`)) };
  } catch {
    return null;
  }
}

export async function dropUpload(token: string): Promise<void> {
  if (!TOKEN.test(token)) return;
  await Promise.all(["bin", "json"].map((ext) => fs.rm(path.join(importsDir(), `${token}.${ext}`), { force: true })));
}

export { ROSTER_COLUMNS };
