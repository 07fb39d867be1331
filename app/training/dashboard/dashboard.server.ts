import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { TargetGroup } from "~/generated/prisma/enums.ts";
import { CAREER_STAGES, stageBoundaries, type CareerStage } from "~/people/career-stage.ts";
import { stageExpression } from "~/people/stage-sql.server.ts";
import { GROUPS } from "~/people/schemas.ts";
import type { SchoolScope } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { trainingYear } from "../ledger.server.ts";
import { budgetOverview } from "../organisers.server.ts";

/**
 * The training dashboard (issue 18 point 9): for a year and a slice of the school, hours and
 * completion by career stage, by group (五类群体), by college and by platform, and the budgets.
 * "Completed" means what the menu's progress bar means (progress.server.ts): the plan's yearly
 * hours reached and every required item of the plan done. Everything is counted in SQL (GROUP BY
 * over one CTE), so 5,000 counselors never travel to Node one by one.
 */

/** The day the stage is read on: today for this year (or a later one), the year's last day for a past year. */
export function stageDayFor(year: number, now: Date): Date {
  // 04:00 UTC is noon in school time (UTC+8), well inside the school's 31 December.
  return year < trainingYear(now) ? new Date(Date.UTC(year, 11, 31, 4)) : now;
}

/**
 * The counted people (active counselors in `peopleFilter`) with their stage, their hours of the
 * year, their plan's hours and how many of its required items they have done, as the CTE
 * `assessed`. Required items follow `requiredItemsStatus` in progress.server.ts: a platform item
 * counts the ledger's hours on that platform (this year, or up to this year for once-only items), a
 * course item the hours of the sessions attended; with no minimum, anything above 0 is done.
 */
function assessedCte(peopleFilter: Prisma.Sql, year: number, stageDay: Date, thresholds: Parameters<typeof stageBoundaries>[1]): Prisma.Sql {
  const stage = stageExpression("p", stageBoundaries(stageDay, thresholds));
  return Prisma.sql`
    people AS (
      SELECT u.id, u."collegeId", COALESCE(p.groups, '{}') AS groups, ${stage} AS stage
      FROM "User" u LEFT JOIN "CounselorProfile" p ON p."userId" = u.id
      WHERE u.active AND 'COUNSELOR' = ANY(u.roles) ${peopleFilter}
    ),
    hours AS (
      SELECT e."userId", sum(e.hours) AS hours
      FROM "TrainingHoursEntry" e JOIN people ON people.id = e."userId"
      WHERE e.year = ${year}
      GROUP BY e."userId"
    ),
    items AS (
      SELECT pl.stage::text AS stage, i.id, i."platformId", i."courseId", i."minHours", i."perYear"
      FROM "TrainingPlanItem" i JOIN "TrainingPlan" pl ON pl.id = i."planId"
    ),
    platform_hours AS (
      SELECT e."userId", e."platformId", sum(e.hours) FILTER (WHERE e.year = ${year}) AS this_year, sum(e.hours) AS ever
      FROM "TrainingHoursEntry" e JOIN people ON people.id = e."userId"
      WHERE e.year <= ${year} AND e."platformId" IN (SELECT "platformId" FROM items)
      GROUP BY 1, 2
    ),
    course_hours AS (
      SELECT a."userId", s."courseId",
        sum(s.hours) FILTER (WHERE extract(year FROM (s."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai') = ${year}) AS this_year,
        sum(s.hours) AS ever
      FROM "TrainingAttendance" a JOIN "TrainingSession" s ON s.id = a."sessionId" JOIN people ON people.id = a."userId"
      WHERE s."courseId" IN (SELECT "courseId" FROM items)
      GROUP BY 1, 2
    ),
    item_hours AS (
      SELECT people.id AS "userId", items."minHours",
        COALESCE(CASE WHEN items."platformId" IS NOT NULL
          THEN CASE WHEN items."perYear" THEN ph.this_year ELSE ph.ever END
          ELSE CASE WHEN items."perYear" THEN ch.this_year ELSE ch.ever END END, 0) AS got
      FROM people JOIN items ON items.stage = people.stage
      LEFT JOIN platform_hours ph ON ph."userId" = people.id AND ph."platformId" = items."platformId"
      LEFT JOIN course_hours ch ON ch."userId" = people.id AND ch."courseId" = items."courseId"
    ),
    item_status AS (
      SELECT "userId", count(*)::int AS total,
        count(*) FILTER (WHERE CASE WHEN "minHours" IS NULL THEN got > 0 ELSE got >= "minHours" END)::int AS done
      FROM item_hours GROUP BY "userId"
    ),
    assessed AS (
      SELECT people.id, people."collegeId", people.groups, people.stage,
        COALESCE(h.hours, 0) AS hours, COALESCE(pl."yearlyHours", 0) AS required,
        COALESCE(s.total, 0) AS items_total, COALESCE(s.done, 0) AS items_done,
        (COALESCE(h.hours, 0) >= COALESCE(pl."yearlyHours", 0) AND COALESCE(s.done, 0) = COALESCE(s.total, 0)) AS met
      FROM people
      LEFT JOIN hours h ON h."userId" = people.id
      LEFT JOIN "TrainingPlan" pl ON pl.stage::text = people.stage
      LEFT JOIN item_status s ON s."userId" = people.id
    )`;
}

