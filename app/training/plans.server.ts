import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CareerStage } from "~/generated/prisma/enums.ts";
import { uniquely } from "~/lib/unique.server.ts";
import { UserError } from "~/lib/user-error.ts";
import type { PlanInput, PlatformInput } from "./schemas.ts";

/**
 * Stage plans and platforms: school settings 学工部 edits (authorise "training:administer"). The
 * migration writes seed 000's four plans and the issue's twelve platforms as defaults.
 */

const planSelect = { id: true, stage: true, name: true, phaseGoal: true, focusAreas: true, yearlyHours: true } as const satisfies Prisma.TrainingPlanSelect;
const itemSelect = {
  id: true,
  planId: true,
  label: true,
  platformId: true,
  courseId: true,
  minHours: true,
  perYear: true,
  platform: { select: { nameZh: true, nameEn: true } },
  course: { select: { title: true } },
} as const satisfies Prisma.TrainingPlanItemSelect;

const STAGE_ORDER: CareerStage[] = ["NOVICE", "GROWING", "EXPERIENCED", "EXPERT"];

/**
 * The four stage plans with their required items. Plans and items are read side by side rather
 * than as one nested read (which Prisma runs as one query per level, one after another): every
 * counselor's menu reads them.
 */
export async function listPlans(db: Db = prisma) {
  const [plans, items] = await Promise.all([
    db.trainingPlan.findMany({ select: planSelect }),
    db.trainingPlanItem.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: itemSelect }),
  ]);
  return plans
    .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage))
    .map((plan) => ({
      ...plan,
      yearlyHours: Number(plan.yearlyHours),
      items: items.filter((i) => i.planId === plan.id).map(({ planId: _planId, ...i }) => ({ ...i, minHours: i.minHours === null ? null : Number(i.minHours) })),
    }));
}
export type Plan = Awaited<ReturnType<typeof listPlans>>[number];

/** Replaces a stage's plan (its required items too) in one transaction. */
export async function updatePlan(stage: CareerStage, input: PlanInput, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const item of input.items) {
      const target = item.platformId
        ? await tx.trainingPlatform.findUnique({ where: { id: item.platformId }, select: { id: true } })
        : await tx.trainingCourse.findUnique({ where: { id: item.courseId ?? "" }, select: { id: true } });
      if (!target) throw new UserError("training.errors.planItemTarget", {}, { status: 400 });
    }
    const plan = await tx.trainingPlan.upsert({
      where: { stage },
      create: { stage, name: input.name, phaseGoal: input.phaseGoal, focusAreas: input.focusAreas, yearlyHours: input.yearlyHours, updatedById: actorId },
      update: { name: input.name, phaseGoal: input.phaseGoal, focusAreas: input.focusAreas, yearlyHours: input.yearlyHours, updatedById: actorId },
      select: { id: true },
    });
    await tx.trainingPlanItem.deleteMany({ where: { planId: plan.id } });
    await tx.trainingPlanItem.createMany({
      data: input.items.map((item, i) => ({
        planId: plan.id,
        label: item.label,
        platformId: item.platformId ?? null,
        courseId: item.courseId ?? null,
        minHours: item.minHours ?? null,
        perYear: item.perYear,
        sortOrder: i + 1,
      })),
    });
    await recordAudit(tx, { actorId, action: "training.plan-update", entityType: "TrainingPlan", entityId: plan.id, data: { stage, name: input.name } });
  });
}

export function listPlatforms(db: Db = prisma) {
  return db.trainingPlatform.findMany({
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, code: true, nameZh: true, nameEn: true, external: true, nationalOrProvincial: true, induction: true, builtIn: true, sortOrder: true },
  });
}

const platformCodeTaken = (code: string) => () => new UserError("training.errors.platformCodeTaken", { code }, { status: 400 });

export async function createPlatform(input: PlatformInput, actorId: string): Promise<string> {
  return uniquely(prisma.$transaction(async (tx) => {
    if (await tx.trainingPlatform.findUnique({ where: { code: input.code }, select: { id: true } })) throw platformCodeTaken(input.code)();
    const platform = await tx.trainingPlatform.create({ data: { ...input, builtIn: false }, select: { id: true } });
    await recordAudit(tx, { actorId, action: "training.platform-create", entityType: "TrainingPlatform", entityId: platform.id, data: { code: input.code } });
    return platform.id;
  }), { code: platformCodeTaken(input.code) });
}

/** Names, order and kind of a platform; a built-in one keeps its code. */
export async function updatePlatform(platformId: string, input: PlatformInput, actorId: string): Promise<void> {
  // A built-in platform keeps its code, so only another's new code can collide here.
  await uniquely(prisma.$transaction(async (tx) => {
    const platform = await tx.trainingPlatform.findUniqueOrThrow({ where: { id: platformId }, select: { code: true, builtIn: true } });
    const code = platform.builtIn ? platform.code : input.code;
    const other = await tx.trainingPlatform.findUnique({ where: { code }, select: { id: true } });
    if (other && other.id !== platformId) throw platformCodeTaken(code)();
    await tx.trainingPlatform.update({ where: { id: platformId }, data: { ...input, code } });
    await recordAudit(tx, { actorId, action: "training.platform-update", entityType: "TrainingPlatform", entityId: platformId, data: { code } });
  }), { code: platformCodeTaken(input.code) });
}

export async function removePlatform(platformId: string, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const platform = await tx.trainingPlatform.findUniqueOrThrow({
      where: { id: platformId },
      select: { builtIn: true, _count: { select: { courses: true, hoursEntries: true, externalRecords: true, planItems: true } } },
    });
    if (platform.builtIn) throw new UserError("training.errors.platformBuiltIn");
    if (Object.values(platform._count).some((n) => n > 0)) throw new UserError("training.errors.platformInUse");
    await tx.trainingPlatform.delete({ where: { id: platformId } });
    await recordAudit(tx, { actorId, action: "training.platform-remove", entityType: "TrainingPlatform", entityId: platformId });
  });
}
