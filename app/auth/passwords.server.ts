import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { checkLoginAllowed, recordFailedLogin } from "./login-rate-limit.server.ts";
import { hashPassword, temporaryPassword, verifyPassword } from "./password.server.ts";
import { passwordProblems } from "./password-policy.ts";
import { endSessions } from "./session.server.ts";

/**
 * Passwords after an account exists (decision 009): a person changes their own (current password
 * required), someone signed in with an initial or temporary password must set their own first,
 * and 学工部 or a college admin resets a forgotten one. Each change ends the person's other
 * sessions in the same transaction, and the database tells the socket servers.
 */

/** A message key with its values, for the field it belongs to. */
export interface PasswordError {
  field: "currentPassword" | "newPassword" | "form";
  key: MessageKey;
  values?: Record<string, string | number>;
}

export type ChangeResult = { ok: true; endedSessions: number } | { ok: false; error: PasswordError; status: 400 | 429 };

/** The fields an initial or temporary password is set with, by whoever creates or resets an account. */
export async function initialPasswordFields(password: string) {
  const passwordHash = await hashPassword(password);
  return { passwordHash, initialPasswordHash: passwordHash, passwordMustChange: true };
}

/**
 * Changes the signed-in person's own password: checks the current one (counted like failed
 * logins), the school's rules and that the new one is neither the current nor the last initial or
 * temporary password. The session `keepSessionId` stays; every other one of the person ends.
 */
export async function changeOwnPassword(input: {
  userId: string;
  keepSessionId: string;
  currentPassword: string;
  newPassword: string;
  address: string;
}): Promise<ChangeResult> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { username: true, passwordHash: true, initialPasswordHash: true, passwordMustChange: true },
  });
  const blocked = await checkLoginAllowed(user.username, input.address);
  if (blocked) {
    return { ok: false, status: 429, error: { field: "form", key: "account.errors.blocked", values: { minutes: Math.ceil(blocked.retryAfterSeconds / 60) } } };
  }
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordFailedLogin(user.username, input.address);
    return { ok: false, status: 400, error: { field: "currentPassword", key: "account.errors.wrongCurrent" } };
  }
  const { passwordPolicy } = await getSchoolSettings();
  const [problem] = passwordProblems(input.newPassword, { policy: passwordPolicy, username: user.username });
  if (problem) return { ok: false, status: 400, error: { field: "newPassword", key: problem.key, values: problem.values } };
  if (input.newPassword.normalize("NFKC") === input.currentPassword.normalize("NFKC")) {
    // At the first sign-in the current password is the initial one: say so.
    const key = user.passwordMustChange ? "account.errors.sameAsInitial" : "account.errors.sameAsCurrent";
    return { ok: false, status: 400, error: { field: "newPassword", key } };
  }
  if (user.initialPasswordHash && (await verifyPassword(input.newPassword, user.initialPasswordHash))) {
    return { ok: false, status: 400, error: { field: "newPassword", key: "account.errors.sameAsInitial" } };
  }

  const passwordHash = await hashPassword(input.newPassword);
  const endedSessions = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash, passwordMustChange: false, passwordChangedAt: new Date() } });
    const ended = await endSessions(tx, input.userId, { except: input.keepSessionId });
    await recordAudit(tx, {
      actorId: input.userId,
      action: "account.password-change",
      entityType: "User",
      entityId: input.userId,
      data: { firstSignIn: user.passwordMustChange, endedSessions: ended },
    });
    return ended;
  });
  return { ok: true, endedSessions };
}

export type ResetMode = "temporary" | "require-change";

/**
 * A reset by 学工部 or a college admin (the route authorised it): either a new temporary password,
 * returned to be shown once and never stored in clear, or the current password kept but good only
 * for setting a new one. Every session of the person ends; the audit log records who did which.
 */
export async function resetPassword(input: { actorId: string; userId: string; mode: ResetMode }): Promise<{ temporaryPassword: string | null }> {
  const password = input.mode === "temporary" ? temporaryPassword() : null;
  const fields = password ? await initialPasswordFields(password) : { passwordMustChange: true };
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: fields });
    const ended = await endSessions(tx, input.userId);
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "person.password-reset",
      entityType: "User",
      entityId: input.userId,
      data: { mode: input.mode, endedSessions: ended },
    });
  });
  return { temporaryPassword: password };
}

/** What the password page shows: whether this is the first sign-in, and where else the person is signed in. */
export async function passwordPageState(userId: string, sessionId: string) {
  const [user, otherSessions] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordMustChange: true, passwordChangedAt: true } }),
    prisma.session.count({ where: { userId, id: { not: sessionId }, expiresAt: { gt: new Date() } } }),
  ]);
  return { ...user, otherSessions };
}
