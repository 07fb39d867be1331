import type { JSONContent } from "@tiptap/core";
import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { DocumentStatus, DocumentType, Duty } from "~/generated/prisma/enums.ts";
import { UserError } from "~/lib/user-error.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import { EMPTY_DOCUMENT, jsonStats, jsonToState } from "./content.server.ts";
import { closeDocument, notifyDocument } from "./live-body.server.ts";

export const DOCUMENTS_PER_PAGE = 20;

export interface DocumentFilters {
  page: number;
  type?: DocumentType;
  status?: DocumentStatus;
}

const listSelect = {
  id: true,
  title: true,
  type: true,
  status: true,
  wordCount: true,
  tags: true,
  updatedAt: true,
  studio: { select: { id: true, name: true } },
  createdBy: { select: { name: true } },
  direction: { select: { name: true } },
} satisfies Prisma.DocumentSelect;

async function page(where: Prisma.DocumentWhereInput, filters: DocumentFilters) {
  const scoped: Prisma.DocumentWhereInput = {
    AND: [where, filters.type ? { type: filters.type } : {}, filters.status ? { status: filters.status } : {}],
  };
  const [total, items] = await Promise.all([
    prisma.document.count({ where: scoped }),
    prisma.document.findMany({
      where: scoped,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * DOCUMENTS_PER_PAGE,
      take: DOCUMENTS_PER_PAGE,
      select: listSelect,
    }),
  ]);
  return { total, items, page: filters.page, pages: Math.max(1, Math.ceil(total / DOCUMENTS_PER_PAGE)) };
}

/** One studio's documents, newest first (authorise "studio:view-workspace" first). */
export function listStudioDocuments(studioId: string, filters: DocumentFilters) {
  return page({ studioId }, filters);
}

/**
 * Documents a person works on or oversees: those they may read ("document:read"'s list side — their
 * studios', the studios they mentor, and for 学工部 every studio's).
 */
export async function listMyDocuments(user: Actor, filters: DocumentFilters) {
  // Studio documents only: a meeting's minutes are found on their meeting (decision 059).
  return page({ AND: [whereCan(user, "document:read"), { studioId: { not: null } }] }, filters);
}

