import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { TrainingHoursSource, TrainingLevel } from "~/generated/prisma/enums.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { UserError } from "~/lib/user-error.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import type { CorrectionInput } from "./schemas.ts";

/**
 * The hours ledger (学时台账): one entry per piece of credited training, each traceable to its
 * source (an attendance, an approved external record, an import row, a corrected entry). The
 * database refuses UPDATE and DELETE (trigger in the migration); a correction is a new entry with
 * a reason. Sources write their entry in their own transaction through `writeHoursEntry`.
 */

/** The training year of an instant: the calendar year in school time. */
export function trainingYear(at: Date): number {
  return schoolToday(at).getUTCFullYear();
}

export interface NewHoursEntry {
  userId: string;
  year: number;
  hours: number;
  source: TrainingHoursSource;
  sourceId: string | null;
  title: string;
  platform: { id: string; induction: boolean; nationalOrProvincial: boolean } | null;
  level: TrainingLevel | null;
  createdById: string | null;
  reason?: string | null;
}

/**
 * "校级培训" for the yearly 16 hours counts school-level courses and national or provincial training
 * (training above the school counts for the school's requirement).
 */
function countsAsSchoolLevel(entry: Pick<NewHoursEntry, "level" | "platform">): boolean {
  return entry.level === "SCHOOL" || Boolean(entry.platform?.nationalOrProvincial);
}

/** The row of a new entry, with the flags the national rules count by (for `createMany` in bulk writers such as an import). */
export function hoursEntryData(entry: NewHoursEntry) {
  return {
      userId: entry.userId,
      year: entry.year,
      hours: entry.hours,
      source: entry.source,
      sourceId: entry.sourceId,
      title: entry.title,
      platformId: entry.platform?.id ?? null,
      level: entry.level,
      schoolLevel: countsAsSchoolLevel(entry),
      induction: entry.platform?.induction ?? false,
      nationalOrProvincial: entry.platform?.nationalOrProvincial ?? false,
      reason: entry.reason ?? null,
      createdById: entry.createdById,
  } satisfies Prisma.TrainingHoursEntryUncheckedCreateInput;
}

/** A building block of attendance, approval and import: call it in their transaction. */
export async function writeHoursEntry(tx: Db, entry: NewHoursEntry): Promise<string> {
  const row = await tx.trainingHoursEntry.create({ data: hoursEntryData(entry), select: { id: true } });
  return row.id;
}

/**
 * 学工部 corrects someone's hours with a new entry (negative to take hours away). When it corrects
 * one entry, the correction carries that entry's kind (platform, flags) so the sums by rule stay
 * right, and points at it.
 */
export async function recordCorrection(userId: string, input: CorrectionInput, actorId: string): Promise<string> {
  if (!input.reason?.trim()) throw new UserError("training.errors.correctionReasonRequired", {}, { status: 400 });
  return prisma.$transaction(async (tx) => {
    const corrected = input.correctsEntryId
      ? await tx.trainingHoursEntry.findFirst({ where: { id: input.correctsEntryId, userId }, select: { id: true, title: true, level: true, platformId: true, schoolLevel: true, induction: true, nationalOrProvincial: true } })
      : null;
    if (input.correctsEntryId && !corrected) throw new Response("Not Found", { status: 404 });
    const row = await tx.trainingHoursEntry.create({
      data: {
        userId,
        year: input.year,
        hours: input.hours,
        source: "CORRECTION",
        sourceId: corrected?.id ?? null,
        title: corrected?.title ?? "",
        platformId: corrected?.platformId ?? input.platformId ?? null,
        level: corrected?.level ?? null,
        schoolLevel: corrected?.schoolLevel ?? input.schoolLevel,
        induction: corrected?.induction ?? input.induction,
        nationalOrProvincial: corrected?.nationalOrProvincial ?? input.nationalOrProvincial,
        reason: input.reason,
        createdById: actorId,
      },
      select: { id: true },
    });
    await recordAudit(tx, { actorId, action: "training.hours-correct", entityType: "TrainingHoursEntry", entityId: row.id, data: { userId, hours: input.hours, reason: input.reason } });
    return row.id;
  });
}

