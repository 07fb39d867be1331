import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { Duty, ProfessionalTitle, TargetGroup } from "~/generated/prisma/enums.ts";
import { CAREER_STAGES, stageBoundaries, type CareerStage, type StageThresholds } from "~/people/career-stage.ts";
import { stageExpression } from "~/people/stage-sql.server.ts";
import { DUTIES, GROUPS, TITLES } from "~/people/schemas.ts";
import type { SchoolScope } from "~/policy/index.ts";

/**
 * The programme dashboard: career stages per college, titles, the five groups and how the nine
 * duties are covered by studios — for the whole school (学工部) or one college. Counted in SQL
 * (stages from the same cut-off days as everywhere else), so it stays fast at 5,000 counselors.
 */
export async function dashboardData(scope: SchoolScope, context: { now: Date; thresholds: StageThresholds }) {
  const college = scope.kind === "college" ? Prisma.sql`AND u."collegeId" = ${scope.collegeId}` : Prisma.empty;
  const counselor = Prisma.sql`u.active AND 'COUNSELOR' = ANY(u.roles) ${college}`;
  const stage = stageExpression("p", stageBoundaries(context.now, context.thresholds));
  const studioScope = scope.kind === "college"
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "StudioMembership" m2 JOIN "User" u2 ON u2.id = m2."userId" WHERE m2."studioId" = s.id AND u2."collegeId" = ${scope.collegeId})`
    : Prisma.empty;

  const [stageRows, titleRows, groupRows, dutyRows, totals] = await Promise.all([
    prisma.$queryRaw<Array<{ college: string | null; stage: CareerStage; count: number }>>`
      SELECT c.name AS college, ${stage} AS stage, count(*)::int AS count
      FROM "CounselorProfile" p JOIN "User" u ON u.id = p."userId" LEFT JOIN "College" c ON c.id = u."collegeId"
      WHERE ${counselor}
      GROUP BY c.code, c.name, 2 ORDER BY c.code`,
    prisma.$queryRaw<Array<{ title: ProfessionalTitle; count: number }>>`
      SELECT p.title::text AS title, count(*)::int AS count
      FROM "CounselorProfile" p JOIN "User" u ON u.id = p."userId"
      WHERE ${counselor} GROUP BY p.title`,
    prisma.$queryRaw<Array<{ group: TargetGroup; count: number }>>`
      SELECT g::text AS "group", count(*)::int AS count
      FROM "CounselorProfile" p JOIN "User" u ON u.id = p."userId", unnest(p.groups) AS g
      WHERE u.active ${college} GROUP BY g`,
    prisma.$queryRaw<Array<{ duty: Duty; studios: number; members: number }>>`
      SELECT s.duty::text AS duty, count(DISTINCT s.id)::int AS studios, count(m.id)::int AS members
      FROM "Studio" s LEFT JOIN "StudioMembership" m ON m."studioId" = s.id
      WHERE s."archivedAt" IS NULL ${studioScope}
      GROUP BY s.duty`,
    prisma.$queryRaw<Array<{ counselors: number; inStudio: number }>>`
      SELECT count(*)::int AS counselors,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "StudioMembership" m WHERE m."userId" = u.id))::int AS "inStudio"
      FROM "CounselorProfile" p JOIN "User" u ON u.id = p."userId" WHERE ${counselor}`,
  ]);

  const colleges = new Map<string, Record<CareerStage, number>>();
  for (const row of stageRows) {
    const name = row.college ?? "—";
    const counts = colleges.get(name) ?? (Object.fromEntries(CAREER_STAGES.map((s) => [s, 0])) as Record<CareerStage, number>);
    counts[row.stage] = row.count;
    colleges.set(name, counts);
  }
  const byTitle = new Map(titleRows.map((r) => [r.title, r.count]));
  const byGroup = new Map(groupRows.map((r) => [r.group, r.count]));
  const byDuty = new Map(dutyRows.map((r) => [r.duty, r]));
  const studioCount = dutyRows.reduce((sum, r) => sum + r.studios, 0);
  const stageTotals = Object.fromEntries(CAREER_STAGES.map((s) => [s, [...colleges.values()].reduce((sum, c) => sum + c[s], 0)])) as Record<CareerStage, number>;
  return {
    totals: {
      counselors: totals[0]?.counselors ?? 0,
      inStudio: totals[0]?.inStudio ?? 0,
      studios: studioCount,
      dutiesCovered: dutyRows.filter((r) => r.studios > 0).length,
    },
    stageTotals,
    stagesByCollege: [...colleges.entries()].map(([college, counts]) => ({ college, ...counts })),
    titles: TITLES.map((title) => ({ title, count: byTitle.get(title) ?? 0 })),
    groups: GROUPS.map((group) => ({ group, count: byGroup.get(group) ?? 0 })),
    duties: DUTIES.map((duty) => ({ duty, studios: byDuty.get(duty)?.studios ?? 0, members: byDuty.get(duty)?.members ?? 0 })),
  };
}
export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;