/** The open studios a person may open documents in ("studio:view-workspace"), for the overview's filter and links. */
export function studiosOf(user: Actor) {
  return prisma.studio.findMany({
    where: { AND: [{ archivedAt: null }, whereCan(user, "studio:view-workspace")] },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** Directions and projects of a studio, for a document's links. */
export function studioLinks(studioId: string) {
  return Promise.all([
    prisma.direction.findMany({ where: { studioId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.project.findMany({ where: { studioId }, orderBy: { title: "asc" }, select: { id: true, title: true } }),
  ]).then(([directions, projects]) => ({ directions, projects }));
}

/** Direction and project must belong to the document's studio. */
async function checkLinks(studioId: string, directionId: string | null | undefined, projectId: string | null | undefined) {
  if (directionId) {
    const direction = await prisma.direction.findFirst({ where: { id: directionId, studioId }, select: { id: true } });
    if (!direction) throw new UserError("documents.errors.directionNotInStudio", {}, { status: 400 });
  }
  if (projectId) {
    const project = await prisma.project.findFirst({ where: { id: projectId, studioId }, select: { id: true } });
    if (!project) throw new UserError("documents.errors.projectNotInStudio", {}, { status: 400 });
  }
}

export interface NewDocument {
  /** Chosen by the caller when the body must refer to it (imported images). */
  id?: string;
  studioId: string;
  createdById: string;
  type: DocumentType;
  title: string;
  templateId?: string | null;
  directionId?: string | null;
  projectId?: string | null;
  tags?: string[];
  /** A body instead of a template (imports). */
  content?: JSONContent;
  /** Written in the same transaction (imported images). */
  extra?: (tx: Prisma.TransactionClient, documentId: string) => Promise<void>;
  audit?: Record<string, string | number>;
}

/** A template usable in a studio: school-wide or the studio's own. */
export function findUsableTemplate(templateId: string, studioId: string) {
  return prisma.template.findFirst({ where: { id: templateId, OR: [{ studioId: null }, { studioId }] } });
}

export async function createDocument(input: NewDocument) {
  const studio = await prisma.studio.findUniqueOrThrow({ where: { id: input.studioId }, select: { duty: true } });
  await checkLinks(input.studioId, input.directionId, input.projectId);
  let content = input.content ?? EMPTY_DOCUMENT;
  let type = input.type;
  if (input.templateId) {
    const template = await findUsableTemplate(input.templateId, input.studioId);
    if (!template) throw new UserError("documents.errors.templateUnavailable", {}, { status: 400 });
    content = template.content as JSONContent;
    type = template.type;
  }
  const state = jsonToState(content);
  const stats = jsonStats(content);
  return prisma.$transaction(async (tx) => {
    const document = await tx.document.create({
      data: {
        ...(input.id ? { id: input.id } : {}),
        studioId: input.studioId,
        type,
        title: input.title,
        duty: studio.duty as Duty,
        directionId: input.directionId ?? null,
        projectId: input.projectId ?? null,
        tags: input.tags ?? [],
        yState: state,
        plainText: stats.plainText,
        wordCount: stats.wordCount,
        createdById: input.createdById,
        authors: { create: { userId: input.createdById } },
      },
      select: { id: true, title: true },
    });
    await input.extra?.(tx, document.id);
    await recordAudit(tx, {
      actorId: input.createdById,
      action: "document.create",
      entityType: "Document",
      entityId: document.id,
      data: { studioId: input.studioId, type, templateId: input.templateId ?? null, ...input.audit },
    });
    return document;
  });
}

export interface DocumentDetails {
  title: string;
  type: DocumentType;
  directionId: string | null;
  projectId: string | null;
  tags: string[];
}

export async function updateDetails(documentId: string, userId: string, details: DocumentDetails) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { studioId: true } });
  if (document.studioId === null) throw new Response("Not Found", { status: 404 });
  await checkLinks(document.studioId, details.directionId, details.projectId);
  await prisma.$transaction(async (tx) => {
    await tx.document.update({ where: { id: documentId }, data: details });
    await recordAudit(tx, { actorId: userId, action: "document.update-details", entityType: "Document", entityId: documentId, data: { ...details } });
  });
  notifyDocument(documentId, "details");
}

export async function deleteDocument(documentId: string, userId: string) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { studioId: true, title: true } });
  await closeDocument(documentId);
  await prisma.$transaction(async (tx) => {
    await tx.document.delete({ where: { id: documentId } });
    await recordAudit(tx, { actorId: userId, action: "document.delete", entityType: "Document", entityId: documentId, data: { title: document.title, studioId: document.studioId } });
  });
  return document;
}

/** Everything the editor page shows beside the text. */
export async function getDocumentPage(documentId: string) {
  const document = await prisma.document.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      title: true,
      type: true,
      status: true,
      tags: true,
      duty: true,
      wordCount: true,
      createdAt: true,
      updatedAt: true,
      directionId: true,
      projectId: true,
      studio: { select: { id: true, name: true } },
      direction: {
        select: {
          id: true,
          name: true,
          mentorAssignments: {
            where: { status: "ACCEPTED" },
            orderBy: [{ mentor: { user: { nameSortKey: "asc" } } }, { mentor: { user: { username: "asc" } } }],
            select: { mentor: { select: { kind: true, user: { select: { id: true, name: true } } } } },
          },
        },
      },
      project: { select: { id: true, title: true } },
      createdBy: { select: { id: true, name: true } },
      authors: { orderBy: [{ user: { nameSortKey: "asc" } }, { user: { username: "asc" } }], select: { user: { select: { id: true, name: true } } } },
    },
  });
  return document;
}
