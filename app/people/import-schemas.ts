import { z } from "zod";

export const checkRosterSchema = z.object({
  intent: z.literal("check"),
  file: z
    .instanceof(File, { message: "people.import.errors.fileRequired" })
    .refine((file) => file.size > 0 && file.name !== "", "people.import.errors.fileRequired"),
});

export const confirmRosterSchema = z.object({
  intent: z.literal("confirm"),
  token: z.string().min(1),
  initialPassword: z.string().min(8, "people.errors.passwordTooShort").max(128, "validation.tooLong").optional(),
});