const entrySelect = {
  id: true,
  year: true,
  hours: true,
  source: true,
  sourceId: true,
  title: true,
  level: true,
  schoolLevel: true,
  induction: true,
  nationalOrProvincial: true,
  reason: true,
  createdAt: true,
  platform: { select: { code: true, nameZh: true, nameEn: true } },
} satisfies Prisma.TrainingHoursEntrySelect;

/** One person's ledger (authorise "training:view-ledger" on them first): entries, newest first, and totals per year. */
export async function ledgerOf(userId: string, options: { year?: number } = {}, db: Db = prisma) {
  const where = { userId, ...(options.year ? { year: options.year } : {}) };
  const [entries, years] = await Promise.all([
    db.trainingHoursEntry.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: entrySelect }),
    db.trainingHoursEntry.groupBy({ by: ["year"], where: { userId }, _sum: { hours: true }, orderBy: { year: "desc" } }),
  ]);
  return {
    entries: entries.map((e) => ({ ...e, hours: Number(e.hours) })),
    years: years.map((y) => ({ year: y.year, hours: Number(y._sum.hours ?? 0) })),
  };
}

export const LEDGER_PAGE_SIZE = 50;

/** Ledger entries across the people the actor may see (their own, their college's, everyone's), filtered. */
export async function listLedgerEntries(actor: Actor, filters: { year?: number; collegeId?: string; userId?: string }, page = 1, db: Db = prisma) {
  const where: Prisma.TrainingHoursEntryWhereInput = {
    AND: [
      whereCan(actor, "training:view-ledger"),
      {
        ...(filters.year ? { year: filters.year } : {}),
        ...(filters.userId ? { userId: filters.userId } : {}),
        ...(filters.collegeId ? { user: { collegeId: filters.collegeId } } : {}),
      },
    ],
  };
  const [total, entries] = await Promise.all([
    db.trainingHoursEntry.count({ where }),
    db.trainingHoursEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * LEDGER_PAGE_SIZE,
      take: LEDGER_PAGE_SIZE,
      select: { ...entrySelect, user: { select: { id: true, name: true, username: true, college: { select: { name: true } } } } },
    }),
  ]);
  return { total, pages: Math.max(1, Math.ceil(total / LEDGER_PAGE_SIZE)), entries: entries.map((e) => ({ ...e, hours: Number(e.hours) })) };
}

/** Per person: hours of a year, school-level hours of the year, induction hours ever, last year with national/provincial training. */
export async function hoursSummaries(userIds: string[], year: number, db: Db = prisma) {
  if (!userIds.length) return new Map<string, HoursSummary>();
  const [yearly, schoolLevel, induction, natProv] = await Promise.all([
    db.trainingHoursEntry.groupBy({ by: ["userId"], where: { userId: { in: userIds }, year }, _sum: { hours: true } }),
    db.trainingHoursEntry.groupBy({ by: ["userId"], where: { userId: { in: userIds }, year, schoolLevel: true }, _sum: { hours: true } }),
    db.trainingHoursEntry.groupBy({ by: ["userId"], where: { userId: { in: userIds }, induction: true }, _sum: { hours: true } }),
    db.trainingHoursEntry.groupBy({ by: ["userId", "year"], where: { userId: { in: userIds }, nationalOrProvincial: true, year: { lte: year } }, _sum: { hours: true } }),
  ]);
  const summaries = new Map<string, HoursSummary>(userIds.map((id) => [id, { hours: 0, schoolLevelHours: 0, inductionHours: 0, lastNationalOrProvincialYear: null }]));
  for (const row of yearly) summaries.get(row.userId)!.hours = Number(row._sum.hours ?? 0);
  for (const row of schoolLevel) summaries.get(row.userId)!.schoolLevelHours = Number(row._sum.hours ?? 0);
  for (const row of induction) summaries.get(row.userId)!.inductionHours = Number(row._sum.hours ?? 0);
  for (const row of natProv) {
    // A year counts when its national/provincial hours add up to more than nothing (a correction may cancel one).
    if (Number(row._sum.hours ?? 0) <= 0) continue;
    const summary = summaries.get(row.userId)!;
    summary.lastNationalOrProvincialYear = Math.max(summary.lastNationalOrProvincialYear ?? 0, row.year);
  }
  return summaries;
}

export interface HoursSummary {
  hours: number;
  schoolLevelHours: number;
  inductionHours: number;
  lastNationalOrProvincialYear: number | null;
}
