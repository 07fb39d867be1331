import { z } from "zod";
import { recordAudit } from "~/audit/audit.server.ts";
import type { Db, Prisma } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { memoizeForRequest } from "~/lib/request-scope.server.ts";
import { DEFAULT_STEP_SECONDS } from "./check-in-code.ts";

/**
 * The training rules 学工部 may edit, one JSON row in Setting under "training", parsed with
 * defaults like the school settings. The national rules of 《普通高等学校辅导员队伍建设规定》 are the
 * defaults: 40 hours of induction, 16 hours of school-level training a year, one national or
 * provincial training every 5 years; and seed 001's "专职辅导员 6 人及以上的学院可单独设计开展培训".
 */
export const trainingSettingsSchema = z.object({
  inductionHours: z.number().min(0).max(400).default(40),
  schoolLevelHoursPerYear: z.number().min(0).max(400).default(16),
  nationalOrProvincialEveryYears: z.number().int().min(1).max(20).default(5),
  /** Full-time counselors a college needs to organise college-level courses on its own. */
  collegeLevelMinCounselors: z.number().int().min(1).max(200).default(6),
  /** How often the check-in code and QR code rotate. */
  checkInStepSeconds: z.number().int().min(5).max(120).default(DEFAULT_STEP_SECONDS),
});
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

export const TRAINING_SETTINGS_KEY = "training";

export function getTrainingSettings(db: Db = prisma): Promise<TrainingSettings> {
  return memoizeForRequest("trainingSettings", () => readTrainingSettings(db));
}

export async function readTrainingSettings(db: Db = prisma): Promise<TrainingSettings> {
  const row = await db.setting.findUnique({ where: { key: TRAINING_SETTINGS_KEY } });
  const parsed = trainingSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : trainingSettingsSchema.parse({});
}

export async function updateTrainingSettings(patch: Partial<TrainingSettings>, actorId: string): Promise<TrainingSettings> {
  return prisma.$transaction(async (tx) => {
    const before = await readTrainingSettings(tx);
    const value = trainingSettingsSchema.parse({ ...before, ...patch });
    await tx.setting.upsert({
      where: { key: TRAINING_SETTINGS_KEY },
      create: { key: TRAINING_SETTINGS_KEY, value, updatedById: actorId },
      update: { value, updatedById: actorId },
    });
    await recordAudit(tx, { actorId, action: "training.settings-update", entityType: "Setting", entityId: TRAINING_SETTINGS_KEY, data: { before, after: value } as unknown as Prisma.InputJsonValue });
    return value;
  });
}
