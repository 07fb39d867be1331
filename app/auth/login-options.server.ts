import { prisma } from "~/db/client.server.ts";
import { can } from "~/policy/index.ts";
import { activeProtocol, readSsoSettings } from "./sso/settings.server.ts";

/** The hidden way in for the admin when passwords are switched off for everyone else (decision 126). */
export const ADMIN_LOGIN_PARAM = "admin";

export interface LoginPageOptions {
  /** Where the campus button starts a sign-in, when campus sign-on is on. */
  campusUrl: string | null;
  /** Whether the password form shows. */
  passwordForm: boolean;
  /** /login?admin=1 while passwords are for the admin only. */
  adminPath: boolean;
}

export async function loginPageOptions(request: Request): Promise<LoginPageOptions> {
  const { settings } = await readSsoSettings();
  const protocol = activeProtocol(settings);
  const campusUrl = protocol ? `/auth/${protocol}/login` : null;
  const adminOnly = settings.localLogin === "admin-only";
  const adminPath = adminOnly && new URL(request.url).searchParams.has(ADMIN_LOGIN_PARAM);
  // With no campus sign-on configured there is no other way in: the form stays.
  return { campusUrl: adminPath ? null : campusUrl, passwordForm: !adminOnly || adminPath || !campusUrl, adminPath };
}

/**
 * Whether this person may sign in with a password: everyone, unless the school switched local
 * passwords off for everyone but the admin (who keeps them, so an outage of the campus sign-on
 * never locks the school out).
 */
export async function localLoginAllowed(userId: string): Promise<boolean> {
  const { settings } = await readSsoSettings();
  if (settings.localLogin !== "admin-only") return true;
  const person = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, roles: true, collegeId: true } });
  return can(person, "school:administer", null);
}
