import { z } from "zod";
import { prisma } from "~/db/client.server.ts";
import { ProfessionalTitle } from "~/generated/prisma/enums.ts";
import { memoizeForRequest } from "~/lib/request-scope.server.ts";
import { DEFAULT_PASSWORD_POLICY, MAX_EXTRA_FORBIDDEN, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "~/auth/password-policy.ts";
import { DEFAULT_STAGE_THRESHOLDS } from "~/people/career-stage.ts";
import { DOCUMENT_MAX_CHARS } from "~/documents/body-limit.ts";

/**
 * School settings are admin-editable rules (stage thresholds, eligibility). Stored as one JSON row
 * per key and parsed with defaults, so adding a setting never needs a data migration.
 */
const titleSchema = z.enum(Object.values(ProfessionalTitle) as [ProfessionalTitle, ...ProfessionalTitle[]]);

export const schoolSettingsSchema = z.object({
  schoolName: z.string().min(1).default("示范大学"),
  stageThresholds: z
    .object({
      growingAfterYears: z.number().int().min(1).max(10),
      experiencedAfterYears: z.number().int().min(2).max(20),
      expertTitles: z.array(titleSchema).min(1),
    })
    .refine((t) => t.experiencedAfterYears > t.growingAfterYears, { message: "settings.thresholdsOrder" })
    .default(DEFAULT_STAGE_THRESHOLDS),
  leaderEligibility: z
    .object({ minYears: z.number().int().min(0).max(40), seniorTitleRequired: z.boolean(), minHonours: z.number().int().min(0).max(10) })
    .default({ minYears: 10, seniorTitleRequired: true, minHonours: 1 }),
  backboneMinYears: z.number().int().min(0).max(40).default(3),
  maxStudiosPerPerson: z.number().int().min(1).max(10).default(2),
  /** Rules for the passwords people choose (decision 009). */
  passwordPolicy: z
    .object({
      minLength: z.number().int().min(MIN_PASSWORD_LENGTH.lowest).max(MIN_PASSWORD_LENGTH.highest),
      forbidUsername: z.boolean(),
      forbidCommon: z.boolean(),
      extraForbidden: z.array(z.string().min(1).max(MAX_PASSWORD_LENGTH)).max(MAX_EXTRA_FORBIDDEN),
    })
    .default(DEFAULT_PASSWORD_POLICY),
  /** The longest document body, in characters of text (decision 097). */
  documentMaxChars: z.number().int().min(DOCUMENT_MAX_CHARS.lowest).max(DOCUMENT_MAX_CHARS.highest).default(DOCUMENT_MAX_CHARS.default),
});

export type SchoolSettings = z.infer<typeof schoolSettingsSchema>;
const SETTINGS_KEY = "school";

export function getSchoolSettings(): Promise<SchoolSettings> {
  return memoizeForRequest("schoolSettings", readSchoolSettings);
}

async function readSchoolSettings(): Promise<SchoolSettings> {
  const row = await prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
  const parsed = schoolSettingsSchema.safeParse(row?.value ?? {});
  // A stored value that no longer validates falls back to defaults rather than breaking every page.
  return parsed.success ? parsed.data : schoolSettingsSchema.parse({});
}

export async function updateSchoolSettings(patch: Partial<SchoolSettings>, actorId: string): Promise<SchoolSettings> {
  const next = schoolSettingsSchema.parse({ ...(await readSchoolSettings()), ...patch });
  await prisma.$transaction([
    prisma.setting.upsert({
      where: { key: SETTINGS_KEY },
      create: { key: SETTINGS_KEY, value: next, updatedById: actorId },
      update: { value: next, updatedById: actorId },
    }),
    prisma.auditLog.create({
      data: { actorId, action: "settings.update", entityType: "Setting", entityId: SETTINGS_KEY, data: patch },
    }),
  ]);
  return next;
}
