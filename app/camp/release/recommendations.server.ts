import { recordAudit } from "~/audit/audit.server.ts";
import { prisma, type Db } from "~/db/client.server.ts";
import type { Duty } from "~/generated/prisma/enums.ts";
import { UserError } from "~/lib/user-error.ts";

/**
 * A person's own say over the courses a camp recommended them (issue 20 §6): 不感兴趣 takes one out
 * of their training menu (and of the results page's list), 恢复 puts it back. The row stays either
 * way: a later computation of the camp's results keeps a dismissed course dismissed (compute.server.ts
 * deletes only the others), and the person can always find what they set aside. The route authorises
 * "camp-recommendation:dismiss" (the person alone, once released).
 */
export async function setRecommendationDismissed(
  campId: string,
  userId: string,
  courseId: string,
  dismissed: boolean,
  actorId: string,
  now = new Date(),
): Promise<{ title: string; changed: boolean }> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.campRecommendation.findUnique({
      where: { campId_userId_courseId: { campId, userId, courseId } },
      select: { id: true, dismissedAt: true, course: { select: { title: true } } },
    });
    if (!row) throw new UserError("camp.release.recommendation.notFound", {}, { status: 404 });
    // Pressed twice (two tabs, a reload of the post): the second changes nothing.
    if ((row.dismissedAt !== null) === dismissed) return { title: row.course.title, changed: false };
    await tx.campRecommendation.update({ where: { id: row.id }, data: { dismissedAt: dismissed ? now : null } });
    await recordAudit(tx, {
      actorId,
      action: dismissed ? "camp.recommendation-dismiss" : "camp.recommendation-restore",
      entityType: "CampRecommendation",
      entityId: row.id,
      data: { campId, courseId },
    });
    return { title: row.course.title, changed: true };
  });
}

/** The courses a person set aside from one camp's recommendations (newest first), for the results page's 已忽略 list. */
export async function dismissedRecommendations(campId: string, userId: string, db: Db = prisma): Promise<Array<{ courseId: string; title: string; duty: Duty; dismissedAt: Date }>> {
  const rows = await db.campRecommendation.findMany({
    where: { campId, userId, dismissedAt: { not: null } },
    orderBy: [{ dismissedAt: "desc" }, { id: "asc" }],
    select: { courseId: true, duty: true, dismissedAt: true, course: { select: { title: true } } },
  });
  return rows.map((r) => ({ courseId: r.courseId, title: r.course.title, duty: r.duty, dismissedAt: r.dismissedAt! }));
}
