import { prisma } from "~/db/client.server.ts";
import type { ScoreBreakdown } from "./matching/scoring.ts";

/** The mentor's own page: pending invitations, directions they guide, and their review queue. */

export const REVIEWS_PAGE_SIZE = 10;

export async function getMentoring(userId: string, reviewPage: number) {
  const mentor = await prisma.mentor.findUnique({
    where: { userId },
    select: {
      id: true,
      kind: true,
      capacity: true,
      available: true,
      assignments: {
        where: { status: { in: ["INVITED", "ACCEPTED"] } },
        orderBy: [{ invitedAt: "desc" }, { createdAt: "asc" }],
        select: {
          id: true,
          status: true,
          invitedAt: true,
          respondedAt: true,
          scoreBreakdown: true,
          direction: { select: { id: true, name: true, description: true, keywords: true, studio: { select: { id: true, name: true, duty: true } } } },
        },
      },
    },
  });
  const reviewWhere = { reviewerId: userId, status: "PENDING" as const };
  const [reviewTotal, reviews] = await Promise.all([
    prisma.review.count({ where: reviewWhere }),
    prisma.review.findMany({
      where: reviewWhere,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (reviewPage - 1) * REVIEWS_PAGE_SIZE,
      take: REVIEWS_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        documentId: true,
        requestedBy: { select: { name: true } },
        document: { select: { title: true, type: true, studio: { select: { name: true } } } },
      },
    }),
  ]);
  const directions = (mentor?.assignments ?? []).map((a) => ({
    assignmentId: a.id,
    status: a.status,
    invitedAt: a.invitedAt,
    respondedAt: a.respondedAt,
    breakdown: (a.scoreBreakdown as unknown as ScoreBreakdown | null) ?? null,
    direction: { id: a.direction.id, name: a.direction.name, description: a.direction.description, keywords: a.direction.keywords },
    studio: a.direction.studio,
  }));
  return {
    mentor: mentor && { id: mentor.id, kind: mentor.kind, capacity: mentor.capacity, available: mentor.available },
    invitations: directions.filter((d) => d.status === "INVITED"),
    accepted: directions.filter((d) => d.status === "ACCEPTED"),
    reviews: reviews.map((r) => ({
      id: r.id,
      documentId: r.documentId,
      title: r.document.title,
      type: r.document.type,
      studio: r.document.studio?.name ?? "",
      requestedBy: r.requestedBy.name,
      createdAt: r.createdAt,
    })),
    reviewTotal,
    reviewPages: Math.max(1, Math.ceil(reviewTotal / REVIEWS_PAGE_SIZE)),
  };
}
