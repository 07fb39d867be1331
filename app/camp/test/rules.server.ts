import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { drawPaper, validateRules, type DrawError } from "../paper.ts";
import type { PaperRuleInput } from "./schemas.ts";
import { drawRules, drawableBank, knowledgeRound } from "./attempts.server.ts";

/**
 * The paper rules (组卷规则) of a camp's knowledge test: so many questions of a duty, kind and
 * difficulty range at so many points each. Checked against the bank with paper.ts (a rule the bank
 * cannot fill is named with how many it lacks). They change only before the camp opens: papers
 * drawn under other rules would not be comparable.
 */



/** The round, its rules and what the bank says of them (null when the camp has no test). */
export async function paperRulesPage(campId: string) {
  const round = await knowledgeRound(campId);
  if (!round) return null;
  const rules = await prisma.paperRule.findMany({ where: { roundId: round.id }, orderBy: { position: "asc" } });
  return {
    roundId: round.id,
    rules: rules.map((rule) => ({ ...rule, pointsEach: Number(rule.pointsEach) })),
    check: await checkAgainstBank(round.id),
  };
}

/** Whether the bank can fill the rules: the draw itself, with a seed of its own (the result does not depend on it). */
export async function checkAgainstBank(roundId: string): Promise<{ ok: true } | { ok: false; errors: DrawError[] }> {
  const rules = await drawRules(roundId);
  if (rules.length === 0) return { ok: false, errors: validateRules(rules) };
  const drawn = drawPaper(await drawableBank(), rules, `check:${roundId}`);
  return drawn.ok ? { ok: true } : drawn;
}

async function editableRound(campId: string) {
  const [camp, round] = await Promise.all([prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { status: true } }), knowledgeRound(campId)]);
  if (!round) throw new UserError("camp.test.errors.noTest", {}, { status: 404 });
  if (camp.status !== "DRAFT") throw new UserError("camp.test.errors.rulesLocked");
  return round;
}

export async function addPaperRule(campId: string, input: PaperRuleInput, actorId: string): Promise<void> {
  const round = await editableRound(campId);
  const errors = validateRules([{ duty: input.duty ?? "ANY", kind: input.kind ?? "ANY", difficulty: { min: input.difficultyMin, max: input.difficultyMax }, count: input.count, pointsEach: input.pointsEach }]);
  if (errors.length > 0) throw new UserError(errors[0]!.key, { ...errors[0]!.params, rule: 1 });
  await prisma.$transaction(async (tx) => {
    const last = await tx.paperRule.findFirst({ where: { roundId: round.id }, orderBy: { position: "desc" }, select: { position: true } });
    const total = await tx.paperRule.aggregate({ where: { roundId: round.id }, _sum: { count: true } });
    if ((total._sum.count ?? 0) + input.count > 200) throw new UserError("camp.scoring.paper.tooManyQuestions", { count: (total._sum.count ?? 0) + input.count, max: 200 });
    const rule = await tx.paperRule.create({
      data: { roundId: round.id, position: (last?.position ?? -1) + 1, duty: input.duty ?? null, kind: input.kind ?? null, difficultyMin: input.difficultyMin, difficultyMax: input.difficultyMax, count: input.count, pointsEach: input.pointsEach },
    });
    await recordAudit(tx, { actorId, action: "camp.test.rule-add", entityType: "PaperRule", entityId: rule.id, data: { campId } });
  });
}

export async function removePaperRule(campId: string, ruleId: string, actorId: string): Promise<void> {
  const round = await editableRound(campId);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.paperRule.deleteMany({ where: { id: ruleId, roundId: round.id } });
    if (count === 0) throw new UserError("camp.test.errors.badRule", {}, { status: 404 });
    await recordAudit(tx, { actorId, action: "camp.test.rule-remove", entityType: "PaperRule", entityId: ruleId, data: { campId } });
  });
}
