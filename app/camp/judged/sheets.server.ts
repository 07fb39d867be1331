import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { UserError } from "~/lib/user-error.ts";
import { sheetTotal, validateScoreSheet, type RubricCriterion } from "../judging.ts";
import { announceSheet } from "./board-live.server.ts";
import type { SheetInput } from "./schemas.ts";

/**
 * A judge's score sheet (one contestant, one judge): each criterion of the round's rubric from 0
 * to its weight (tenths at most, judging.ts), a comment, saved as a draft any number of times and
 * submitted once, after which it is read-only. Routes authorise "camp-entry:score" first.
 */

/** The sheet as its page shows it (authorise "camp-entry:view" for one's own, "camp:view-all" otherwise). */
export async function sheetView(assignmentId: string, db: Db = prisma) {
  const sheet = await db.judgeAssignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true,
      comment: true,
      total: true,
      submittedAt: true,
      scores: { select: { criterionId: true, score: true } },
      judge: { select: { user: { select: { name: true } } } },
      round: {
        select: {
          id: true,
          kind: true,
          camp: { select: { id: true, title: true } },
          rubric: { select: { name: true, criteria: { orderBy: { position: "asc" }, select: { id: true, name: true, description: true, weight: true } } } },
        },
      },
      entry: { select: { sequence: true, panel: true, participant: { select: { user: { select: { name: true } } } }, topic: { select: { title: true, body: true } } } },
    },
  });
  if (!sheet) throw new Response("Not Found", { status: 404 });
  const scores = new Map(sheet.scores.map((s) => [s.criterionId, Number(s.score)]));
  return {
    id: sheet.id,
    comment: sheet.comment,
    total: sheet.total === null ? null : Number(sheet.total),
    submittedAt: sheet.submittedAt,
    judgeName: sheet.judge.user.name,
    round: { id: sheet.round.id, kind: sheet.round.kind },
    camp: sheet.round.camp,
    contestant: { name: sheet.entry.participant.user.name, sequence: sheet.entry.sequence, panel: sheet.entry.panel },
    topic: sheet.entry.topic,
    rubricName: sheet.round.rubric?.name ?? null,
    criteria: (sheet.round.rubric?.criteria ?? []).map((c) => ({ ...c, score: scores.get(c.id) ?? null })),
  };
}

/**
 * Saves the sheet; `submit` also checks it is complete, stores the total and locks it. Every point
 * given is checked against the rubric (a point outside 0..weight or with two decimals is refused in
 * Chinese at its field, and nothing is stored); a draft may leave criteria blank.
 */
export async function saveSheet(assignmentId: string, input: SheetInput, actorId: string, { submit }: { submit: boolean }) {
  const { roundId } = await prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ submittedAt: Date | null }>>`SELECT "submittedAt" FROM "JudgeAssignment" WHERE "id" = ${assignmentId} FOR UPDATE`;
    if (locked.length === 0) throw new Response("Not Found", { status: 404 });
    if (locked[0]!.submittedAt) throw new UserError("camp.judged.errors.alreadySubmitted");
    const sheet = await tx.judgeAssignment.findUniqueOrThrow({
      where: { id: assignmentId },
      select: { roundId: true, entryId: true, round: { select: { rubric: { select: { criteria: { orderBy: { position: "asc" }, select: { id: true, name: true, weight: true, duties: true } } } } } } },
    });
    const criteria: RubricCriterion[] = (sheet.round.rubric?.criteria ?? []).map((c) => ({ key: c.id, label: c.name, weight: c.weight, duties: c.duties }));
    if (criteria.length === 0) throw new UserError("camp.judged.errors.noRubric");

    const points: Record<string, number> = {};
    for (const [criterionId, text] of Object.entries(input.scores)) {
      if (text === undefined || text === "") continue;
      const value = Number(text);
      const label = criteria.find((c) => c.key === criterionId)?.label ?? criterionId;
      if (!Number.isFinite(value)) throw new UserError("camp.judged.errors.notANumber", { criterion: label }, { field: `scores.${criterionId}` });
      points[criterionId] = value;
    }
    const errors = validateScoreSheet(criteria, points).filter((error) => submit || error.key !== "camp.scoring.sheet.missing");
    if (errors.length > 0) {
      const first = errors[0]!;
      const criterion = criteria.find((c) => c.label === first.params.criterion);
      throw new UserError(first.key, first.params, { field: criterion ? `scores.${criterion.key}` : undefined, details: { errors: errors.length } });
    }

    await tx.judgeScore.deleteMany({ where: { assignmentId, criterionId: { notIn: Object.keys(points) } } });
    for (const [criterionId, score] of Object.entries(points)) {
      await tx.judgeScore.upsert({ where: { assignmentId_criterionId: { assignmentId, criterionId } }, create: { assignmentId, criterionId, score }, update: { score } });
    }
    const data: Prisma.JudgeAssignmentUpdateInput = { comment: input.comment };
    if (submit) Object.assign(data, { total: sheetTotal(points), submittedAt: new Date() });
    await tx.judgeAssignment.update({ where: { id: assignmentId }, data });
    if (submit) {
      await recordAudit(tx, { actorId, action: "camp.sheet-submit", entityType: "JudgeAssignment", entityId: assignmentId, data: { roundId: sheet.roundId, entryId: sheet.entryId, total: sheetTotal(points) } });
    }
    return { roundId: sheet.roundId };
  });
  if (submit) announceSheet(roundId, assignmentId);
}

/** A judge's sheets (the judging list, phone first): own sheets only, of entries the policy lets them see. */
export async function judgeSheets(where: Prisma.CampRoundEntryWhereInput, userId: string, { page = 1, pageSize = 20 }: { page?: number; pageSize?: number } = {}, db: Db = prisma) {
  const filter: Prisma.JudgeAssignmentWhereInput = { judge: { userId }, entry: where, round: { camp: { status: { in: ["OPEN", "SCORING"] } } } };
  const [total, rows] = await Promise.all([
    db.judgeAssignment.count({ where: filter }),
    db.judgeAssignment.findMany({
      where: filter,
      orderBy: [{ submittedAt: { sort: "desc", nulls: "first" } }, { entry: { sequence: { sort: "asc", nulls: "last" } } }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        submittedAt: true,
        total: true,
        round: { select: { kind: true, camp: { select: { title: true } } } },
        entry: { select: { sequence: true, panel: true, participant: { select: { user: { select: { name: true } } } }, topic: { select: { title: true } } } },
      },
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    sheets: rows.map((row) => ({
      id: row.id,
      submittedAt: row.submittedAt,
      total: row.total === null ? null : Number(row.total),
      roundKind: row.round.kind,
      campTitle: row.round.camp.title,
      contestant: row.entry.participant.user.name,
      sequence: row.entry.sequence,
      panel: row.entry.panel,
      topic: row.entry.topic?.title ?? null,
    })),
  };
}
