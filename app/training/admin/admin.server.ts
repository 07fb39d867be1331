import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { budgetOverview, listCollegeLevels, listJointGroups, type Organiser } from "../organisers.server.ts";
import { listPlans, updatePlatform } from "../plans.server.ts";
import { readTrainingSettings } from "../settings.server.ts";

/**
 * What the training settings pages of 学工部 read (issue 18 points 1 and 7), built on the services
 * of plans.server.ts, organisers.server.ts and settings.server.ts. Routes authorise
 * "training:administer" first.
 */

/** The landing page: the four plans, the national rules and the platforms with how many courses use each. */
export async function settingsPageData(db: Db = prisma) {
  const [plans, settings, platforms] = await Promise.all([
    listPlans(db),
    readTrainingSettings(db),
    db.trainingPlatform.findMany({
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { id: true, code: true, nameZh: true, nameEn: true, external: true, nationalOrProvincial: true, induction: true, builtIn: true, _count: { select: { courses: true } } },
    }),
  ]);
  return {
    plans,
    settings,
    platforms: platforms.map(({ _count, ...p }) => ({ ...p, courses: _count.courses })),
  };
}

/** A platform's two names; its code, kind and order stay (updatePlatform takes them all). */
export async function renamePlatform(platformId: string, names: { nameZh: string; nameEn: string }, actorId: string): Promise<void> {
  const platform = await prisma.trainingPlatform.findUnique({
    where: { id: platformId },
    select: { code: true, external: true, nationalOrProvincial: true, induction: true, sortOrder: true },
  });
  if (!platform) throw notFound();
  await updatePlatform(platformId, { ...platform, ...names }, actorId);
}

/** The two-levels page: every college with its live count, and the joint groups. */
export async function collegesPageData(db: Db = prisma) {
  const [colleges, groups, settings] = await Promise.all([listCollegeLevels(db), listJointGroups(db), readTrainingSettings(db)]);
  return { colleges, groups, min: settings.collegeLevelMinCounselors };
}

/** The organiser a budget row belongs to, refused when the college or group does not exist. */
export async function organiserOfBudgetKey(ownerKey: string, db: Db = prisma): Promise<{ organiser: Organiser; name: string | null }> {
  if (ownerKey === "school") return { organiser: { level: "SCHOOL" }, name: null };
  const [kind, id = ""] = ownerKey.split(/:(.*)/s);
  if (kind === "college") {
    const college = await db.college.findUnique({ where: { id }, select: { name: true } });
    if (college) return { organiser: { level: "COLLEGE", collegeId: id }, name: college.name };
  }
  if (kind === "group") {
    const group = await db.jointTrainingGroup.findUnique({ where: { id }, select: { name: true } });
    if (group) return { organiser: { level: "COLLEGE", jointGroupId: id }, name: group.name };
  }
  throw new UserError("training.admin.errors.unknownOwner", {}, { status: 400 });
}

/**
 * One year's budget against spending for the school, every college and every joint group (those
 * with neither yet show as not set), from budgetOverview.
 */
export async function budgetsPageData(year: number, db: Db = prisma) {
  const [overview, colleges, groups] = await Promise.all([
    budgetOverview(year, db),
    db.college.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true } }),
    db.jointTrainingGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const byKey = new Map(overview.map((row) => [row.ownerKey, row]));
  const owners = [
    { ownerKey: "school", kind: "school" as const, name: null },
    ...colleges.map((c) => ({ ownerKey: `college:${c.id}`, kind: "college" as const, name: c.name })),
    ...groups.map((g) => ({ ownerKey: `group:${g.id}`, kind: "group" as const, name: g.name })),
  ];
  return owners.map((owner) => {
    const row = byKey.get(owner.ownerKey);
    return { ...owner, budget: row?.budget ?? null, spent: row?.spent ?? 0 };
  });
}

const notFound = () => new Response("Not Found", { status: 404 });

/** The rows the settings intents act on, by id from the form: their names for the confirmations and notices (404 when gone). */
export async function platformById(platformId: string) {
  return (await prisma.trainingPlatform.findUnique({ where: { id: platformId }, select: { id: true, nameZh: true, nameEn: true } })) ?? Promise.reject(notFound());
}
export async function collegeById(collegeId: string) {
  return (await prisma.college.findUnique({ where: { id: collegeId }, select: { id: true, name: true } })) ?? Promise.reject(notFound());
}
export async function jointGroupById(groupId: string) {
  return (await prisma.jointTrainingGroup.findUnique({ where: { id: groupId }, select: { id: true, name: true } })) ?? Promise.reject(notFound());
}
