import type { Db } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";

/**
 * An entry in the audit log. Call it with the transaction that makes the change, so the record
 * exists exactly when the change does. `action` is "<entity>.<verb>", e.g. "membership.role-change".
 */
export async function recordAudit(
  db: Db,
  entry: { actorId: string | null; action: string; entityType: string; entityId: string; data?: Prisma.InputJsonValue },
): Promise<void> {
  await db.auditLog.create({ data: entry });
}
