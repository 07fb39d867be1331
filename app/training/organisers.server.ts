import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { TrainingLevel } from "~/generated/prisma/enums.ts";
import { uniquely } from "~/lib/unique.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { whoMay } from "~/policy/index.ts";
import type { BudgetInput, JointGroupInput } from "./schemas.ts";
import { readTrainingSettings } from "./settings.server.ts";

/**
 * Two levels (校院两级): the school organises school-level courses; a college with at least six
 * full-time counselors (counted live from the personnel database) organises its own college-level
 * courses; smaller colleges organise together in a joint training group (联合培训组), unless 学工部
 * allows one in writing (CollegeTrainingOverride, audited). Each organiser has a yearly budget
 * (专项经费) that course costs count against.
 */

export interface Organiser {
  level: TrainingLevel;
  collegeId?: string | null;
  jointGroupId?: string | null;
}

/** Full-time counselors of a college: active people the programme counts (whoMay), with fullTime in their profile. */
export function fullTimeCounselorCount(collegeId: string, db: Db = prisma): Promise<number> {
  return db.user.count({ where: { AND: [whoMay("training:view-menu"), { collegeId, active: true, profile: { fullTime: true } }] } });
}

/** Whether a college may organise college-level courses on its own, and why. */
export async function collegeOrganising(collegeId: string, db: Db = prisma) {
  const [count, settings, override, college] = await Promise.all([
    fullTimeCounselorCount(collegeId, db),
    readTrainingSettings(db),
    db.collegeTrainingOverride.findUnique({ where: { collegeId }, select: { reason: true, grantedAt: true } }),
    db.college.findUniqueOrThrow({ where: { id: collegeId }, select: { name: true } }),
  ]);
  const min = settings.collegeLevelMinCounselors;
  return { college: college.name, count, min, override, allowed: count >= min || override !== null };
}

/** Refuses an organiser that does not fit the level, or a college too small to organise alone. */
export async function checkOrganiser(organiser: Organiser, db: Db = prisma): Promise<void> {
  const { level, collegeId, jointGroupId } = organiser;
  if (level === "SCHOOL" ? Boolean(collegeId || jointGroupId) : Boolean(collegeId) === Boolean(jointGroupId)) {
    throw new UserError("training.errors.organiserMismatch", {}, { status: 400 });
  }
  if (level === "COLLEGE" && collegeId) {
    const state = await collegeOrganising(collegeId, db);
    if (!state.allowed) throw new UserError("training.errors.collegeTooSmall", { college: state.college, count: state.count, min: state.min });
  }
  if (jointGroupId && !(await db.jointTrainingGroup.findUnique({ where: { id: jointGroupId }, select: { id: true } }))) {
    throw new UserError("training.errors.organiserMismatch", {}, { status: 400 });
  }
}

/** 学工部 lets a small college organise on its own, with a written reason (audited). */
export async function grantCollegeOverride(collegeId: string, reason: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.collegeTrainingOverride.upsert({
      where: { collegeId },
      create: { collegeId, reason, grantedById: actorId },
      update: { reason, grantedById: actorId, grantedAt: new Date() },
    });
    await recordAudit(tx, { actorId, action: "training.college-override-grant", entityType: "College", entityId: collegeId, data: { reason } });
  });
}

export async function revokeCollegeOverride(collegeId: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.collegeTrainingOverride.deleteMany({ where: { collegeId } });
    if (count) await recordAudit(tx, { actorId, action: "training.college-override-revoke", entityType: "College", entityId: collegeId });
  });
}

