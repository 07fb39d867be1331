import type { Db } from "~/db/client.server.ts";
import type { CampRoundKind } from "~/generated/prisma/enums.ts";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { DEFAULT_LANGUAGE } from "~/i18n/resources.ts";
import { CASE_TEMPLATE, rubricFromTemplate, TALK_TEMPLATE, validateRubric, type RubricTemplate } from "../judging.ts";

/**
 * The rubrics of the judged rounds (案例研讨, 谈心谈话). The two templates that ship with the product
 * (app/camp/judging.ts) exist as built-in template rows, created on first use; a judged round gets
 * its own copy, so that editing a template never changes a round already set up or scored.
 */

const TEMPLATES: Partial<Record<CampRoundKind, RubricTemplate>> = { CASE_STUDY: CASE_TEMPLATE, TALK: TALK_TEMPLATE };
const NAME_KEYS = { CASE_STUDY: "camp.setup.rubric.caseStudy", TALK: "camp.setup.rubric.talk" } as const;

/**
 * The built-in template of a judged round kind, created if none exists yet (idempotent: a second
 * call, or a second camp, finds the first). Labels are the school's language (Chinese).
 */
export async function builtInTemplate(tx: Db, kind: "CASE_STUDY" | "TALK"): Promise<string> {
  const existing = await tx.rubric.findFirst({ where: { kind, isTemplate: true, builtIn: true }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (existing) return existing.id;
  // Two camps created at once must not ship two templates: one lock per kind for this transaction.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`camp-rubric-template:${kind}`}))`;
  const again = await tx.rubric.findFirst({ where: { kind, isTemplate: true, builtIn: true }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (again) return again.id;
  const { t } = await i18nFor(DEFAULT_LANGUAGE);
  const criteria = rubricFromTemplate(TEMPLATES[kind]!, (key) => translateKey(t, key));
  // The shipped templates are valid; this guards a future edit of them.
  if (validateRubric(criteria).length) throw new Error(`The built-in ${kind} rubric template is not valid`);
  const rubric = await tx.rubric.create({
    data: {
      name: translateKey(t, NAME_KEYS[kind]),
      kind,
      isTemplate: true,
      builtIn: true,
      criteria: { create: criteria.map((c, position) => ({ position, name: c.label, weight: c.weight, duties: [...c.duties] })) },
    },
    select: { id: true },
  });
  return rubric.id;
}

/** A round's own copy of a rubric (template or not): a new Rubric that is no template. */
export async function copyRubric(tx: Db, rubricId: string): Promise<string> {
  const source = await tx.rubric.findUniqueOrThrow({
    where: { id: rubricId },
    select: { name: true, kind: true, criteria: { orderBy: { position: "asc" }, select: { position: true, name: true, description: true, weight: true, duties: true } } },
  });
  const copy = await tx.rubric.create({
    data: { name: source.name, kind: source.kind, isTemplate: false, builtIn: false, criteria: { create: source.criteria } },
    select: { id: true },
  });
  return copy.id;
}
