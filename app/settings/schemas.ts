import { z } from "zod";
import { MAX_EXTRA_FORBIDDEN, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "~/auth/password-policy.ts";
import { DOCUMENT_MAX_CHARS } from "~/documents/body-limit.ts";
import { ProfessionalTitle } from "~/generated/prisma/enums.ts";

/** The school's own forbidden passwords: one a line, blank lines and repeats dropped. */
const forbiddenList = z
  .string()
  .max(40_000, "settings.extraForbiddenTooMany")
  .default("")
  .transform((text) => [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(MAX_PASSWORD_LENGTH, "settings.extraForbiddenTooLong")).max(MAX_EXTRA_FORBIDDEN, "settings.extraForbiddenTooMany"));

const whole = (min: number, max: number, message: string) => z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

/** The school settings form; the stored settings are checked again by schoolSettingsSchema. */
export const settingsFormSchema = z
  .object({
    intent: z.literal("save"),
    schoolName: z.string({ error: "settings.nameRequired" }).trim().min(1, "settings.nameRequired").max(60, "validation.tooLong"),
    growingAfterYears: whole(1, 10, "settings.growingRange"),
    experiencedAfterYears: whole(2, 20, "settings.experiencedRange"),
    expertTitles: z
      .array(z.enum(Object.values(ProfessionalTitle) as [ProfessionalTitle, ...ProfessionalTitle[]]), { error: "settings.titlesRequired" })
      .min(1, "settings.titlesRequired"),
    leaderMinYears: whole(0, 40, "settings.yearsRange"),
    leaderSeniorTitle: z.enum(["yes", "no"]).default("yes"),
    leaderMinHonours: whole(0, 10, "settings.honoursRange"),
    backboneMinYears: whole(0, 40, "settings.yearsRange"),
    maxStudiosPerPerson: whole(1, 10, "settings.studiosRange"),
    passwordMinLength: whole(MIN_PASSWORD_LENGTH.lowest, MIN_PASSWORD_LENGTH.highest, "settings.passwordMinLengthRange"),
    passwordForbidUsername: z.enum(["yes", "no"]).default("yes"),
    passwordForbidCommon: z.enum(["yes", "no"]).default("yes"),
    passwordExtraForbidden: forbiddenList,
    /** Absent (a form from before the setting): the limit stays as it is. */
    documentMaxChars: whole(DOCUMENT_MAX_CHARS.lowest, DOCUMENT_MAX_CHARS.highest, "settings.documentMaxCharsRange").optional(),
  })
  .refine((v) => v.experiencedAfterYears > v.growingAfterYears, { path: ["experiencedAfterYears"], message: "settings.thresholdsOrder" });
