import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { DocumentStatus, VersionReason } from "~/generated/prisma/enums.ts";
import { singleton } from "~/infra/runtime.server.ts";
import { recordAudit } from "~/audit/audit.server.ts";
import { bytes } from "./body-storage.server.ts";
import { replaceBody, stateToJSON } from "./content.server.ts";
import { diffDocuments } from "./diff.ts";
import { changeDocumentBody, currentState, notifyDocument } from "./live-body.server.ts";

/** How often an automatic snapshot is taken while people keep editing. Tests shorten it. */
export const versionSettings = singleton("versionSettings", () => ({ autoIntervalMs: 10 * 60_000 }));

export const VERSIONS_PER_PAGE = 20;

/**
 * Writes a version with the next number. The document row is locked first, so two versions
 * saved at the same moment (an automatic one and a named one) never get the same number.
 */
export async function createVersion(
  db: Db,
  input: { documentId: string; state: Uint8Array; reason: VersionReason; status: DocumentStatus; name?: string | null; createdById?: string | null },
) {
  await db.$queryRaw`SELECT id FROM "Document" WHERE id = ${input.documentId} FOR UPDATE`;
  const last = await db.documentVersion.findFirst({
    where: { documentId: input.documentId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return db.documentVersion.create({
    data: {
      documentId: input.documentId,
      number: (last?.number ?? 0) + 1,
      reason: input.reason,
      status: input.status,
      name: input.name ?? null,
      yState: bytes(input.state),
      createdById: input.createdById ?? null,
    },
    select: { id: true, number: true },
  });
}

function sameContent(a: Uint8Array, b: Uint8Array): boolean {
  return JSON.stringify(stateToJSON(a)) === JSON.stringify(stateToJSON(b));
}

/** Called after each save: a snapshot when the last one is older than the interval and the text changed. */
export async function maybeCreateAutoVersion(documentId: string, state: Uint8Array): Promise<boolean> {
  const last = await prisma.documentVersion.findFirst({
    where: { documentId },
    orderBy: { number: "desc" },
    select: { id: true, createdAt: true },
  });
  if (last && Date.now() - last.createdAt.getTime() < versionSettings.autoIntervalMs) return false;
  if (last) {
    const previous = await prisma.documentVersion.findUniqueOrThrow({ where: { id: last.id }, select: { yState: true } });
    if (sameContent(previous.yState, state)) return false;
  }
  return prisma.$transaction(async (tx) => {
    const document = await tx.document.findUnique({ where: { id: documentId }, select: { status: true } });
    if (!document) return false;
    await createVersion(tx, { documentId, state, reason: "AUTO", status: document.status });
    return true;
  });
}

export async function listVersions(documentId: string, page = 1) {
  const [total, items] = await Promise.all([
    prisma.documentVersion.count({ where: { documentId } }),
    prisma.documentVersion.findMany({
      where: { documentId },
      orderBy: { number: "desc" },
      skip: (page - 1) * VERSIONS_PER_PAGE,
      take: VERSIONS_PER_PAGE,
      select: { id: true, number: true, name: true, reason: true, status: true, createdAt: true, createdBy: { select: { name: true } } },
    }),
  ]);
  return { total, items, page, pages: Math.max(1, Math.ceil(total / VERSIONS_PER_PAGE)) };
}

export async function createNamedVersion(documentId: string, userId: string, name: string) {
  const state = await currentState(documentId);
  if (!state) throw new Response("Not Found", { status: 404 });
  const version = await prisma.$transaction(async (tx) => {
    const document = await tx.document.findUniqueOrThrow({ where: { id: documentId }, select: { status: true } });
    const version = await createVersion(tx, { documentId, state, reason: "NAMED", status: document.status, name, createdById: userId });
    await recordAudit(tx, { actorId: userId, action: "document.version-create", entityType: "Document", entityId: documentId, data: { number: version.number, name } });
    return version;
  });
  notifyDocument(documentId, "versions");
  return version;
}

async function versionState(documentId: string, number: number): Promise<Uint8Array | null> {
  const version = await prisma.documentVersion.findUnique({
    where: { documentId_number: { documentId, number } },
    select: { yState: true },
  });
  return version?.yState ?? null;
}

/**
 * Difference from version `from` to version `to`; `to` null means the current text.
 * Returns null when a version does not exist.
 */
export async function diffVersions(documentId: string, from: number, to: number | null) {
  const [before, after] = await Promise.all([versionState(documentId, from), to === null ? currentState(documentId) : versionState(documentId, to)]);
  if (!before || !after) return null;
  return diffDocuments(stateToJSON(before), stateToJSON(after));
}

/**
 * Restores version `number` as a new version: the current text is kept as a version first (if
 * it is not already one), then the old text replaces it for everyone editing, then the result is
 * saved as a "restored" version. Nothing is lost; every step can itself be restored.
 */
export async function restoreVersion(documentId: string, number: number, userId: string) {
  const target = await versionState(documentId, number);
  if (!target) throw new Response("Not Found", { status: 404 });
  const current = await currentState(documentId);
  if (current) {
    const last = await prisma.documentVersion.findFirst({ where: { documentId }, orderBy: { number: "desc" }, select: { yState: true } });
    if (!last || !sameContent(last.yState, current)) {
      await prisma.$transaction(async (tx) => {
        const document = await tx.document.findUniqueOrThrow({ where: { id: documentId }, select: { status: true } });
        await createVersion(tx, { documentId, state: current, reason: "AUTO", status: document.status, createdById: userId });
      });
    }
  }
  const json = stateToJSON(target);
  await changeDocumentBody(documentId, userId, (doc) => replaceBody(doc, json));
  const restored = await currentState(documentId);
  const version = await prisma.$transaction(async (tx) => {
    const document = await tx.document.findUniqueOrThrow({ where: { id: documentId }, select: { status: true } });
    const version = await createVersion(tx, {
      documentId,
      state: restored!,
      reason: "RESTORE",
      status: document.status,
      name: String(number),
      createdById: userId,
    });
    await recordAudit(tx, {
      actorId: userId,
      action: "document.version-restore",
      entityType: "Document",
      entityId: documentId,
      data: { restored: number, version: version.number },
    });
    return version;
  });
  notifyDocument(documentId, "versions");
  return version;
}
