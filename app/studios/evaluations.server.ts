import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { EvaluationGrade } from "~/generated/prisma/enums.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { whoMay } from "~/policy/index.ts";
import { UserError } from "~/lib/user-error.ts";

/**
 * 周期考核: the leader submits the written report for a cycle (e.g. "2025-2026"); 学工部 grades
 * it 优秀/合格/不合格 with comments. Every cycle stays in the history; a graded report is final.
 */
export function listEvaluations(studioId: string) {
  return prisma.studioEvaluation.findMany({
    where: { studioId },
    orderBy: { cycle: "desc" },
    select: {
      id: true,
      cycle: true,
      report: true,
      submittedAt: true,
      grade: true,
      comments: true,
      gradedAt: true,
      submittedBy: { select: { name: true } },
      gradedBy: { select: { name: true } },
    },
  });
}

/** The cycle of the academic year that ended most recently before `now` (September starts a year). */
export function currentCycle(now = new Date()): string {
  const year = now.getUTCFullYear();
  const start = now.getUTCMonth() >= 8 ? year - 1 : year - 2;
  return `${start}-${start + 1}`;
}

export async function submitEvaluation(studioId: string, input: { cycle: string; report: string }, actor: { id: string; name: string }) {
  const deliver = await prisma.$transaction(async (tx) => {
    const studio = await tx.studio.findUniqueOrThrow({ where: { id: studioId }, select: { name: true } });
    const existing = await tx.studioEvaluation.findUnique({ where: { studioId_cycle: { studioId, cycle: input.cycle } } });
    if (existing?.grade) throw new UserError("studios.errors.evaluationGraded", { cycle: input.cycle });
    const evaluation = existing
      ? await tx.studioEvaluation.update({ where: { id: existing.id }, data: { report: input.report, submittedById: actor.id, submittedAt: new Date() } })
      : await tx.studioEvaluation.create({ data: { studioId, cycle: input.cycle, report: input.report, submittedById: actor.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: existing ? "evaluation.resubmit" : "evaluation.submit",
      entityType: "StudioEvaluation",
      entityId: evaluation.id,
      data: { studioId, cycle: input.cycle },
    });
    const admins = await tx.user.findMany({ where: { AND: [whoMay("evaluation:grade"), { active: true }] }, orderBy: { username: "asc" }, select: { id: true } });
    return createNotifications(
      tx,
      admins.map((admin) => ({
        userId: admin.id,
        type: "studios.notices.evaluationSubmitted",
        data: { studio: studio.name, cycle: input.cycle },
        link: `/studios/${studioId}/evaluations`,
      })),
    );
  });
  deliver();
}

export async function gradeEvaluation(
  studioId: string,
  evaluationId: string,
  input: { grade: EvaluationGrade; comments: string },
  actorId: string,
) {
  const deliver = await prisma.$transaction(async (tx) => {
    const evaluation = await tx.studioEvaluation.findFirst({ where: { id: evaluationId, studioId }, include: { studio: { select: { name: true } } } });
    if (!evaluation) throw new Response("Not Found", { status: 404 });
    if (evaluation.grade) throw new UserError("studios.errors.evaluationGraded", { cycle: evaluation.cycle });
    await tx.studioEvaluation.update({ where: { id: evaluationId }, data: { grade: input.grade, comments: input.comments, gradedById: actorId, gradedAt: new Date() } });
    await recordAudit(tx, { actorId, action: "evaluation.grade", entityType: "StudioEvaluation", entityId: evaluationId, data: { studioId, cycle: evaluation.cycle, grade: input.grade } });
    const leaders = await tx.studioMembership.findMany({ where: { studioId, role: "LEADER" }, select: { userId: true } });
    return createNotifications(
      tx,
      leaders.map((l) => ({
        userId: l.userId,
        type: "studios.notices.evaluationGraded",
        data: { studio: evaluation.studio.name, cycle: evaluation.cycle },
        link: `/studios/${studioId}/evaluations`,
      })),
    );
  });
  deliver();
}
