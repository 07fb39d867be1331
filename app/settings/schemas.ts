import { z } from "zod";
import { ProfessionalTitle } from "~/generated/prisma/enums.ts";

const whole = (min: number, max: number, message: string) => z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

/** The school settings form; the stored settings are checked again by schoolSettingsSchema. */
export const settingsFormSchema = z
  .object({
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
  })
  .refine((v) => v.experiencedAfterYears > v.growingAfterYears, { path: ["experiencedAfterYears"], message: "settings.thresholdsOrder" });
