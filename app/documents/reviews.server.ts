import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { DocumentStatus } from "~/generated/prisma/enums.ts";
import { createNotifications, type NewNotification } from "~/notifications/notify.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { currentState, notifyDocument, refreshDocumentAccess } from "./live-body.server.ts";
import { createVersion } from "./versions.server.ts";

/**
 * The review workflow: draft → in review (the direction's mentors) → changes requested or
 * approved → published. Every transition is one transaction with its status-change version, its
 * audit record and its notifications; connected editors are re-checked afterwards (review locks
 * the text). Routes authorise with the policy; the services re-check the current status inside
 * the transaction so two people acting at once cannot both win.
 */

export const REVIEWS_PER_PAGE = 20;

/** ACCEPTED mentors of a direction (the people a review can be requested from). */
export function directionMentors(directionId: string) {
  return prisma.mentorAssignment.findMany({
    where: { directionId, status: "ACCEPTED" },
    orderBy: [{ mentor: { user: { nameSortKey: "asc" } } }, { mentor: { user: { username: "asc" } } }],
    select: { mentor: { select: { kind: true, user: { select: { id: true, name: true } } } } },
  });
}

/** A studio's directions with their confirmed mentors (whom a review can be requested from). */
export async function studioDirectionsWithMentors(studioId: string) {
  const directions = await prisma.direction.findMany({
    where: { studioId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      mentorAssignments: {
        where: { status: "ACCEPTED" },
        orderBy: [{ mentor: { user: { nameSortKey: "asc" } } }, { mentor: { user: { username: "asc" } } }],
        select: { mentor: { select: { kind: true, user: { select: { id: true, name: true } } } } },
      },
    },
  });
  return directions.map((direction) => ({
    id: direction.id,
    name: direction.name,
    mentors: direction.mentorAssignments.map((a) => ({ id: a.mentor.user.id, name: a.mentor.user.name, kind: a.mentor.kind })),
  }));
}

async function moveStatus(db: Db, documentId: string, from: DocumentStatus[], to: DocumentStatus) {
  const { count } = await db.document.updateMany({ where: { id: documentId, status: { in: from } }, data: { status: to } });
  if (count !== 1) throw new UserError("documents.errors.statusChanged");
}

async function authorsOf(db: Db, documentId: string): Promise<string[]> {
  const rows = await db.documentAuthor.findMany({ where: { documentId }, select: { userId: true } });
  return rows.map((row) => row.userId);
}

interface TransitionContext {
  documentId: string;
  actor: { id: string; name: string };
  to: DocumentStatus;
  action: string;
  data?: Record<string, string | number | string[] | null>;
}

/** Status-change version, audit record, notifications; then tell connected editors. */
async function finishTransition(
  tx: Db,
  context: TransitionContext,
  state: Uint8Array,
  notices: NewNotification[],
): Promise<() => void> {
  await createVersion(tx, { documentId: context.documentId, state, reason: "STATUS_CHANGE", status: context.to, createdById: context.actor.id });
  await recordAudit(tx, {
    actorId: context.actor.id,
    action: context.action,
    entityType: "Document",
    entityId: context.documentId,
    data: { to: context.to, ...context.data },
  });
  return createNotifications(tx, notices.filter((notice) => notice.userId !== context.actor.id));
}

async function afterCommit(documentId: string, deliver: () => void) {
  deliver();
  await refreshDocumentAccess(documentId);
  notifyDocument(documentId, "status");
}

async function stateOf(documentId: string): Promise<Uint8Array> {
  const state = await currentState(documentId);
  if (!state) throw new Response("Not Found", { status: 404 });
  return state;
}

export async function requestReview(
  documentId: string,
  actor: { id: string; name: string },
  input: { directionId: string; reviewerIds: string[]; note: string },
) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { studioId: true, title: true } });
  // Minutes are never reviewed (the policy refuses it); no studio, no direction.
  if (document.studioId === null) throw new Response("Not Found", { status: 404 });
  const direction = await prisma.direction.findFirst({ where: { id: input.directionId, studioId: document.studioId }, select: { id: true } });
  if (!direction) throw new UserError("documents.errors.directionNotInStudio", {}, { status: 400 });
  const mentors = await directionMentors(direction.id);
  const allowed = new Set(mentors.map((m) => m.mentor.user.id));
  const reviewerIds = [...new Set(input.reviewerIds)];
  if (!reviewerIds.length) throw new UserError("documents.errors.noReviewers", {}, { status: 400 });
  if (reviewerIds.some((id) => !allowed.has(id))) throw new UserError("documents.errors.reviewerNotMentor", {}, { status: 400 });
  const state = await stateOf(documentId);
  const deliver = await prisma.$transaction(async (tx) => {
    await moveStatus(tx, documentId, ["DRAFT", "CHANGES_REQUESTED"], "IN_REVIEW");
    await tx.document.update({ where: { id: documentId }, data: { directionId: direction.id } });
    await tx.review.updateMany({ where: { documentId, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: new Date() } });
    await tx.review.createMany({
      data: reviewerIds.map((reviewerId) => ({ documentId, requestedById: actor.id, reviewerId })),
    });
    // What the author wants the mentors to look at stays with the document as a comment.
    if (input.note) await tx.comment.create({ data: { documentId, authorId: actor.id, body: input.note } });
    return finishTransition(
      tx,
      { documentId, actor, to: "IN_REVIEW", action: "document.review-request", data: { reviewers: reviewerIds } },
      state,
      reviewerIds.map((userId) => ({
        userId,
        type: "documents.notices.reviewRequested",
        data: { title: document.title, by: actor.name },
        link: `/documents/${documentId}`,
      })),
    );
  });
  await afterCommit(documentId, deliver);
}

