import { recordAudit } from "~/audit/audit.server.ts";
import { prisma, type Db } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { QuestionSource } from "~/generated/prisma/enums.ts";
import { UserError } from "~/lib/user-error.ts";
import { claimVersion, edited } from "~/lib/versioned.server.ts";
import type { QuestionDraft } from "../question-draft.ts";
import { BANK_PAGE_SIZE, type BankFilter, type QuestionFormValue } from "./schemas.ts";
import { formValuesOf, sameContent, versionOf, type VersionContent } from "./version.ts";

/**
 * The school's question bank (题库, issue 20 §2, decision 084). Only 学工部 reaches it (the routes
 * authorise `camp-bank:manage`). A question's content lives in immutable versions: an edit writes
 * version n+1 and moves `currentVersionId`, so a paper drawn earlier still shows what it drew.
 * Retired questions are kept (papers point at them) and never drawn again.
 */

const versionData = (content: VersionContent) => ({
  kind: content.kind,
  stem: content.stem,
  options: content.options,
  answerKey: content.answerKey,
  duties: content.duties,
  difficulty: content.difficulty,
  explanation: content.explanation,
});

/** A new question typed in on the page (source MANUAL), as version 1. */
export async function createQuestion(input: QuestionFormValue, actorId: string): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const id = await insertQuestion(tx, input.draft, input.category, "MANUAL", actorId);
    await recordAudit(tx, { actorId, action: "camp-question.create", entityType: "Question", entityId: id, data: { kind: input.draft.kind } });
    return id;
  });
}

async function insertQuestion(tx: Db, draft: QuestionDraft, category: string, source: QuestionSource, actorId: string): Promise<string> {
  const question = await tx.question.create({ data: { category, source, createdById: actorId }, select: { id: true } });
  const version = await tx.questionVersion.create({
    data: { questionId: question.id, number: 1, ...versionData(versionOf(draft)), createdById: actorId },
    select: { id: true },
  });
  await tx.question.update({ where: { id: question.id }, data: { currentVersionId: version.id } });
  return question.id;
}

/** Writes many checked drafts at once (an import): a few statements whatever their number, in the caller's transaction. */
export async function insertQuestions(tx: Db, drafts: readonly QuestionDraft[], category: string, source: QuestionSource, actorId: string): Promise<string[]> {
  const rows = drafts.map((draft) => ({ questionId: crypto.randomUUID(), versionId: crypto.randomUUID(), content: versionOf(draft) }));
  await tx.question.createMany({ data: rows.map((row) => ({ id: row.questionId, category, source, createdById: actorId })) });
  await tx.questionVersion.createMany({
    data: rows.map((row) => ({ id: row.versionId, questionId: row.questionId, number: 1, ...versionData(row.content), createdById: actorId })),
  });
  const ids = rows.map((row) => row.questionId);
  await tx.$executeRaw`UPDATE "Question" q SET "currentVersionId" = v.id FROM "QuestionVersion" v WHERE v."questionId" = q.id AND q.id = ANY(${ids}::text[])`;
  return ids;
}

/**
 * A new version of a question: version n+1 becomes current, the earlier ones stay as they were.
 * A change of category alone writes no version; no change at all is refused. An edit made from an
 * older version than the current one (`version`: the question as the form was opened) would make
 * its text current and drop the other's: it is refused with what differs (decision 095).
 */
export async function editQuestion(questionId: string, input: QuestionFormValue, actorId: string): Promise<{ number: number } | { number: null }> {
  return prisma.$transaction(async (tx) => {
    // Two people editing at once get numbers one after the other, not the same number twice.
    await tx.$queryRaw`SELECT id FROM "Question" WHERE id = ${questionId} FOR UPDATE`;
    const question = await tx.question.findUnique({
      where: { id: questionId },
      select: { category: true, currentVersion: { select: { number: true, kind: true, stem: true, options: true, answerKey: true, duties: true, difficulty: true, explanation: true } } },
    });
    if (!question?.currentVersion) throw new Response("Not Found", { status: 404 });
    const content = versionOf(input.draft);
    const current = question.currentVersion;
    await claimVersion(input.version, {
      claim: (updatedAt) => tx.question.updateMany({ where: { id: questionId, updatedAt }, data: { updatedAt: new Date() } }),
      current: async () => {
        const row = await tx.question.findUniqueOrThrow({ where: { id: questionId }, select: { updatedAt: true } });
        return { ...current, category: question.category, answer: answerText(current), duties: [...current.duties], updatedAt: row.updatedAt };
      },
      fields: {
        category: edited("camp.bank.form.category", input.category),
        stem: edited("camp.bank.form.stem", content.stem),
        answer: edited("camp.bank.form.answer", answerText(content)),
        duties: edited("camp.bank.form.duties", content.duties, (duties) => duties.map((duty) => ({ key: `duty.${duty}` }))),
        difficulty: edited("camp.bank.form.difficulty", content.difficulty),
        explanation: edited("camp.bank.form.explanation", content.explanation),
      },
    });
    const same = sameContent(content, current);
    const categoryChanged = question.category !== input.category;
    if (same && !categoryChanged) throw new UserError("camp.bank.errors.unchanged");
    if (categoryChanged) await tx.question.update({ where: { id: questionId }, data: { category: input.category } });
    let number: number | null = null;
    if (!same) {
      number = current.number + 1;
      const version = await tx.questionVersion.create({ data: { questionId, number, ...versionData(content), createdById: actorId }, select: { id: true } });
      await tx.question.update({ where: { id: questionId }, data: { currentVersionId: version.id } });
    }
    await recordAudit(tx, { actorId, action: "camp-question.edit", entityType: "Question", entityId: questionId, data: { version: number, category: categoryChanged } });
    return { number };
  });
}

