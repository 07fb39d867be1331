import { prisma } from "~/db/client.server.ts";
import { recurringPass } from "~/infra/background-task.ts";

/**
 * A campus sign-in's record (the hash of its ticket or code, its session, the id token for the
 * provider's logout) is needed while its session lives (single logout) and while the ticket could
 * still be replayed. CAS tickets and OIDC codes expire at the provider within minutes; a day is
 * far beyond that.
 */
export const SIGN_IN_RECORD_KEPT_MS = 24 * 60 * 60_000;

/** Forgets the sign-ins older than a day whose session has ended (signed out or expired). */
export async function forgetEndedSignIns(now = new Date()): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM "SsoSignIn" AS s
    WHERE s."createdAt" < ${new Date(now.getTime() - SIGN_IN_RECORD_KEPT_MS)}
      AND NOT EXISTS (SELECT 1 FROM "Session" AS t WHERE t.id = s."sessionId" AND t."expiresAt" > ${now})`;
}

export const ssoSignInsPass = recurringPass({
  name: "sso-sign-ins",
  everyMs: 60 * 60_000,
  repeat: false,
  expireInSeconds: 600,
  pass: () => forgetEndedSignIns(),
  done: (forgotten) => `已清理 ${forgotten} 条会话已结束的统一身份认证登录记录。`,
  failed: (error) => `清理统一身份认证登录记录失败：${error}`,
});
