import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { ActivityKind } from "~/generated/prisma/enums.ts";

/** What the studio does (研讨、培训、讲堂、调研、例会): the record behind the annual report. */
export const ACTIVITIES_PAGE_SIZE = 20;

export async function listActivities(studioId: string, page: number) {
  const [total, activities] = await Promise.all([
    prisma.studioActivity.count({ where: { studioId } }),
    prisma.studioActivity.findMany({
      where: { studioId },
      orderBy: [{ date: "desc" }, { createdAt: "desc" }],
      skip: (page - 1) * ACTIVITIES_PAGE_SIZE,
      take: ACTIVITIES_PAGE_SIZE,
      select: { id: true, kind: true, title: true, date: true, location: true, participants: true, summary: true, createdById: true, createdBy: { select: { name: true } } },
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / ACTIVITIES_PAGE_SIZE)), activities };
}

export async function createActivity(
  studioId: string,
  input: { kind: ActivityKind; title: string; date: Date; location?: string; participants?: number; summary?: string },
  actorId: string,
) {
  await prisma.$transaction(async (tx) => {
    const activity = await tx.studioActivity.create({
      data: {
        studioId,
        kind: input.kind,
        title: input.title,
        date: input.date,
        location: input.location ?? "",
        participants: input.participants ?? null,
        summary: input.summary ?? "",
        createdById: actorId,
      },
    });
    await recordAudit(tx, { actorId, action: "activity.create", entityType: "StudioActivity", entityId: activity.id, data: { studioId, title: input.title } });
  });
}

export function findActivity(studioId: string, activityId: string) {
  return prisma.studioActivity.findFirst({ where: { id: activityId, studioId }, select: { id: true, title: true, createdById: true } });
}

export async function deleteActivity(activityId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const activity = await tx.studioActivity.delete({ where: { id: activityId } });
    await recordAudit(tx, { actorId, action: "activity.delete", entityType: "StudioActivity", entityId: activityId, data: { studioId: activity.studioId, title: activity.title } });
  });
}