/** Retires a question (never drawn again; papers that drew it keep it) or puts it back into use. */
export async function setRetired(questionId: string, retired: boolean, actorId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.question.updateMany({
      where: { id: questionId, retiredAt: retired ? null : { not: null } },
      data: { retiredAt: retired ? new Date() : null },
    });
    if (count === 0) {
      if (!(await tx.question.count({ where: { id: questionId } }))) throw new Response("Not Found", { status: 404 });
      throw new UserError(retired ? "camp.bank.errors.alreadyRetired" : "camp.bank.errors.notRetired");
    }
    await recordAudit(tx, { actorId, action: retired ? "camp-question.retire" : "camp-question.restore", entityType: "Question", entityId: questionId });
  });
}

function listWhere(filter: BankFilter): Prisma.QuestionWhereInput {
  const version: Prisma.QuestionVersionWhereInput = {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.duty ? { duties: { has: filter.duty } } : {}),
    ...(filter.difficulty ? { difficulty: filter.difficulty } : {}),
    ...(filter.q ? { stem: { contains: filter.q, mode: "insensitive" } } : {}),
  };
  return {
    currentVersion: version,
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.status === "active" ? { retiredAt: null } : filter.status === "retired" ? { retiredAt: { not: null } } : {}),
  };
}

/** One page of the bank, newest first, with what the list shows of each question's current version (never its key). */
export async function listQuestions(filter: BankFilter, db: Db = prisma) {
  const where = listWhere(filter);
  const total = await db.question.count({ where });
  const pages = Math.max(1, Math.ceil(total / BANK_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const rows = await db.question.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * BANK_PAGE_SIZE,
    take: BANK_PAGE_SIZE,
    select: {
      id: true,
      category: true,
      source: true,
      retiredAt: true,
      currentVersion: { select: { number: true, kind: true, stem: true, duties: true, difficulty: true } },
    },
  });
  const items = rows.flatMap(({ currentVersion, ...question }) => (currentVersion ? [{ ...question, ...currentVersion }] : []));
  return { items, total, page, pages };
}

/** The categories in use, for the list's filter. */
export async function bankCategories(db: Db = prisma): Promise<string[]> {
  const rows = await db.question.findMany({ where: { category: { not: "" } }, distinct: ["category"], select: { category: true }, orderBy: { category: "asc" }, take: 200 });
  return rows.map((row) => row.category);
}

const versionSelect = {
  id: true,
  number: true,
  kind: true,
  stem: true,
  options: true,
  answerKey: true,
  duties: true,
  difficulty: true,
  explanation: true,
  createdAt: true,
  createdById: true,
  _count: { select: { attemptQuestions: true } },
} satisfies Prisma.QuestionVersionSelect;

/** A question with all its versions (newest first), each with how many papers drew it. Null when there is none. */
export async function getQuestion(questionId: string, db: Db = prisma) {
  const question = await db.question.findUnique({
    where: { id: questionId },
    select: {
      id: true,
      category: true,
      source: true,
      retiredAt: true,
      createdAt: true,
      updatedAt: true,
      currentVersionId: true,
      versions: { orderBy: { number: "desc" }, select: versionSelect },
    },
  });
  if (!question) return null;
  const authorIds = [...new Set(question.versions.map((v) => v.createdById).filter((id): id is string => id !== null))];
  const authors = new Map((await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const versions = question.versions.map(({ _count, createdById, ...version }) => ({
    ...version,
    drawn: _count.attemptQuestions,
    author: createdById ? (authors.get(createdById) ?? null) : null,
  }));
  const current = versions.find((v) => v.id === question.currentVersionId) ?? versions[0];
  if (!current) return null;
  return { id: question.id, category: question.category, source: question.source, retiredAt: question.retiredAt, createdAt: question.createdAt, updatedAt: question.updatedAt, current, versions };
}

/** A version's options and answer as one line of text: what a conflict shows and compares. */
function answerText(version: { kind: VersionContent["kind"]; stem: string; options: unknown; answerKey: unknown; duties: VersionContent["duties"]; difficulty: number; explanation: string }): string {
  const values = formValuesOf(version);
  if (values.options.length) return values.options.map((option, index) => `${String.fromCharCode(65 + index)}. ${option.text}${option.correct ? " ✓" : ""}`).join("\n");
  return [values.answer, values.accepted, values.referenceAnswer].flat().filter((part) => part !== undefined && part !== "").join("、");
}