/** Every college with its count, whether it may organise alone, its joint group and any override (the admin's page). */
export async function listCollegeLevels(db: Db = prisma) {
  const settings = await readTrainingSettings(db);
  const colleges = await db.college.findMany({
    orderBy: { code: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      jointTrainingGroup: { select: { group: { select: { id: true, name: true } } } },
      trainingOverride: { select: { reason: true, grantedAt: true } },
    },
  });
  const counts = await db.user.groupBy({
    by: ["collegeId"],
    where: { AND: [whoMay("training:view-menu"), { active: true, collegeId: { not: null }, profile: { fullTime: true } }] },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.collegeId, c._count._all]));
  return colleges.map((c) => {
    const count = countOf.get(c.id) ?? 0;
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      fullTimeCounselors: count,
      min: settings.collegeLevelMinCounselors,
      group: c.jointTrainingGroup?.group ?? null,
      override: c.trainingOverride,
      mayOrganiseAlone: count >= settings.collegeLevelMinCounselors || c.trainingOverride !== null,
    };
  });
}

// ───────────────────────────── Joint training groups ─────────────────────────────

async function checkGroupColleges(db: Db, collegeIds: string[], groupId: string | null) {
  const taken = await db.jointTrainingGroupMember.findFirst({
    where: { collegeId: { in: collegeIds }, ...(groupId ? { groupId: { not: groupId } } : {}) },
    select: { college: { select: { name: true } }, group: { select: { name: true } } },
  });
  if (taken) throw new UserError("training.errors.collegeInOtherGroup", { college: taken.college.name, group: taken.group.name });
}

const groupNameTaken = (name: string) => () => new UserError("training.errors.groupNameTaken", { name });

export async function createJointGroup(input: JointGroupInput, actorId: string): Promise<string> {
  return uniquely(prisma.$transaction(async (tx) => {
    if (await tx.jointTrainingGroup.findUnique({ where: { name: input.name }, select: { id: true } })) throw groupNameTaken(input.name)();
    const collegeIds = [...new Set(input.collegeIds)];
    await checkGroupColleges(tx, collegeIds, null);
    const group = await tx.jointTrainingGroup.create({ data: { name: input.name, members: { create: collegeIds.map((collegeId) => ({ collegeId })) } } });
    await recordAudit(tx, { actorId, action: "training.joint-group-create", entityType: "JointTrainingGroup", entityId: group.id, data: { name: input.name, collegeIds } });
    return group.id;
  }), { name: groupNameTaken(input.name) });
}

export async function updateJointGroup(groupId: string, input: JointGroupInput, actorId: string): Promise<void> {
  await uniquely(prisma.$transaction(async (tx) => {
    const other = await tx.jointTrainingGroup.findUnique({ where: { name: input.name }, select: { id: true } });
    if (other && other.id !== groupId) throw groupNameTaken(input.name)();
    const collegeIds = [...new Set(input.collegeIds)];
    await checkGroupColleges(tx, collegeIds, groupId);
    await tx.jointTrainingGroup.update({ where: { id: groupId }, data: { name: input.name } });
    await tx.jointTrainingGroupMember.deleteMany({ where: { groupId, collegeId: { notIn: collegeIds } } });
    await tx.jointTrainingGroupMember.createMany({ data: collegeIds.map((collegeId) => ({ groupId, collegeId })), skipDuplicates: true });
    await recordAudit(tx, { actorId, action: "training.joint-group-update", entityType: "JointTrainingGroup", entityId: groupId, data: { name: input.name, collegeIds } });
  }), { name: groupNameTaken(input.name) });
}

export async function dissolveJointGroup(groupId: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (await tx.trainingCourse.count({ where: { jointGroupId: groupId } })) throw new UserError("training.errors.groupHasCourses");
    await tx.jointTrainingGroup.delete({ where: { id: groupId } });
    await recordAudit(tx, { actorId, action: "training.joint-group-dissolve", entityType: "JointTrainingGroup", entityId: groupId });
  });
}

export function listJointGroups(db: Db = prisma) {
  return db.jointTrainingGroup.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, members: { select: { college: { select: { id: true, name: true } } }, orderBy: { college: { code: "asc" } } } },
  });
}

// ───────────────────────────── Budgets (专项经费) ─────────────────────────────

/** The budget row's key of an organiser: "school", "college:<id>" or "group:<id>". */
export function budgetOwnerKey(organiser: Organiser): string {
  if (organiser.level === "SCHOOL") return "school";
  return organiser.collegeId ? `college:${organiser.collegeId}` : `group:${organiser.jointGroupId}`;
}

