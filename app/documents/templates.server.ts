import type { JSONContent } from "@tiptap/core";
import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { stateToJSON } from "./content.server.ts";
import { currentState } from "./live-body.server.ts";

/** Templates a studio can start documents from: the school's and its own. */
export function templatesForStudio(studioId: string) {
  return prisma.template.findMany({
    where: { OR: [{ studioId: null }, { studioId }] },
    orderBy: [{ studioId: { sort: "asc", nulls: "first" } }, { type: "asc" }, { name: "asc" }],
    select: { id: true, name: true, description: true, type: true, studioId: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

export function findTemplate(templateId: string) {
  return prisma.template.findUnique({ where: { id: templateId }, select: { id: true, name: true, studioId: true } });
}

/** A template made from a document's current text (a studio's own, or school-wide by 学工部). */
export async function saveAsTemplate(
  documentId: string,
  userId: string,
  input: { name: string; description: string; studioId: string | null },
) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { type: true } });
  const content: JSONContent = stateToJSON(await currentState(documentId));
  return prisma.$transaction(async (tx) => {
    const template = await tx.template.create({
      data: {
        studioId: input.studioId,
        type: document.type,
        name: input.name,
        description: input.description,
        content: content as Prisma.InputJsonValue,
        createdById: userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: userId,
      action: "template.create",
      entityType: "Template",
      entityId: template.id,
      data: { documentId, studioId: input.studioId, name: input.name },
    });
    return template;
  });
}

export async function deleteTemplate(templateId: string, userId: string) {
  await prisma.$transaction(async (tx) => {
    const template = await tx.template.delete({ where: { id: templateId }, select: { name: true, studioId: true } });
    await recordAudit(tx, { actorId: userId, action: "template.delete", entityType: "Template", entityId: templateId, data: template });
  });
}