/** Closes the document's open review requests; returns who had them, so they can be told. */
async function cancelPendingReviews(tx: Db, documentId: string): Promise<string[]> {
  const pending = await tx.review.findMany({ where: { documentId, status: "PENDING" }, select: { reviewerId: true } });
  await tx.review.updateMany({ where: { documentId, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: new Date() } });
  return pending.map((review) => review.reviewerId);
}

export async function withdrawReview(documentId: string, actor: { id: string; name: string }) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } });
  const state = await stateOf(documentId);
  const deliver = await prisma.$transaction(async (tx) => {
    await moveStatus(tx, documentId, ["IN_REVIEW"], "DRAFT");
    const pending = await cancelPendingReviews(tx, documentId);
    return finishTransition(
      tx,
      { documentId, actor, to: "DRAFT", action: "document.review-withdraw" },
      state,
      pending.map((reviewerId) => ({
        userId: reviewerId,
        type: "documents.notices.reviewWithdrawn",
        data: { title: document.title, by: actor.name },
        link: `/documents/${documentId}`,
      })),
    );
  });
  await afterCommit(documentId, deliver);
}

export async function decideReview(
  documentId: string,
  actor: { id: string; name: string },
  input: { decision: "APPROVED" | "CHANGES_REQUESTED"; summary: string },
) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true, studioId: true } });
  const state = await stateOf(documentId);
  const deliver = await prisma.$transaction(async (tx) => {
    const review = await tx.review.findFirst({ where: { documentId, reviewerId: actor.id, status: "PENDING" }, select: { id: true, requestedById: true } });
    if (!review) throw new UserError("documents.errors.statusChanged");
    await moveStatus(tx, documentId, ["IN_REVIEW"], input.decision);
    await tx.review.update({ where: { id: review.id }, data: { status: input.decision, summary: input.summary || null, decidedAt: new Date() } });
    // The first decision settles this round; the other mentors' requests are closed.
    const others = await cancelPendingReviews(tx, documentId);
    const leader = document.studioId === null ? null : await tx.studioMembership.findFirst({ where: { studioId: document.studioId, role: "LEADER" }, select: { userId: true } });
    const recipients = new Set([...(await authorsOf(tx, documentId)), review.requestedById, ...(leader ? [leader.userId] : [])]);
    const type = input.decision === "APPROVED" ? "documents.notices.approved" : "documents.notices.changesRequested";
    return finishTransition(
      tx,
      { documentId, actor, to: input.decision, action: input.decision === "APPROVED" ? "document.review-approve" : "document.review-request-changes", data: { summary: input.summary } },
      state,
      [
        ...[...recipients].map((userId) => ({ userId, type, data: { title: document.title, by: actor.name }, link: `/documents/${documentId}` })),
        ...others.map((reviewerId) => ({
          userId: reviewerId,
          type: "documents.notices.reviewSettled",
          data: { title: document.title, by: actor.name },
          link: `/documents/${documentId}`,
        })),
      ],
    );
  });
  await afterCommit(documentId, deliver);
}

export async function publishDocument(documentId: string, actor: { id: string; name: string }) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } });
  const state = await stateOf(documentId);
  const deliver = await prisma.$transaction(async (tx) => {
    await moveStatus(tx, documentId, ["APPROVED"], "PUBLISHED");
    const authors = await authorsOf(tx, documentId);
    return finishTransition(
      tx,
      { documentId, actor, to: "PUBLISHED", action: "document.publish" },
      state,
      authors.map((userId) => ({ userId, type: "documents.notices.published", data: { title: document.title, by: actor.name }, link: `/documents/${documentId}` })),
    );
  });
  await afterCommit(documentId, deliver);
}

export async function reopenDocument(documentId: string, actor: { id: string; name: string }) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } });
  const state = await stateOf(documentId);
  const deliver = await prisma.$transaction(async (tx) => {
    await moveStatus(tx, documentId, ["APPROVED", "PUBLISHED"], "DRAFT");
    const authors = await authorsOf(tx, documentId);
    return finishTransition(
      tx,
      { documentId, actor, to: "DRAFT", action: "document.reopen" },
      state,
      authors.map((userId) => ({ userId, type: "documents.notices.reopened", data: { title: document.title, by: actor.name }, link: `/documents/${documentId}` })),
    );
  });
  await afterCommit(documentId, deliver);
}

/** The review history of a document, newest first. */
export function documentReviews(documentId: string) {
  return prisma.review.findMany({
    where: { documentId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      summary: true,
      createdAt: true,
      decidedAt: true,
      reviewer: { select: { id: true, name: true } },
      requestedBy: { select: { id: true, name: true } },
    },
  });
}

/** A mentor's queue: what waits for them first, then what they decided. */
export async function reviewQueue(reviewerId: string, filter: "pending" | "done", page: number) {
  const where = filter === "pending" ? { reviewerId, status: "PENDING" as const } : { reviewerId, status: { not: "PENDING" as const } };
  const [total, items, pending] = await Promise.all([
    prisma.review.count({ where }),
    prisma.review.findMany({
      where,
      orderBy: filter === "pending" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ decidedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * REVIEWS_PER_PAGE,
      take: REVIEWS_PER_PAGE,
      select: {
        id: true,
        status: true,
        summary: true,
        createdAt: true,
        decidedAt: true,
        requestedBy: { select: { name: true } },
        document: { select: { id: true, title: true, type: true, wordCount: true, studio: { select: { name: true } }, direction: { select: { name: true } } } },
      },
    }),
    prisma.review.count({ where: { reviewerId, status: "PENDING" } }),
  ]);
  return { total, items, pending, page, pages: Math.max(1, Math.ceil(total / REVIEWS_PER_PAGE)) };
}
