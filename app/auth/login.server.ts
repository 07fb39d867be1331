import { prisma } from "~/db/client.server.ts";
import { dummyPasswordHash, verifyPassword } from "./password.server.ts";
import { checkLoginAllowed, recordFailedLogin, recordSuccessfulLogin } from "./login-rate-limit.server.ts";

export type LoginResult =
  | { ok: true; userId: string; locale: string | null; passwordMustChange: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "blocked"; retryAfterSeconds: number };

/** Checks 工号 and password under the login rate limit. */
export async function authenticate(username: string, password: string, address: string): Promise<LoginResult> {
  const blocked = await checkLoginAllowed(username, address);
  if (blocked) return { ok: false, reason: "blocked", ...blocked };

  const user = await prisma.user.findUnique({
    where: { username },
    select: { id: true, passwordHash: true, active: true, locale: true, passwordMustChange: true },
  });
  // Verify against a dummy hash for unknown users so response time does not reveal which 工号 exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) {
    await recordFailedLogin(username, address);
    return { ok: false, reason: "invalid" };
  }
  if (!user.active) return { ok: false, reason: "disabled" };
  await recordSuccessfulLogin(username, address);
  return { ok: true, userId: user.id, locale: user.locale, passwordMustChange: user.passwordMustChange };
}
