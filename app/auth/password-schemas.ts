import { z } from "zod";

/** Messages are translation keys; the school's password rules are checked on the server (passwords.server.ts). */
export const changePasswordSchema = z
  .object({
    intent: z.literal("change"),
    currentPassword: z.string({ error: "account.errors.currentRequired" }).min(1, "account.errors.currentRequired").max(256, "validation.tooLong"),
    newPassword: z.string({ error: "account.errors.newRequired" }).min(1, "account.errors.newRequired").max(256, "validation.tooLong"),
    confirmPassword: z.string({ error: "account.errors.confirmRequired" }).min(1, "account.errors.confirmRequired").max(256, "validation.tooLong"),
    redirectTo: z.string().optional(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "account.errors.mismatch" });

/** A reset by 学工部 or a college admin (people/:id/edit). */
export const resetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  mode: z.enum(["temporary", "require-change"]),
});
