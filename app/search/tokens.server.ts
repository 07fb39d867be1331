import crypto from "node:crypto";
import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";

/**
 * Personal API tokens (docs/decisions/043-api-tokens.md): `fdo_` + 32 random bytes. Only the
 * SHA-256 is stored; the token is shown once. A token acts as its owner, with the owner's
 * current roles and memberships, and stops working when revoked, expired or the account is
 * disabled.
 */

export const TOKEN_PREFIX = "fdo_";
export const MAX_ACTIVE_TOKENS = 20;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newTokenValue(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}


export interface CreatedToken {
  id: string;
  name: string;
  /** The only time the token itself is available. */
  token: string;
}

export async function createApiToken(
  { userId, name, expiresInDays, actorId }: { userId: string; name: string; expiresInDays: number | null; actorId: string | null },
): Promise<CreatedToken> {
  const token = newTokenValue();
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
    if (active >= MAX_ACTIVE_TOKENS) throw new UserError("search.tokens.errors.tooMany", { max: MAX_ACTIVE_TOKENS });
    const row = await tx.apiToken.create({
      data: {
        userId,
        name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        expiresAt: expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * 86_400_000),
      },
    });
    await recordAudit(tx, { actorId, action: "api-token.create", entityType: "ApiToken", entityId: row.id, data: { userId, name, expiresAt: row.expiresAt?.toISOString() ?? null } });
    return { id: row.id, name: row.name, token };
  });
}

export function listApiTokens(userId: string) {
  return prisma.apiToken.findMany({
    where: { userId },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

export function findApiToken(id: string) {
  return prisma.apiToken.findUnique({ where: { id }, select: { id: true, userId: true, name: true, revokedAt: true } });
}

/** Revokes a token (authorise "api-token:revoke" first). */
export async function revokeApiToken(token: { id: string; name: string; userId: string }, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await recordAudit(tx, { actorId, action: "api-token.revoke", entityType: "ApiToken", entityId: token.id, data: { userId: token.userId, name: token.name } });
  });
}

const LAST_USED_PRECISION_MS = 60_000;

/** The active owner of a valid `Authorization: Bearer fdo_…` token, or null. */
export async function userFromBearer(header: string | null): Promise<SessionUser | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match || !match[1]!.startsWith(TOKEN_PREFIX)) return null;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]!) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, username: true, name: true, roles: true, collegeId: true, locale: true, active: true } },
    },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.user.active) return null;
  // Remembered to the minute, so a script's every request is not also a write.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { active: _active, ...user } = row.user;
  return user;
}

export function tokenState(token: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}
