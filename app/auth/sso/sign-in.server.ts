import crypto from "node:crypto";
import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { sessionIdFromCookieHeader, startSession } from "~/auth/session.server.ts";
import { casLogoutUrl } from "./cas.server.ts";
import { oidcLogoutUrl } from "./oidc.server.ts";
import { AFTER_LOGOUT_PATH, appOrigin, type SsoSettings } from "./settings.server.ts";

export type SsoProtocol = "cas" | "oidc";

/** Tickets and codes are kept as their SHA-256 only. */
export const ticketHash = (ticket: string) => crypto.createHash("sha256").update(ticket).digest("hex");

/** True when this ticket (or code) already signed someone in here: a replayed callback. */
export async function ticketUsed(ticket: string): Promise<boolean> {
  return Boolean(await prisma.ssoSignIn.findUnique({ where: { ticketHash: ticketHash(ticket) }, select: { id: true } }));
}

export type SsoSignInResult =
  | { ok: true; setCookie: string; locale: string | null; passwordMustChange: boolean }
  | { ok: false; reason: "unknown"; staffNumber: string }
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "replayed" };

/**
 * Signs in the person whose 工号 the identity provider vouched for (decision 125): matched to the
 * existing account by its 工号 (`User.username`), never created; a disabled account is refused as
 * at the password form. The ticket is recorded with the session, so it signs in only once and a
 * CAS logout naming it ends this session; the sign-in is audited.
 */
export async function signInWithStaffNumber(
  request: Request,
  input: { protocol: SsoProtocol; staffNumber: string; ticket: string; idToken?: string },
): Promise<SsoSignInResult> {
  const user = await prisma.user.findUnique({
    where: { username: input.staffNumber },
    select: { id: true, active: true, locale: true, passwordMustChange: true },
  });
  if (!user) return { ok: false, reason: "unknown", staffNumber: input.staffNumber };
  if (!user.active) return { ok: false, reason: "disabled" };
  const setCookie = await startSession(request, user.id);
  const sessionId = (await sessionIdFromCookieHeader(setCookie.split(";")[0]))!;
  try {
    await prisma.$transaction(async (tx) => {
      await tx.ssoSignIn.create({
        data: { protocol: input.protocol, ticketHash: ticketHash(input.ticket), sessionId, userId: user.id, idToken: input.idToken ?? null },
      });
      await recordAudit(tx, { actorId: user.id, action: "account.sso-sign-in", entityType: "User", entityId: user.id, data: { protocol: input.protocol } });
    });
  } catch (error) {
    // Two callbacks with one ticket at the same moment: the second one's session goes again.
    await prisma.session.deleteMany({ where: { id: sessionId } });
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "replayed" };
    throw error;
  }
  return { ok: true, setCookie, locale: user.locale, passwordMustChange: user.passwordMustChange };
}

/**
 * CAS single logout (back channel): ends the session that this ticket started, if it is one of
 * ours. Deleting the session row closes its sockets on every instance (decision 009).
 */
export async function endSessionOfTicket(ticket: string): Promise<boolean> {
  const signIn = await prisma.ssoSignIn.findUnique({ where: { ticketHash: ticketHash(ticket) }, select: { protocol: true, sessionId: true } });
  if (!signIn || signIn.protocol !== "cas") return false;
  const { count } = await prisma.session.deleteMany({ where: { id: signIn.sessionId } });
  return count > 0;
}

/**
 * Where the browser goes after logging out here: to the identity provider's logout when this
 * session began there (CAS /logout, or OIDC's end-session endpoint with the ID token as a hint),
 * which sends it back to our login page; null for a password session.
 */
export async function providerLogoutUrl(request: Request, sessionId: string, settings: SsoSettings): Promise<string | null> {
  const signIn = await prisma.ssoSignIn.findFirst({ where: { sessionId }, orderBy: { createdAt: "desc" } });
  if (!signIn) return null;
  const back = `${appOrigin(request)}${AFTER_LOGOUT_PATH}`;
  if (signIn.protocol === "cas" && settings.casUrl) return casLogoutUrl(settings.casUrl, back);
  if (signIn.protocol === "oidc" && settings.oidcIssuer) return oidcLogoutUrl(settings, signIn.idToken, back);
  return null;
}
