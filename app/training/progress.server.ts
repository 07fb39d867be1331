import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Duty, ProfessionalTitle, TargetGroup, TrainingEnrolmentStatus, TrainingLevel, TrainingTargetKind } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { deriveCareerStage, type CareerStage } from "~/people/career-stage.ts";
import { whoMay, type SchoolScope } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { hoursSummaries, trainingYear, type HoursSummary } from "./ledger.server.ts";
import { listPlans, type Plan } from "./plans.server.ts";
import { getTrainingSettings, type TrainingSettings } from "./settings.server.ts";

/**
 * Where someone stands: their plan (from the career stage the personnel database derives), what the
 * plan requires and what they have done, their menu of electives, and the national rules. Everything
 * is computed from the ledger, which belongs to the person, not to a plan: when the stage changes,
 * the new plan applies and everything done stays counted (an induction done once stays done).
 */

interface Person {
  id: string;
  name: string;
  collegeId: string | null;
  counselorSince: Date | null;
  title: ProfessionalTitle;
  specialties: Duty[];
  groups: TargetGroup[];
}

const personSelect = {
  id: true,
  name: true,
  collegeId: true,
  college: { select: { name: true } },
  profile: { select: { counselorSince: true, title: true, specialties: true, groups: true } },
} satisfies Prisma.UserSelect;
type PersonRow = Prisma.UserGetPayload<{ select: typeof personSelect }>;

const personOf = (row: PersonRow): Person => ({
  id: row.id,
  name: row.name,
  collegeId: row.collegeId,
  counselorSince: row.profile?.counselorSince ?? null,
  title: row.profile?.title ?? "NONE",
  specialties: row.profile?.specialties ?? [],
  groups: row.profile?.groups ?? [],
});

