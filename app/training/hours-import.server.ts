import crypto from "node:crypto";
import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { parseDay } from "~/people/roster-format.ts";
import { can, type Actor } from "~/policy/index.ts";
import { hoursEntryData, trainingYear } from "./ledger.server.ts";
import { hoursSchema } from "./schemas.ts";
import { parseNumber, readSheet, writeSheet, type SheetColumn, type SheetIssue } from "./sheet.server.ts";

/**
 * Hours from an external platform (网络培训平台的学时记录, .xlsx) into the ledger: every row is
 * checked (the person exists and is one the importer looks after, the platform, hours, the day;
 * a platform record number not imported before), then all entries are written in one transaction
 * with `createMany`, or nothing is. Each entry's source is IMPORT with the platform's record
 * number when the sheet gives one (so a second import of the same file is refused), else the
 * import batch.
 */

type Key = "username" | "name" | "title" | "platform" | "hours" | "completedOn" | "recordNo";

export const HOURS_COLUMNS: ReadonlyArray<SheetColumn<Key>> = [
  { key: "username", header: "工号", aliases: ["职工号", "教工号"], required: true },
  { key: "name", header: "姓名" },
  { key: "title", header: "培训名称", aliases: ["课程名称", "项目名称"], required: true, width: 30 },
  { key: "platform", header: "培训平台", aliases: ["平台"], required: true },
  { key: "hours", header: "学时", aliases: ["获得学时"], required: true, width: 8 },
  { key: "completedOn", header: "完成日期", aliases: ["结业日期", "完成时间"], required: true },
  { key: "recordNo", header: "平台记录号", aliases: ["记录号", "证书编号"], width: 18 },
];

const header = (key: Key) => HOURS_COLUMNS.find((c) => c.key === key)!.header;

export function hoursTemplate(): Promise<Buffer> {
  return writeSheet("外部平台学时", HOURS_COLUMNS, [
    { username: "20190001", name: "示例（导入前请删除）", title: "高校辅导员网络培训：心理危机干预", platform: "线上培训", hours: 8, completedOn: "2026-11-20", recordNo: "WL-2026-0001" },
  ]);
}

/** An entry the file would write, as the preview lists it. */
export interface HoursPreviewRow {
  line: number;
  username: string;
  name: string;
  title: string;
  hours: number;
}

/** Checks an hours file and writes its entries in one transaction; `dryRun` only checks (the preview). */
export async function importHours(
  actor: Actor,
  buffer: Buffer,
  fileName: string,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<{ issues: SheetIssue[]; entries: number; preview: HoursPreviewRow[] }> {
  const sheet = await readSheet(buffer, HOURS_COLUMNS);
  if ("issue" in sheet) return { issues: [sheet.issue], entries: 0, preview: [] };
  const issues: SheetIssue[] = [];
  const usernames = [...new Set(sheet.rows.map((row) => row.text("username")).filter(Boolean))];
  const [people, platforms] = await Promise.all([
    prisma.user.findMany({ where: { username: { in: usernames } }, select: { id: true, username: true, name: true, collegeId: true } }),
    prisma.trainingPlatform.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true, induction: true, nationalOrProvincial: true } }),
  ]);
  const personBy = new Map(people.map((p) => [p.username, p]));
  const platformBy = new Map(platforms.flatMap((p) => [[p.nameZh, p], [p.code.toLowerCase(), p], [p.nameEn.toLowerCase(), p]] as const));
  const batch = `import:${crypto.randomUUID()}`;
  const recordLines = new Map<string, number>();
  const entries: Array<ReturnType<typeof hoursEntryData> & { importRecord: string | null }> = [];
  const preview: HoursPreviewRow[] = [];

  for (const row of sheet.rows) {
    const issue = (key: Key, message: string, params?: Record<string, string | number>) => issues.push({ line: row.line, column: header(key), message, params });
    const before = issues.length;
    const username = row.text("username");
    const person = personBy.get(username);
    if (!username) issue("username", "training.io.errors.required");
    else if (!person) issue("username", "training.io.errors.unknownPerson", { value: username });
    else if (!can(actor, "training:import-hours", person.collegeId ? { kind: "college", collegeId: person.collegeId } : { kind: "school" })) {
      issue("username", "training.io.errors.personNotYours", { value: username });
    }
    const title = row.text("title");
    if (!title) issue("title", "training.io.errors.required");
    else if (title.length > 200) issue("title", "validation.tooLong");
    const platformText = row.text("platform");
    const platform = platformBy.get(platformText) ?? platformBy.get(platformText.toLowerCase());
    if (!platform) issue("platform", platformText ? "training.io.errors.unknownPlatform" : "training.io.errors.required", { value: platformText });
    const hoursValue = parseNumber(row.get("hours"));
    const hours = hoursSchema.safeParse(hoursValue ?? undefined);
    if (!hours.success) issue("hours", hoursValue === null ? "training.io.errors.required" : "training.errors.badHours");
    const day = row.text("completedOn") ? parseDay(row.get("completedOn")) : null;
    if (!day) issue("completedOn", row.text("completedOn") ? "training.io.errors.badDate" : "training.io.errors.required", { value: row.text("completedOn") });
    const recordNo = row.text("recordNo").slice(0, 100);
    const sourceId = recordNo && platform ? `${platform.code}:${recordNo}` : null;
    if (sourceId) {
      const first = recordLines.get(sourceId);
      if (first) issue("recordNo", "training.io.errors.duplicateRow", { line: first });
      else recordLines.set(sourceId, row.line);
    }
    if (issues.length > before || !person || !platform || !hours.success || !day) continue;
    preview.push({ line: row.line, username, name: person.name, title, hours: hours.data });
    entries.push({
      ...hoursEntryData({
        userId: person.id,
        // The training year of the day it was completed (school time: a calendar day is its own year).
        year: trainingYear(new Date(day.getTime() + 12 * 3_600_000)),
        hours: hours.data,
        source: "IMPORT",
        sourceId: sourceId ?? batch,
        title,
        platform,
        level: null,
        createdById: actor.id,
      }),
      importRecord: sourceId,
    });
  }
  // A platform record imported before is refused, not counted twice (and the unique index holds when two imports race).
  const alreadyImported = (record: string): SheetIssue => ({ line: recordLines.get(record), column: header("recordNo"), message: "training.io.errors.alreadyImported", params: { value: record.split(":").slice(1).join(":") } });
  if (recordLines.size) {
    const known = await prisma.trainingHoursEntry.findMany({ where: { importRecord: { in: [...recordLines.keys()] } }, select: { importRecord: true } });
    for (const { importRecord } of known) issues.push(alreadyImported(importRecord!));
  }
  if (issues.length) return { issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), entries: 0, preview: [] };
  if (dryRun) return { issues: [], entries: entries.length, preview };

  try {
    await prisma.$transaction(
      async (tx) => {
        await tx.trainingHoursEntry.createMany({ data: entries });
        await recordAudit(tx, { actorId: actor.id, action: "training.hours-import", entityType: "TrainingHoursEntry", entityId: batch, data: { fileName: fileName.slice(0, 200), entries: entries.length } });
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    // Another import of the same platform records committed between our check and our write: the unique index refused ours whole.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const known = await prisma.trainingHoursEntry.findMany({ where: { importRecord: { in: [...recordLines.keys()] } }, select: { importRecord: true } });
    return { issues: known.map(({ importRecord }) => alreadyImported(importRecord!)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), entries: 0, preview: [] };
  }
  return { issues: [], entries: entries.length, preview };
}
