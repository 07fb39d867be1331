import { z } from "zod";

export const SSO_PROTOCOLS = ["off", "cas", "oidc"] as const;
export const LOCAL_LOGIN = ["everyone", "admin-only"] as const;

const address = z
  .string()
  .trim()
  .max(300, "validation.tooLong")
  .refine((value) => value === "" || /^https?:\/\/[^\s]+$/.test(value), "sso.urlInvalid")
  .default("");
const name = (fallback: string) => z.string().trim().max(100, "validation.tooLong").default(fallback);

/** The campus sign-on card of the admin settings page (decision 123). A blank client secret keeps the saved one. */
export const ssoFormSchema = z.object({
  intent: z.literal("saveSso"),
  protocol: z.enum(SSO_PROTOCOLS).default("off"),
  casUrl: address,
  casIdAttribute: name("user"),
  oidcIssuer: address,
  oidcClientId: z.string().trim().max(200, "validation.tooLong").default(""),
  oidcClientSecret: z.string().max(500, "validation.tooLong").default(""),
  oidcIdClaim: name("preferred_username"),
  oidcScopes: z.string().trim().max(200, "validation.tooLong").default("openid profile"),
  localLogin: z.enum(LOCAL_LOGIN).default("everyone"),
});
