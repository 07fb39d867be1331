import { z } from "zod";

/** Messages are translation keys; the server sends back the translated text. */
export const loginSchema = z.object({
  intent: z.literal("signIn"),
  username: z
    .string({ error: "validation.usernameRequired" })
    .trim()
    .min(1, "validation.usernameRequired")
    .max(64, "validation.tooLong"),
  password: z.string({ error: "validation.passwordRequired" }).min(1, "validation.passwordRequired").max(256, "validation.tooLong"),
  redirectTo: z.string().optional(),
});
