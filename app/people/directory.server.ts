import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { Duty, ProfessionalTitle, StudioRole } from "~/generated/prisma/enums.ts";
import { deriveCareerStage, stageBoundaries, type CareerStage, type StageThresholds } from "./career-stage.ts";
import { pinyinQuery } from "./name-keys.ts";
import type { DirectoryFilters } from "./schemas.ts";
import { stageCondition } from "./stage-sql.server.ts";

export const DIRECTORY_PAGE_SIZE = 25;

/**
 * The personnel directory: everyone with a profile (counselors, college and school staff), found
 * by college, career stage, target group, specialty, title and a free-text search. Filters run in
 * SQL — the stage too, from the same cut-off days as deriveCareerStage — so a page of 25 out of
 * 5,000 people costs two indexed queries. People are listed by the pinyin of their name with the
 * surname read as a surname (沈 shěn, not chén: decision 015), then by 工号.
 */
export interface DirectoryRow {
  id: string;
  username: string;
  name: string;
  collegeName: string | null;
  title: ProfessionalTitle;
  counselorSince: Date | null;
  stage: CareerStage;
  specialties: Duty[];
  specialtyTags: string[];
  studios: Array<{ id: string; name: string; role: StudioRole }>;
}

/** Text for LIKE (and Prisma's contains/startsWith, which pass it on as it is): % and _ as themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A person picker's query as a Prisma filter on User: 工号 prefix, name contains, full pinyin or
 * initials prefix ("zhangminghua", "zmh"). The lookups of counselors and of a meeting's
 * participants share it.
 */
export function personQueryWhere(query: string): Prisma.UserWhereInput {
  const q = query.trim();
  const pinyin = pinyinQuery(q);
  const literal = escapeLike(q);
  return {
    OR: [
      { username: { startsWith: literal, mode: "insensitive" } },
      { name: { contains: literal, mode: "insensitive" } },
      ...(pinyin ? [{ namePinyin: { startsWith: pinyin } }, { nameInitials: { startsWith: pinyin } }] : []),
    ],
  };
}

/** WHERE clause of the directory ("u" is the user, "p" the profile). */
export function directoryWhere(filters: Omit<DirectoryFilters, "page">, now: Date, thresholds: StageThresholds): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`u.active`];
  if (filters.collegeId) conditions.push(Prisma.sql`u."collegeId" = ${filters.collegeId}`);
  if (filters.stage) conditions.push(stageCondition("p", filters.stage, stageBoundaries(now, thresholds)));
  if (filters.group) conditions.push(Prisma.sql`${filters.group}::"TargetGroup" = ANY(p.groups)`);
  if (filters.duty) conditions.push(Prisma.sql`${filters.duty}::"Duty" = ANY(p.specialties)`);
  if (filters.title) conditions.push(Prisma.sql`p.title = ${filters.title}::"ProfessionalTitle"`);
  if (filters.q) {
    const contains = `%${escapeLike(filters.q)}%`;
    conditions.push(Prisma.sql`(u.name ILIKE ${contains} OR u.username ILIKE ${`${escapeLike(filters.q)}%`}
      OR p."researchInterests" ILIKE ${contains} OR array_to_string(p."specialtyTags", ' ') ILIKE ${contains})`);
  }
  return Prisma.join(conditions, " AND ");
}

export async function listDirectory(filters: DirectoryFilters, context: { now: Date; thresholds: StageThresholds }) {
  const where = directoryWhere(filters, context.now, context.thresholds);
  const offset = (filters.page - 1) * DIRECTORY_PAGE_SIZE;
  const [countRows, rows] = await Promise.all([
    prisma.$queryRaw<Array<{ total: number }>>`
      SELECT count(*)::int AS total FROM "CounselorProfile" p JOIN "User" u ON u.id = p."userId" WHERE ${where}`,
    prisma.$queryRaw<
      Array<{
        id: string;
        username: string;
        name: string;
        collegeName: string | null;
        title: ProfessionalTitle;
        counselorSince: Date | null;
        specialties: Duty[];
        specialtyTags: string[];
      }>
    >`
      SELECT u.id, u.username, u.name, c.name AS "collegeName", p.title::text AS title, p."counselorSince",
             p.specialties::text[] AS specialties, p."specialtyTags"
      FROM "CounselorProfile" p JOIN "User" u ON u.id = p."userId" LEFT JOIN "College" c ON c.id = u."collegeId"
      WHERE ${where}
      ORDER BY u."nameSortKey", u.username
      LIMIT ${DIRECTORY_PAGE_SIZE} OFFSET ${offset}`,
  ]);
  const total = countRows[0]?.total ?? 0;
  const memberships = rows.length
    ? await prisma.studioMembership.findMany({
        where: { userId: { in: rows.map((r) => r.id) }, studio: { archivedAt: null } },
        orderBy: { joinedAt: "asc" },
        select: { userId: true, role: true, studio: { select: { id: true, name: true } } },
      })
    : [];
  const studiosOf = new Map<string, DirectoryRow["studios"]>();
  for (const m of memberships) {
    const list = studiosOf.get(m.userId) ?? [];
    list.push({ id: m.studio.id, name: m.studio.name, role: m.role });
    studiosOf.set(m.userId, list);
  }
  return {
    total,
    page: filters.page,
    pages: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
    rows: rows.map(
      (row): DirectoryRow => ({
        ...row,
        stage: deriveCareerStage(row, context.now, context.thresholds).stage,
        studios: studiosOf.get(row.id) ?? [],
      }),
    ),
  };
}

export function listColleges() {
  return prisma.college.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true, code: true } });
}
