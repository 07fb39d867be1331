import { z } from "zod";
import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { originSettings } from "~/infra/origin.server.ts";
import { LOCAL_LOGIN, SSO_PROTOCOLS } from "./schemas.ts";

/**
 * Campus sign-on (统一身份认证, decisions 123–126): which protocol, where the identity provider is,
 * which attribute or claim carries the 工号, and whether local passwords still sign in everyone.
 * Stored as one Setting row ("sso") edited on the admin settings page; an environment variable
 * set for a field wins over the stored value, and the page shows that field as set by the
 * environment.
 */

export const ssoSettingsSchema = z.object({
  protocol: z.enum(SSO_PROTOCOLS).default("off"),
  /** The CAS server's base, e.g. https://cas.example.edu.cn/cas (…/login, …/p3/serviceValidate). */
  casUrl: z.string().default(""),
  /** `user` (the CAS principal) or the name of a released attribute, e.g. employeeNumber. */
  casIdAttribute: z.string().default("user"),
  /** The OpenID provider's issuer; its discovery document is read from there. */
  oidcIssuer: z.string().default(""),
  oidcClientId: z.string().default(""),
  /** Empty: a public client (PKCE only). */
  oidcClientSecret: z.string().default(""),
  oidcIdClaim: z.string().default("preferred_username"),
  oidcScopes: z.string().default("openid profile"),
  /** "admin-only": passwords sign in only the admin (through /login?admin=1). */
  localLogin: z.enum(LOCAL_LOGIN).default("everyone"),
});

export type SsoSettings = z.infer<typeof ssoSettingsSchema>;
export type SsoField = keyof SsoSettings;

/** The environment variable of each field. */
export const SSO_ENV: Record<SsoField, string> = {
  protocol: "FUDAO_SSO",
  casUrl: "FUDAO_CAS_URL",
  casIdAttribute: "FUDAO_CAS_ID_ATTRIBUTE",
  oidcIssuer: "FUDAO_OIDC_ISSUER",
  oidcClientId: "FUDAO_OIDC_CLIENT_ID",
  oidcClientSecret: "FUDAO_OIDC_CLIENT_SECRET",
  oidcIdClaim: "FUDAO_OIDC_ID_CLAIM",
  oidcScopes: "FUDAO_OIDC_SCOPES",
  localLogin: "FUDAO_LOCAL_LOGIN",
};

const SETTINGS_KEY = "sso";

export interface EffectiveSsoSettings {
  settings: SsoSettings;
  /** Fields an environment variable sets (the page shows them read-only). */
  fromEnv: SsoField[];
}

/** Stored settings with the environment laid over them. A stored value that no longer parses falls back to defaults. */
export async function readSsoSettings(env: Record<string, string | undefined> = process.env): Promise<EffectiveSsoSettings> {
  const row = await prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
  const stored = ssoSettingsSchema.safeParse(row?.value ?? {});
  const base = stored.success ? stored.data : ssoSettingsSchema.parse({});
  const fromEnv = (Object.keys(SSO_ENV) as SsoField[]).filter((field) => env[SSO_ENV[field]]?.trim());
  const overlay = Object.fromEntries(fromEnv.map((field) => [field, env[SSO_ENV[field]]!.trim()]));
  const merged = ssoSettingsSchema.safeParse({ ...base, ...overlay });
  if (!merged.success) {
    const bad = merged.error.issues.map((issue) => SSO_ENV[issue.path[0] as SsoField]).join("、");
    throw new Error(`统一身份认证的环境变量取值无效：${bad}`);
  }
  return { settings: merged.data, fromEnv };
}

/** Saves the fields the page sends (a blank client secret keeps the stored one), with an audit entry that names no secret. */
export async function updateSsoSettings(patch: Partial<SsoSettings>, actorId: string): Promise<void> {
  const row = await prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
  const current = ssoSettingsSchema.safeParse(row?.value ?? {});
  const { oidcClientSecret, ...rest } = patch;
  const next = ssoSettingsSchema.parse({
    ...(current.success ? current.data : {}),
    ...rest,
    ...(oidcClientSecret ? { oidcClientSecret } : {}),
  });
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: SETTINGS_KEY },
      create: { key: SETTINGS_KEY, value: next, updatedById: actorId },
      update: { value: next, updatedById: actorId },
    });
    await recordAudit(tx, { actorId, action: "settings.sso-update", entityType: "Setting", entityId: SETTINGS_KEY, data: { ...rest, oidcClientSecretChanged: Boolean(oidcClientSecret) } });
  });
}

/** This app's origin as the identity provider must see it: PUBLIC_URL when set, else the request's. */
export function appOrigin(request: Request): string {
  const publicUrl = originSettings().publicUrl;
  return publicUrl ? new URL(publicUrl).origin : new URL(request.url).origin;
}

export const CAS_CALLBACK_PATH = "/auth/cas/callback";
export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
/** Where the identity provider sends the browser back after its logout. */
export const AFTER_LOGOUT_PATH = "/login";

/** The campus sign-on in use, or null when it is off or not fully configured. */
export function activeProtocol(settings: SsoSettings): "cas" | "oidc" | null {
  if (settings.protocol === "cas" && settings.casUrl) return "cas";
  if (settings.protocol === "oidc" && settings.oidcIssuer && settings.oidcClientId) return "oidc";
  return null;
}

/** What the settings page shows: the values (never the secret), which the environment sets, and the addresses to register. */
export async function ssoSettingsPage(request: Request) {
  const { settings, fromEnv } = await readSsoSettings();
  const { oidcClientSecret, ...values } = settings;
  const origin = appOrigin(request);
  return {
    values: { ...values, oidcClientSecret: "" },
    secretSaved: Boolean(oidcClientSecret),
    fromEnv: Object.fromEntries(fromEnv.map((field) => [field, SSO_ENV[field]])) as Partial<Record<SsoField, string>>,
    addresses: [`${origin}${CAS_CALLBACK_PATH}`, `${origin}${OIDC_CALLBACK_PATH}`, `${origin}${AFTER_LOGOUT_PATH}`],
  };
}