export interface Compliance {
  /** 岗前培训: for counselors in 初任期 (the rule is about new counselors). */
  induction: { applies: boolean; required: number; done: number; short: number };
  /** 每年校级培训. */
  schoolLevel: { required: number; done: number; short: number };
  /** 每 5 年至少一次国家级或省级培训: applies once someone has served that long. */
  nationalOrProvincial: { applies: boolean; everyYears: number; lastYear: number | null; short: boolean };
  /** The stage plan's yearly hours. */
  plan: { required: number; done: number; short: number };
  /** Whether anything above is short. */
  isShort: boolean;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const shortOf = (required: number, done: number) => round1(Math.max(0, required - done));

export function complianceOf(
  person: { stage: CareerStage; yearsOfService: number | null },
  summary: HoursSummary,
  planHours: number,
  settings: TrainingSettings,
  year: number,
): Compliance {
  const inductionApplies = person.stage === "NOVICE";
  const induction = { applies: inductionApplies, required: settings.inductionHours, done: round1(summary.inductionHours), short: inductionApplies ? shortOf(settings.inductionHours, summary.inductionHours) : 0 };
  const schoolLevel = { required: settings.schoolLevelHoursPerYear, done: round1(summary.schoolLevelHours), short: shortOf(settings.schoolLevelHoursPerYear, summary.schoolLevelHours) };
  const every = settings.nationalOrProvincialEveryYears;
  const natApplies = person.yearsOfService !== null && person.yearsOfService >= every;
  const last = summary.lastNationalOrProvincialYear;
  const nationalOrProvincial = { applies: natApplies, everyYears: every, lastYear: last, short: natApplies && (last === null || last <= year - every) };
  const plan = { required: planHours, done: round1(summary.hours), short: shortOf(planHours, summary.hours) };
  return { induction, schoolLevel, nationalOrProvincial, plan, isShort: induction.short > 0 || schoolLevel.short > 0 || nationalOrProvincial.short || plan.short > 0 };
}

export interface RequiredItemStatus {
  label: string;
  /** What satisfies it: a platform (any course or external training on it) or one course. */
  platform: { nameZh: string; nameEn: string } | null;
  course: { id: string; title: string } | null;
  perYear: boolean;
  minHours: number | null;
  hours: number;
  done: boolean;
}

/** The person's ledger, summed by what the rules and the plan items ask about (a few dozen rows for one person). */
type LedgerGroup = { platformId: string | null; year: number; schoolLevel: boolean; induction: boolean; nationalOrProvincial: boolean; hours: number };
/** The sessions the person attended, with what the menu and the required items need of each. */
type AttendedSession = { courseId: string; startsAt: Date; hours: number; duties: Duty[] };

/** The same figures as `hoursSummaries` in ledger.server.ts, from one person's grouped ledger. */
function summaryOf(groups: LedgerGroup[], year: number): HoursSummary {
  const sum = (rows: LedgerGroup[]) => rows.reduce((total, g) => total + g.hours, 0);
  const thisYear = groups.filter((g) => g.year === year);
  const nationalYears = new Map<number, number>();
  for (const g of groups) if (g.nationalOrProvincial && g.year <= year) nationalYears.set(g.year, (nationalYears.get(g.year) ?? 0) + g.hours);
  // A year counts when its national/provincial hours add up to more than nothing (a correction may cancel one).
  const counted = [...nationalYears].filter(([, hours]) => hours > 0).map(([y]) => y);
  return {
    hours: sum(thisYear),
    schoolLevelHours: sum(thisYear.filter((g) => g.schoolLevel)),
    inductionHours: sum(groups.filter((g) => g.induction)),
    lastNationalOrProvincialYear: counted.length ? Math.max(...counted) : null,
  };
}

/** The plan's required items and how far the person is with each (this year, or ever for once-only items). */
function requiredItemsStatus(plan: Plan | null, groups: LedgerGroup[], attended: AttendedSession[], year: number): RequiredItemStatus[] {
  return (plan?.items ?? []).map((item) => {
    const hours = item.platformId
      ? groups.filter((g) => g.platformId === item.platformId && (!item.perYear || g.year === year)).reduce((sum, g) => sum + g.hours, 0)
      : attended.filter((a) => a.courseId === item.courseId && (!item.perYear || trainingYear(a.startsAt) === year)).reduce((sum, a) => sum + a.hours, 0);
    return {
      label: item.label,
      platform: item.platform,
      course: item.courseId && item.course ? { id: item.courseId, title: item.course.title } : null,
      perYear: item.perYear,
      minHours: item.minHours,
      hours: round1(hours),
      done: item.minHours === null ? hours > 0 : hours >= item.minHours,
    };
  });
}

/** Whether a course's target applies to a person of this stage and these groups (no stage or group: everyone). */
function targets(target: { stage: CareerStage | null; group: TargetGroup | null }, stage: CareerStage, groups: readonly TargetGroup[]) {
  return (target.stage === null || target.stage === stage) && (target.group === null || groups.includes(target.group));
}

/** One person's record and training history as `standingRow` reads it (JSON: dates arrive as strings). */
interface StandingRow {
  person: { id: string; name: string; collegeId: string | null; college: string | null; counselorSince: string | null; title: ProfessionalTitle | null; specialties: Duty[] | null; groups: TargetGroup[] | null } | null;
  ledger: LedgerGroup[];
  attended: Array<{ courseId: string; startsAt: string; hours: number; duties: Duty[] }>;
  enrolments: Array<{ courseId: string; status: TrainingEnrolmentStatus }>;
  studioDuties: Duty[];
}

/**
 * A person, their ledger grouped by what the rules and the plan items ask about, the sessions they
 * attended, their open enrolments and their studios' duties: one statement, because the menu is a
 * counselor's most visited page and eight reads through the ORM cost it more than the database does.
 */
async function standingRow(userId: string, db: Db): Promise<StandingRow> {
  const [row] = await db.$queryRaw<StandingRow[]>`
    SELECT
      (SELECT json_build_object('id', u.id, 'name', u.name, 'collegeId', u."collegeId", 'college', c.name,
         'counselorSince', p."counselorSince", 'title', p.title, 'specialties', p.specialties, 'groups', p.groups)
       FROM "User" u LEFT JOIN "College" c ON c.id = u."collegeId" LEFT JOIN "CounselorProfile" p ON p."userId" = u.id
       WHERE u.id = ${userId}) AS person,
      (SELECT COALESCE(json_agg(json_build_object('platformId', g."platformId", 'year', g.year, 'schoolLevel', g."schoolLevel",
         'induction', g.induction, 'nationalOrProvincial', g."nationalOrProvincial", 'hours', g.hours)), '[]')
       FROM (SELECT "platformId", year, "schoolLevel", induction, "nationalOrProvincial", sum(hours)::float8 AS hours
             FROM "TrainingHoursEntry" WHERE "userId" = ${userId} GROUP BY 1, 2, 3, 4, 5) g) AS ledger,
      (SELECT COALESCE(json_agg(json_build_object('courseId', s."courseId", 'startsAt', s."startsAt", 'hours', s.hours::float8, 'duties', tc.duties)), '[]')
       FROM "TrainingAttendance" a JOIN "TrainingSession" s ON s.id = a."sessionId" JOIN "TrainingCourse" tc ON tc.id = s."courseId"
       WHERE a."userId" = ${userId}) AS attended,
      (SELECT COALESCE(json_agg(json_build_object('courseId', e."courseId", 'status', e.status)), '[]')
       FROM "TrainingEnrolment" e WHERE e."userId" = ${userId} AND e.status IN ('ENROLLED', 'WAITLISTED')) AS enrolments,
      (SELECT COALESCE(json_agg(DISTINCT st.duty), '[]')
       FROM "Studio" st JOIN "StudioMembership" m ON m."studioId" = st.id
       WHERE m."userId" = ${userId} AND st."archivedAt" IS NULL) AS "studioDuties"`;
  return row!;
}

/**
 * Everything about one person that their progress and their menu read, at once: the person's row
 * above, the school's settings and the plans (few, so all are read and the person's is picked).
 */
async function readStanding(userId: string, now: Date, db: Db) {
  const year = trainingYear(now);
  const [row, { stageThresholds }, settings, plans] = await Promise.all([standingRow(userId, db), getSchoolSettings(), getTrainingSettings(db), listPlans(db)]);
  const { person: user, ledger: groups } = row;
  if (!user) throw new Response("Not Found", { status: 404 });
  const person: Person = {
    id: user.id,
    name: user.name,
    collegeId: user.collegeId,
    counselorSince: user.counselorSince === null ? null : new Date(user.counselorSince),
    title: user.title ?? "NONE",
    specialties: user.specialties ?? [],
    groups: user.groups ?? [],
  };
  const career = deriveCareerStage(person, now, stageThresholds);
  const attended: AttendedSession[] = row.attended.map((a) => ({ ...a, startsAt: new Date(a.startsAt) }));
  const plan = plans.find((p) => p.stage === career.stage) ?? null;
  const summary = summaryOf(groups, year);
  const progress = {
    person: { id: user.id, name: user.name, collegeId: user.collegeId, college: user.college, specialties: person.specialties, groups: person.groups },
    stage: career.stage,
    nextStage: career.next,
    year,
    plan,
    requiredItems: requiredItemsStatus(plan, groups, attended, year),
    hours: round1(summary.hours),
    compliance: complianceOf({ stage: career.stage, yearsOfService: career.yearsOfService }, summary, plan?.yearlyHours ?? 0, settings, year),
  };
  return { progress, attended, enrolments: row.enrolments, studioDuties: row.studioDuties };
}

/** Someone's plan and progress this year (authorise "training:view-progress" on them): the menu's top and a studio leader's view. */
export async function progressOf(userId: string, now = new Date(), db: Db = prisma) {
  return (await readStanding(userId, now, db)).progress;
}

export interface ElectiveReason {
  key: MessageKey;
  duty: Duty | null;
}

const MENU_ELECTIVES = 12;
/** Required courses still to do shown at first (soonest first); the rest behind "show all". */
export const MENU_REQUIRED_SHOWN = 8;

/** A course as the menu reads it (`menuCourses`). */
interface MenuCourseRow {
  id: string;
  title: string;
  level: TrainingLevel;
  year: number;
  hours: number;
  duties: Duty[];
  platform: { code: string; nameZh: string; nameEn: string };
  targets: Array<{ stage: CareerStage | null; group: TargetGroup | null; kind: TrainingTargetKind }>;
  nextSession: { startsAt: Date } | null;
}

/**
 * The published courses of this year or still to come that may be on someone's menu: for everyone
 * or with a target for their stage and groups, school-level or their own college's (or joint
 * group's) — 院级培训 is a college's training for its own counselors — with their targets and only
 * the next session. One statement: through the ORM this was four queries and a whole school's
 * catalogue mapped row by row on every menu view.
 */
async function menuCourses(
  person: { stage: CareerStage; groups: TargetGroup[]; collegeId: string | null; year: number; now: Date; recommended: string[] },
  db: Db,
): Promise<MenuCourseRow[]> {
  const { stage, groups, collegeId, year, now, recommended } = person;
  const rows = await db.$queryRaw<Array<Omit<MenuCourseRow, "nextSession"> & { nextSession: { startsAt: string } | null }>>`
    SELECT c.id, c.title, c.level::text AS level, c.year, c.hours::float8 AS hours, to_json(c.duties) AS duties,
      json_build_object('code', p.code, 'nameZh', p."nameZh", 'nameEn', p."nameEn") AS platform,
      COALESCE((SELECT json_agg(json_build_object('stage', t.stage, 'group', t."group", 'kind', t.kind))
                FROM "TrainingCourseTarget" t WHERE t."courseId" = c.id), '[]') AS targets,
      (SELECT json_build_object('startsAt', s."startsAt")
       FROM "TrainingSession" s WHERE s."courseId" = c.id AND s."endsAt" >= ${now} ORDER BY s."startsAt" LIMIT 1) AS "nextSession"
    FROM "TrainingCourse" c JOIN "TrainingPlatform" p ON p.id = c."platformId"
    WHERE c.status = 'PUBLISHED'
      AND (c.year = ${year} OR EXISTS (SELECT 1 FROM "TrainingSession" s WHERE s."courseId" = c.id AND s."startsAt" >= ${now}))
      AND (c.id = ANY(${recommended}::text[])
           OR ((NOT EXISTS (SELECT 1 FROM "TrainingCourseTarget" t WHERE t."courseId" = c.id)
                OR EXISTS (SELECT 1 FROM "TrainingCourseTarget" t WHERE t."courseId" = c.id
                           AND (t.stage IS NULL OR t.stage::text = ${stage}) AND (t."group" IS NULL OR t."group"::text = ANY(${groups}::text[]))))
               AND (c.level = 'SCHOOL' OR c."collegeId" = ${collegeId}
                    OR EXISTS (SELECT 1 FROM "JointTrainingGroupMember" m WHERE m."groupId" = c."jointGroupId" AND m."collegeId" = ${collegeId}))))
    ORDER BY c."createdAt", c.id`;
  return rows.map((row) => ({
    ...row,
    nextSession: row.nextSession && { startsAt: new Date(row.nextSession.startsAt) },
  }));
}

/**
 * The courses the person's latest released camp recommends (issue 20 §6), not dismissed: they join
 * the menu's electives with the weak duty as the reason, even when the course targets others. With
 * them the camp (the menu's 不感兴趣 names it) and how many the person set aside (a link to them).
 */
async function campRecommendations(userId: string, db: Db): Promise<{ campId: string | null; active: Array<{ courseId: string; duty: Duty }>; dismissed: number }> {
  const latest = await db.campParticipant.findFirst({
    where: { userId, camp: { status: { in: ["RELEASED", "ARCHIVED"] }, releasedAt: { not: null } } },
    orderBy: [{ camp: { releasedAt: "desc" } }, { campId: "asc" }],
    select: { campId: true },
  });
  if (!latest) return { campId: null, active: [], dismissed: 0 };
  const rows = await db.campRecommendation.findMany({
    where: { userId, campId: latest.campId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { courseId: true, duty: true, dismissedAt: true },
  });
  return {
    campId: latest.campId,
    active: rows.filter((r) => r.dismissedAt === null).map((r) => ({ courseId: r.courseId, duty: r.duty })),
    dismissed: rows.filter((r) => r.dismissedAt !== null).length,
  };
}

/**
 * 我的培训菜单 (authorise "training:view-menu", for oneself): the plan's required items with their
 * status, the catalogue's required courses for the person's stage and groups this year, then
 * electives ranked for them with a one-line reason, then progress against the plan.
 */
export async function menuFor(userId: string, options: { now?: Date; allRequired?: boolean } = {}, db: Db = prisma) {
  const now = options.now ?? new Date();
  const [{ progress, attended, enrolments, studioDuties }, camp] = await Promise.all([readStanding(userId, now, db), campRecommendations(userId, db)]);
  const recommendations = camp.active;
  const { stage, year } = progress;
  const { groups, collegeId } = progress.person;
  const recommendedDuty = new Map(recommendations.map((r) => [r.courseId, r.duty]));
  const courses = await menuCourses({ stage, groups, collegeId, year, now, recommended: [...recommendedDuty.keys()] }, db);
  const enrolmentOf = new Map<string, TrainingEnrolmentStatus>(enrolments.map((e) => [e.courseId, e.status]));
  const attendedCourses = new Set(attended.map((a) => a.courseId));
  const coveredThisYear = new Set(attended.filter((a) => trainingYear(a.startsAt) === year).flatMap((a) => a.duties));
  const studioDutySet = new Set(studioDuties);
  const specialties = new Set(progress.person.specialties);

  const statusOf = (courseId: string) => (attendedCourses.has(courseId) ? "ATTENDED" : (enrolmentOf.get(courseId) ?? "NOT_ENROLLED"));
  // Only what the page shows: the menu is sent with every view.
  const view = (c: (typeof courses)[number]) => ({
    id: c.id,
    title: c.title,
    level: c.level,
    hours: c.hours,
    platform: c.platform,
    nextSession: c.nextSession,
    status: statusOf(c.id),
  });

  const mine = courses.map((c) => ({ course: c, applicable: c.targets.filter((t) => targets(t, stage, groups)) }));
  const required = mine.filter(({ course, applicable }) => course.year === year && applicable.some((t) => t.kind === "REQUIRED")).map(({ course }) => course);
  const requiredIds = new Set(required.map((c) => c.id));
  // What is still to do comes first, the next session soonest; what is done is only named (a year can hold many).
  const requiredCourses = required
    .filter((c) => !attendedCourses.has(c.id))
    .map(view)
    .sort((a, b) => (a.nextSession?.startsAt.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.nextSession?.startsAt.getTime() ?? Number.MAX_SAFE_INTEGER));
  const requiredDone = required.filter((c) => attendedCourses.has(c.id)).map((c) => ({ id: c.id, title: c.title }));

  const electives = mine
    .filter(
      ({ course, applicable }) =>
        !requiredIds.has(course.id) && (course.targets.length === 0 || applicable.some((t) => t.kind === "ELECTIVE") || recommendedDuty.has(course.id)),
    )
    .filter(({ course }) => course.nextSession !== null && !attendedCourses.has(course.id))
    .map(({ course, applicable }) => {
      const specialty = course.duties.find((d) => specialties.has(d)) ?? null;
      const studio = course.duties.find((d) => studioDutySet.has(d)) ?? null;
      const uncovered = course.duties.find((d) => !coveredThisYear.has(d)) ?? null;
      const forStage = applicable.some((t) => t.stage !== null);
      const forGroup = applicable.some((t) => t.group !== null);
      const campWeak = recommendedDuty.get(course.id) ?? null;
      // A course the camp recommended for a weak duty ranks above a specialty (decision 080).
      const score = (campWeak ? 4 : 0) + (specialty ? 3 : 0) + (studio ? 2 : 0) + (uncovered ? 1 : 0) + (forStage || forGroup ? 1 : 0);
      const reason: ElectiveReason = campWeak
        ? { key: "training.reasons.campWeakDuty", duty: campWeak }
        : specialty
        ? { key: "training.reasons.specialty", duty: specialty }
        : studio
          ? { key: "training.reasons.studioDirection", duty: studio }
          : uncovered
            ? { key: "training.reasons.uncoveredDuty", duty: uncovered }
            : forStage
              ? { key: "training.reasons.forStage", duty: null }
              : forGroup
                ? { key: "training.reasons.forGroup", duty: null }
                : { key: "training.reasons.forEveryone", duty: null };
      // The camp's recommendation can be set aside from the menu (不感兴趣): the form names the camp.
      return { ...view(course), score, reason, recommendedBy: campWeak && camp.campId ? { campId: camp.campId } : null };
    })
    .sort((a, b) => b.score - a.score || (a.nextSession?.startsAt.getTime() ?? 0) - (b.nextSession?.startsAt.getTime() ?? 0) || a.id.localeCompare(b.id))
    .slice(0, MENU_ELECTIVES);

  const empty = required.length === 0 && electives.length === 0 && progress.requiredItems.length === 0;
  // An empty menu says why, so the page can say what to do: no plan for the stage yet, or nothing published for them.
  const emptyReason = !empty ? null : progress.plan ? ("nothingPublished" as const) : ("noPlan" as const);
  return {
    ...progress,
    plan: progress.plan && { name: progress.plan.name, phaseGoal: progress.plan.phaseGoal },
    requiredCourses: options.allRequired ? requiredCourses : requiredCourses.slice(0, MENU_REQUIRED_SHOWN),
    requiredToDo: requiredCourses.length,
    requiredDone,
    electives,
    campRecommendations: camp.campId ? { campId: camp.campId, dismissed: camp.dismissed } : null,
    empty,
    emptyReason,
  };
}
export type Menu = Awaited<ReturnType<typeof menuFor>>;

/** Stage, plan hours and compliance for many people at once (lists, a studio's team). */
async function assess(rows: PersonRow[], now: Date, db: Db) {
  const year = trainingYear(now);
  const [{ stageThresholds }, settings, plans, summaries] = await Promise.all([
    getSchoolSettings(),
    getTrainingSettings(db),
    listPlans(db),
    hoursSummaries(rows.map((r) => r.id), year, db),
  ]);
  const planHours = new Map(plans.map((p) => [p.stage, p.yearlyHours]));
  return rows.map((row) => {
    const career = deriveCareerStage(personOf(row), now, stageThresholds);
    const compliance = complianceOf({ stage: career.stage, yearsOfService: career.yearsOfService }, summaries.get(row.id)!, planHours.get(career.stage) ?? 0, settings, year);
    return { id: row.id, name: row.name, college: row.college?.name ?? null, stage: career.stage, compliance };
  });
}

/**
 * Who is short of the national rules or their plan this year, and by how much (authorise
 * "training:view-scope" on the scope): every counselor of the school or one college.
 */
export async function shortfallList(scope: SchoolScope, now = new Date(), options: { onlyShort?: boolean } = {}, db: Db = prisma) {
  const rows = await db.user.findMany({
    where: { AND: [whoMay("training:view-menu"), { active: true }, scope.kind === "college" ? { collegeId: scope.collegeId } : {}] },
    orderBy: [{ nameSortKey: "asc" }, { username: "asc" }],
    select: personSelect,
  });
  const assessed = await assess(rows, now, db);
  const short = assessed.filter((p) => p.compliance.isShort);
  const totalShort = (p: (typeof assessed)[number]) => p.compliance.plan.short + p.compliance.schoolLevel.short + p.compliance.induction.short;
  return {
    year: trainingYear(now),
    people: assessed.length,
    shortCount: short.length,
    rows: (options.onlyShort === false ? assessed : short).sort((a, b) => totalShort(b) - totalShort(a) || Number(b.compliance.nationalOrProvincial.short) - Number(a.compliance.nationalOrProvincial.short)),
  };
}

/** A studio's members and where each stands (the leader's view; authorise "training:view-progress" on each, which a leader has). */
export async function teamProgress(studioId: string, now = new Date(), db: Db = prisma) {
  const rows = await db.user.findMany({
    where: { memberships: { some: { studioId } } },
    orderBy: [{ nameSortKey: "asc" }, { username: "asc" }],
    select: personSelect,
  });
  return assess(rows, now, db);
}