const scopeFilter = (scope: SchoolScope) => (scope.kind === "college" ? Prisma.sql`AND u."collegeId" = ${scope.collegeId}` : Prisma.empty);

/** One line of a breakdown: how many people, their hours, how many completed their plan. */
export interface Figures {
  people: number;
  hours: number;
  completed: number;
}
const round1 = (n: number) => Math.round(n * 10) / 10;
const figures = (row: { people: number; hours: number; completed: number }): Figures => ({ people: row.people, hours: round1(Number(row.hours)), completed: row.completed });
const EMPTY: Figures = { people: 0, hours: 0, completed: 0 };

/** The dashboard of a slice of the school for a year (authorise "training:view-scope" on the scope first). */
export async function trainingDashboard(scope: SchoolScope, year: number, now = new Date(), db: Db = prisma) {
  const { stageThresholds } = await getSchoolSettings();
  const cte = assessedCte(scopeFilter(scope), year, stageDayFor(year, now), stageThresholds);
  const [sets, groupRows, platformRows, colleges, budgets, groupOfCollege] = await Promise.all([
    db.$queryRaw<Array<{ bystage: number; bycollege: number; stage: CareerStage | null; collegeId: string | null; people: number; hours: number; completed: number }>>`
      WITH ${cte}
      SELECT GROUPING(stage)::int AS bystage, GROUPING("collegeId")::int AS bycollege, stage, "collegeId",
        count(*)::int AS people, COALESCE(sum(hours), 0)::float8 AS hours, (count(*) FILTER (WHERE met))::int AS completed
      FROM assessed GROUP BY GROUPING SETS ((stage), ("collegeId"), ())`,
    db.$queryRaw<Array<{ group: TargetGroup; people: number; hours: number; completed: number }>>`
      WITH ${cte}
      SELECT g::text AS "group", count(*)::int AS people, COALESCE(sum(hours), 0)::float8 AS hours, (count(*) FILTER (WHERE met))::int AS completed
      FROM assessed, unnest(assessed.groups) AS g GROUP BY g`,
    db.$queryRaw<Array<{ id: string | null; nameZh: string | null; nameEn: string | null; people: number; hours: number }>>`
      WITH people AS (
        SELECT u.id FROM "User" u WHERE u.active AND 'COUNSELOR' = ANY(u.roles) ${scopeFilter(scope)}
      )
      SELECT tp.id, tp."nameZh", tp."nameEn", count(DISTINCT e."userId")::int AS people, COALESCE(sum(e.hours), 0)::float8 AS hours
      FROM "TrainingHoursEntry" e JOIN people ON people.id = e."userId" LEFT JOIN "TrainingPlatform" tp ON tp.id = e."platformId"
      WHERE e.year = ${year}
      GROUP BY tp.id, tp."nameZh", tp."nameEn", tp."sortOrder"
      ORDER BY tp."sortOrder" NULLS LAST, tp."nameZh"`,
    db.college.findMany({ where: scope.kind === "college" ? { id: scope.collegeId } : {}, orderBy: { code: "asc" }, select: { id: true, name: true } }),
    budgetOverview(year, db),
    scope.kind === "college"
      ? db.jointTrainingGroupMember.findUnique({ where: { collegeId: scope.collegeId }, select: { group: { select: { id: true, name: true } } } })
      : null,
  ]);

  const totalRow = sets.find((r) => r.bystage === 1 && r.bycollege === 1);
  const byStage = new Map(sets.filter((r) => r.bystage === 0).map((r) => [r.stage, figures(r)]));
  const byCollege = new Map(sets.filter((r) => r.bycollege === 0).map((r) => [r.collegeId, figures(r)]));
  const byGroup = new Map(groupRows.map((r) => [r.group, figures(r)]));
  const totals = totalRow ? figures(totalRow) : EMPTY;

  // Budgets: the school's, every college's and group's for 学工部; a college admin their college's and their joint group's.
  const names = new Map<string, string>(colleges.map((c) => [`college:${c.id}`, c.name]));
  const groups = await db.jointTrainingGroup.findMany({ select: { id: true, name: true } });
  for (const g of groups) names.set(`group:${g.id}`, g.name);
  const visibleBudget = (key: string) =>
    scope.kind === "school" || key === `college:${scope.collegeId}` || (groupOfCollege !== null && key === `group:${groupOfCollege.group.id}`);
  const budgetRows = budgets
    .filter((b) => visibleBudget(b.ownerKey))
    .map((b) => ({
      ownerKey: b.ownerKey,
      kind: b.ownerKey === "school" ? ("school" as const) : b.ownerKey.startsWith("college:") ? ("college" as const) : ("group" as const),
      name: b.ownerKey === "school" ? null : (names.get(b.ownerKey) ?? b.ownerKey),
      budget: b.budget,
      spent: b.spent,
    }))
    .sort((a, b) => ["school", "college", "group"].indexOf(a.kind) - ["school", "college", "group"].indexOf(b.kind) || (a.name ?? "").localeCompare(b.name ?? "", "zh-CN"));

  return {
    year,
    totals: { ...totals, behind: totals.people - totals.completed },
    stages: CAREER_STAGES.map((stage) => ({ stage, ...(byStage.get(stage) ?? EMPTY) })),
    groups: GROUPS.map((group) => ({ group, ...(byGroup.get(group) ?? EMPTY) })),
    colleges: [
      ...colleges.map((c) => ({ id: c.id as string | null, name: c.name as string | null, ...(byCollege.get(c.id) ?? EMPTY) })),
      // Counselors without a college (a gap in the personnel database) are counted, and shown as such.
      ...(byCollege.has(null) ? [{ id: null, name: null, ...byCollege.get(null)! }] : []),
    ],
    platforms: platformRows.map((r) => ({ id: r.id, nameZh: r.nameZh, nameEn: r.nameEn, people: r.people, hours: round1(Number(r.hours)) })),
    budgets: budgetRows,
  };
}
export type TrainingDashboard = Awaited<ReturnType<typeof trainingDashboard>>;

/**
 * Required items done and due this year per member of a studio (the team tab adds them to
 * `teamProgress`): the same SQL as the dashboard, narrowed to the studio's members.
 */
export async function teamRequiredItems(studioId: string, now = new Date(), db: Db = prisma) {
  const { stageThresholds } = await getSchoolSettings();
  const members = Prisma.sql`AND EXISTS (SELECT 1 FROM "StudioMembership" m WHERE m."userId" = u.id AND m."studioId" = ${studioId})`;
  const cte = assessedCte(members, trainingYear(now), now, stageThresholds);
  const rows = await db.$queryRaw<Array<{ id: string; items_total: number; items_done: number; met: boolean }>>`
    WITH ${cte} SELECT id, items_total, items_done, met FROM assessed`;
  return new Map(rows.map((r) => [r.id, { total: r.items_total, done: r.items_done, completed: r.met }]));
}
