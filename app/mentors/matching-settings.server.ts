import { z } from "zod";
import type { Db, Prisma } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import { memoizeForRequest } from "~/lib/request-scope.server.ts";
import { DEFAULT_WEIGHTS, MAX_WEIGHT } from "./matching/scoring.ts";
import type { MatchSettings } from "./matching/types.ts";

/**
 * The matching's admin settings (weights of the fit parts, eligibility rules), one JSON row in
 * Setting under "matching", parsed with defaults like the school settings.
 */
const weight = z.number().int().min(0).max(MAX_WEIGHT);
export const matchingSettingsSchema = z.object({
  weights: z
    .object({ duty: weight, keywords: weight, seniority: weight, preference: weight, load: weight })
    .default({ ...DEFAULT_WEIGHTS }),
  requireDutyMatch: z.boolean().default(true),
  excludeLeaderCollege: z.boolean().default(false),
});

export const MATCHING_SETTINGS_KEY = "matching";

export function getMatchingSettings(db: Db = prisma): Promise<MatchSettings> {
  return memoizeForRequest("matchingSettings", () => readMatchingSettings(db));
}

export async function readMatchingSettings(db: Db = prisma): Promise<MatchSettings> {
  const row = await db.setting.findUnique({ where: { key: MATCHING_SETTINGS_KEY } });
  const parsed = matchingSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : matchingSettingsSchema.parse({});
}

export async function updateMatchingSettings(next: MatchSettings, actorId: string): Promise<MatchSettings> {
  const value = matchingSettingsSchema.parse(next);
  await prisma.$transaction(async (tx) => {
    const before = await readMatchingSettings(tx);
    await tx.setting.upsert({
      where: { key: MATCHING_SETTINGS_KEY },
      create: { key: MATCHING_SETTINGS_KEY, value, updatedById: actorId },
      update: { value, updatedById: actorId },
    });
    await recordAudit(tx, { actorId, action: "matching.settings-update", entityType: "Setting", entityId: MATCHING_SETTINGS_KEY, data: { before, after: value } as unknown as Prisma.InputJsonValue });
  });
  return value;
}
