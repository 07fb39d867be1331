import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { uniquely } from "~/lib/unique.server.ts";
import { UserError } from "~/lib/user-error.ts";

/** Research directions (研究方向) under the studio's duty, each later matched with mentors. */
export interface DirectionInput {
  name: string;
  description?: string;
  keywords: string[];
  internalMentorTarget: number;
  externalMentorTarget: number;
}

export function listDirections(studioId: string) {
  return prisma.direction.findMany({
    where: { studioId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      keywords: true,
      internalMentorTarget: true,
      externalMentorTarget: true,
      _count: { select: { mentorAssignments: { where: { status: "ACCEPTED" } }, projects: true } },
    },
  });
}

export async function saveDirection(studioId: string, directionId: string | undefined, input: DirectionInput, actorId: string) {
  const nameTaken = () => new UserError("studios.errors.directionNameTaken", { name: input.name });
  return uniquely(prisma.$transaction(async (tx) => {
    const clash = await tx.direction.findFirst({
      where: { studioId, name: input.name, ...(directionId ? { id: { not: directionId } } : {}) },
      select: { id: true },
    });
    if (clash) throw nameTaken();
    const data = { ...input, description: input.description ?? "" };
    let id: string;
    if (directionId) {
      const existing = await tx.direction.findFirst({ where: { id: directionId, studioId }, select: { id: true } });
      if (!existing) throw new Response("Not Found", { status: 404 });
      id = (await tx.direction.update({ where: { id: directionId }, data })).id;
    } else {
      id = (await tx.direction.create({ data: { studioId, ...data } })).id;
    }
    await recordAudit(tx, { actorId, action: directionId ? "direction.update" : "direction.create", entityType: "Direction", entityId: id, data: { studioId, ...data } });
    return id;
  }), { "studioId,name": nameTaken });
}

/** Removes a direction; its mentor assignments go with it, projects and documents keep existing without it. */
export async function deleteDirection(studioId: string, directionId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const direction = await tx.direction.findFirst({ where: { id: directionId, studioId }, select: { id: true, name: true } });
    if (!direction) throw new Response("Not Found", { status: 404 });
    await tx.direction.delete({ where: { id: directionId } });
    await recordAudit(tx, { actorId, action: "direction.delete", entityType: "Direction", entityId: directionId, data: { studioId, name: direction.name } });
  });
}