function organiserWhere(organiser: Organiser) {
  if (organiser.level === "SCHOOL") return { level: "SCHOOL" as const };
  return organiser.collegeId ? { level: "COLLEGE" as const, collegeId: organiser.collegeId } : { level: "COLLEGE" as const, jointGroupId: organiser.jointGroupId ?? "" };
}

export async function setBudget(organiser: Organiser, input: BudgetInput, actorId: string): Promise<void> {
  const ownerKey = budgetOwnerKey(organiser);
  await prisma.$transaction(async (tx) => {
    await tx.trainingBudget.upsert({
      where: { year_ownerKey: { year: input.year, ownerKey } },
      create: { year: input.year, ownerKey, amountYuan: input.amountYuan, updatedById: actorId },
      update: { amountYuan: input.amountYuan, updatedById: actorId },
    });
    await recordAudit(tx, { actorId, action: "training.budget-set", entityType: "TrainingBudget", entityId: `${input.year}:${ownerKey}`, data: { amountYuan: input.amountYuan } });
  });
}

/** The budget of an organiser's year and what its courses (not cancelled) already cost. */
export async function budgetUse(organiser: Organiser, year: number, db: Db = prisma, options: { excludeCourseId?: string } = {}) {
  const [budget, spent] = await Promise.all([
    db.trainingBudget.findUnique({ where: { year_ownerKey: { year, ownerKey: budgetOwnerKey(organiser) } }, select: { amountYuan: true } }),
    db.trainingCourse.aggregate({
      where: { ...organiserWhere(organiser), year, status: { not: "CANCELLED" }, ...(options.excludeCourseId ? { id: { not: options.excludeCourseId } } : {}) },
      _sum: { costYuan: true },
    }),
  ]);
  return { budget: budget ? Number(budget.amountYuan) : null, spent: Number(spent._sum.costYuan ?? 0) };
}

/**
 * Refuses a cost that would take the organiser over its year's budget (decision 055: refuse, not
 * warn — the money is 专项经费, and the page says how much is left). A course without cost never
 * needs a budget. The budget row is locked, so two courses saved at once cannot both take the
 * last of it.
 */
export async function checkBudget(tx: Db, organiser: Organiser, year: number, costYuan: number, excludeCourseId?: string): Promise<void> {
  if (costYuan <= 0) return;
  const ownerKey = budgetOwnerKey(organiser);
  await tx.$executeRaw`SELECT 1 FROM "TrainingBudget" WHERE "year" = ${year} AND "ownerKey" = ${ownerKey} FOR UPDATE`;
  const { budget, spent } = await budgetUse(organiser, year, tx, { excludeCourseId });
  if (budget === null) throw new UserError("training.errors.noBudget", { year });
  if (spent + costYuan > budget + 1e-6) throw new UserError("training.errors.overBudget", { year, budget, spent, cost: costYuan });
}

/** Budget against spending for one year, per organiser that has either (dashboards). */
export async function budgetOverview(year: number, db: Db = prisma) {
  const [budgets, spending] = await Promise.all([
    db.trainingBudget.findMany({ where: { year }, select: { ownerKey: true, amountYuan: true } }),
    db.trainingCourse.groupBy({ by: ["level", "collegeId", "jointGroupId"], where: { year, status: { not: "CANCELLED" } }, _sum: { costYuan: true } }),
  ]);
  const rows = new Map<string, { ownerKey: string; budget: number | null; spent: number }>();
  for (const b of budgets) rows.set(b.ownerKey, { ownerKey: b.ownerKey, budget: Number(b.amountYuan), spent: 0 });
  for (const s of spending) {
    const key = budgetOwnerKey(s);
    const row = rows.get(key) ?? { ownerKey: key, budget: null, spent: 0 };
    row.spent += Number(s._sum.costYuan ?? 0);
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.ownerKey.localeCompare(b.ownerKey));
}
