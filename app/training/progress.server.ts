import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Duty, ProfessionalTitle, TargetGroup, TrainingEnrolmentStatus } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { deriveCareerStage, type CareerStage } from "~/people/career-stage.ts";
import { whoMay, type SchoolScope } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { hoursSummaries, trainingYear, type HoursSummary } from "./ledger.server.ts";
import { listPlans, planForStage, type Plan } from "./plans.server.ts";
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

async function loadPerson(userId: string, db: Db) {
  const row = await db.user.findUnique({ where: { id: userId }, select: personSelect });
  if (!row) throw new Response("Not Found", { status: 404 });
  return { row, person: personOf(row) };
}

async function stageOf(person: Person, now: Date) {
  const { stageThresholds } = await getSchoolSettings();
  return deriveCareerStage(person, now, stageThresholds);
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

/** The plan's required items and how far the person is with each (this year, or ever for once-only items). */
async function requiredItemsStatus(userId: string, plan: Plan | null, year: number, db: Db): Promise<RequiredItemStatus[]> {
  if (!plan?.items.length) return [];
  const [thisYear, ever, attendedCourses] = await Promise.all([
    db.trainingHoursEntry.groupBy({ by: ["platformId"], where: { userId, year }, _sum: { hours: true } }),
    db.trainingHoursEntry.groupBy({ by: ["platformId"], where: { userId }, _sum: { hours: true } }),
    db.trainingAttendance.findMany({
      where: { userId, session: { courseId: { in: plan.items.flatMap((i) => (i.courseId ? [i.courseId] : [])) } } },
      select: { session: { select: { courseId: true, startsAt: true, hours: true } } },
    }),
  ]);
  const sums = (rows: typeof thisYear) => new Map(rows.map((r) => [r.platformId, Number(r._sum.hours ?? 0)]));
  const [yearSums, everSums] = [sums(thisYear), sums(ever)];
  return plan.items.map((item) => {
    let hours: number;
    if (item.platformId) {
      hours = (item.perYear ? yearSums : everSums).get(item.platformId) ?? 0;
    } else {
      hours = attendedCourses
        .filter((a) => a.session.courseId === item.courseId && (!item.perYear || trainingYear(a.session.startsAt) === year))
        .reduce((sum, a) => sum + Number(a.session.hours), 0);
    }
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

/** Who someone is for the training programme: their record, their career stage today and the training year. */
async function standingOf(userId: string, now: Date, db: Db) {
  const { row, person } = await loadPerson(userId, db);
  const career = await stageOf(person, now);
  return { row, person, career, year: trainingYear(now) };
}
type Standing = Awaited<ReturnType<typeof standingOf>>;

async function progressFrom({ row, person, career, year }: Standing, db: Db) {
  // The required items wait only for the plan, not for the settings and the year's sums.
  const planRead = planForStage(career.stage, db);
  const [plan, settings, summaries, items] = await Promise.all([
    planRead,
    getTrainingSettings(db),
    hoursSummaries([row.id], year, db),
    planRead.then((plan) => requiredItemsStatus(row.id, plan, year, db)),
  ]);
  const summary = summaries.get(row.id)!;
  return {
    person: { id: row.id, name: row.name, college: row.college?.name ?? null, specialties: person.specialties, groups: person.groups },
    stage: career.stage,
    nextStage: career.next,
    year,
    plan,
    requiredItems: items,
    hours: round1(summary.hours),
    compliance: complianceOf({ stage: career.stage, yearsOfService: career.yearsOfService }, summary, plan?.yearlyHours ?? 0, settings, year),
  };
}

/** Someone's plan and progress this year (authorise "training:view-progress" on them): the menu's top and a studio leader's view. */
export async function progressOf(userId: string, now = new Date(), db: Db = prisma) {
  return progressFrom(await standingOf(userId, now, db), db);
}

export interface ElectiveReason {
  key: MessageKey;
  duty: Duty | null;
}

const MENU_ELECTIVES = 12;

/**
 * 我的培训菜单 (authorise "training:view-menu", for oneself): the plan's required items with their
 * status, the catalogue's required courses for the person's stage and groups this year, then
 * electives ranked for them with a one-line reason, then progress against the plan.
 */
export async function menuFor(userId: string, now = new Date(), db: Db = prisma) {
  const standing = await standingOf(userId, now, db);
  const { stage } = standing.career;
  const { year } = standing;
  const groups = standing.person.groups;
  // Progress and the catalogue's side are read at once: the menu is a counselor's most visited page.
  const [progress, [courses, enrolments, attended, studioDuties]] = await Promise.all([
    progressFrom(standing, db),
    Promise.all([
      db.trainingCourse.findMany({
        // Only courses for everyone or with a target that applies to this person (the others never
        // show), and only their next session: the menu stays cheap with a whole school's catalogue.
        where: {
          status: "PUBLISHED",
          AND: [
            { OR: [{ year }, { sessions: { some: { startsAt: { gte: now } } } }] },
            { OR: [{ targets: { none: {} } }, { targets: { some: { AND: [{ OR: [{ stage: null }, { stage }] }, { OR: [{ group: null }, { group: { in: groups } }] }] } } }] },
          ],
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          title: true,
          level: true,
          year: true,
          hours: true,
          duties: true,
          capacity: true,
          enrolOpensAt: true,
          enrolClosesAt: true,
          speaker: true,
          speakerKind: true,
          platform: { select: { code: true, nameZh: true, nameEn: true } },
          targets: { select: { stage: true, group: true, kind: true } },
          sessions: { where: { endsAt: { gte: now } }, orderBy: { startsAt: "asc" }, take: 1, select: { id: true, startsAt: true, endsAt: true, place: true } },
        },
      }),
      db.trainingEnrolment.findMany({ where: { userId, status: { in: ["ENROLLED", "WAITLISTED"] } }, select: { courseId: true, status: true } }),
      db.trainingAttendance.findMany({ where: { userId }, select: { session: { select: { courseId: true, startsAt: true, course: { select: { duties: true } } } } } }),
      db.studio.findMany({ where: { archivedAt: null, memberships: { some: { userId } } }, select: { duty: true }, orderBy: { id: "asc" } }),
    ]),
  ]);
  const enrolmentOf = new Map<string, TrainingEnrolmentStatus>(enrolments.map((e) => [e.courseId, e.status]));
  const attendedCourses = new Set(attended.map((a) => a.session.courseId));
  const coveredThisYear = new Set(attended.filter((a) => trainingYear(a.session.startsAt) === year).flatMap((a) => a.session.course.duties));
  const studioDutySet = new Set(studioDuties.map((s) => s.duty));
  const specialties = new Set(progress.person.specialties);

  const statusOf = (courseId: string) => (attendedCourses.has(courseId) ? "ATTENDED" : (enrolmentOf.get(courseId) ?? "NOT_ENROLLED"));
  const view = (c: (typeof courses)[number]) => ({
    id: c.id,
    title: c.title,
    level: c.level,
    hours: Number(c.hours),
    duties: c.duties,
    platform: c.platform,
    speaker: c.speaker,
    speakerKind: c.speakerKind,
    nextSession: c.sessions[0] ?? null,
    enrolOpen: (!c.enrolOpensAt || c.enrolOpensAt <= now) && (!c.enrolClosesAt || c.enrolClosesAt >= now),
    status: statusOf(c.id),
  });

  const mine = courses.map((c) => ({ course: c, applicable: c.targets.filter((t) => targets(t, stage, groups)) }));
  const requiredCourses = mine.filter(({ course, applicable }) => course.year === year && applicable.some((t) => t.kind === "REQUIRED")).map(({ course }) => view(course));
  const requiredIds = new Set(requiredCourses.map((c) => c.id));

  const electives = mine
    .filter(({ course, applicable }) => !requiredIds.has(course.id) && (course.targets.length === 0 || applicable.some((t) => t.kind === "ELECTIVE")))
    .filter(({ course }) => course.sessions.length > 0 && !attendedCourses.has(course.id))
    .map(({ course, applicable }) => {
      const specialty = course.duties.find((d) => specialties.has(d)) ?? null;
      const studio = course.duties.find((d) => studioDutySet.has(d)) ?? null;
      const uncovered = course.duties.find((d) => !coveredThisYear.has(d)) ?? null;
      const forStage = applicable.some((t) => t.stage !== null);
      const forGroup = applicable.some((t) => t.group !== null);
      const score = (specialty ? 3 : 0) + (studio ? 2 : 0) + (uncovered ? 1 : 0) + (forStage || forGroup ? 1 : 0);
      const reason: ElectiveReason = specialty
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
      return { ...view(course), score, reason };
    })
    .sort((a, b) => b.score - a.score || (a.nextSession?.startsAt.getTime() ?? 0) - (b.nextSession?.startsAt.getTime() ?? 0) || a.id.localeCompare(b.id))
    .slice(0, MENU_ELECTIVES);

  const empty = requiredCourses.length === 0 && electives.length === 0 && progress.requiredItems.length === 0;
  // An empty menu says why, so the page can say what to do: no plan for the stage yet, or nothing published for them.
  const emptyReason = !empty ? null : progress.plan ? ("nothingPublished" as const) : ("noPlan" as const);
  return { ...progress, requiredCourses, electives, empty, emptyReason };
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
