import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Duty } from "~/generated/prisma/enums.ts";
import { decodeGift, parseGift } from "../gift.ts";
import type { ImportedQuestion, ImportIssue, QuestionKind } from "../question-draft.ts";
import { readQuestionSheet } from "../question-xlsx.ts";
import { insertQuestions } from "./bank.server.ts";
import { bankIssue } from "./version.ts";

/**
 * Importing a bank from a filled-in template (.xlsx) or Moodle's GIFT text (decision 081): the
 * file is read by the importers, then checked by the bank's own rule (one blank per fill-in); one
 * problem anywhere refuses the whole file. A good file is written in one transaction.
 */

export type ImportFormat = "xlsx" | "gift";

export interface ImportDefaults {
  /** The category every imported question gets (the list filters by it). */
  category: string;
  /** For questions whose file names no duty (a blank 职责, a GIFT category naming none). */
  duties: Duty[];
  /** For questions whose file names no difficulty. */
  difficulty?: number;
}

/** What a good file would import: counts per kind and per duty (a question of two duties counts under both), and its first questions. */
export interface ImportSummary {
  total: number;
  byKind: Partial<Record<QuestionKind, number>>;
  byDuty: Partial<Record<Duty, number>>;
  rows: Array<{ line: number; kind: QuestionKind; stem: string; duties: Duty[]; difficulty: number }>;
}

export type ImportCheck = { ok: true; questions: ImportedQuestion[]; summary: ImportSummary } | { ok: false; errors: ImportIssue[] };

const PREVIEW_ROWS = 50;
const PREVIEW_STEM = 80;

/** Reads and checks a file; writes nothing. */
export async function checkImport(buffer: Buffer, format: ImportFormat, defaults: ImportDefaults): Promise<ImportCheck> {
  const options = { duties: defaults.duties.length ? defaults.duties : undefined, difficulty: defaults.difficulty };
  const read = format === "xlsx" ? await readQuestionSheet(buffer, options) : parseGift(decodeGift(buffer), options);
  if (!read.ok) return read;
  const errors: ImportIssue[] = read.questions.flatMap(({ line, draft }) => {
    const issue = bankIssue(draft);
    return issue ? [{ line, message: issue }] : [];
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, questions: read.questions, summary: summarise(read.questions) };
}

function summarise(questions: readonly ImportedQuestion[]): ImportSummary {
  const byKind: ImportSummary["byKind"] = {};
  const byDuty: ImportSummary["byDuty"] = {};
  for (const { draft } of questions) {
    byKind[draft.kind] = (byKind[draft.kind] ?? 0) + 1;
    for (const duty of draft.duties) byDuty[duty] = (byDuty[duty] ?? 0) + 1;
  }
  const rows = questions.slice(0, PREVIEW_ROWS).map(({ line, draft }) => ({
    line,
    kind: draft.kind,
    stem: Array.from(draft.stem).length > PREVIEW_STEM ? `${Array.from(draft.stem).slice(0, PREVIEW_STEM).join("")}…` : draft.stem,
    duties: draft.duties,
    difficulty: draft.difficulty,
  }));
  return { total: questions.length, byKind, byDuty, rows };
}

/** Checks the file again (what was previewed) and writes every question, or nothing when anything is wrong. */
export async function importQuestions(buffer: Buffer, format: ImportFormat, defaults: ImportDefaults, fileName: string, actorId: string): Promise<ImportCheck> {
  const checked = await checkImport(buffer, format, defaults);
  if (!checked.ok) return checked;
  await prisma.$transaction(
    async (tx) => {
      const ids = await insertQuestions(tx, checked.questions.map((q) => q.draft), defaults.category, format === "xlsx" ? "XLSX" : "GIFT", actorId);
      await recordAudit(tx, {
        actorId,
        action: "camp-question.import",
        entityType: "Question",
        entityId: ids[0]!,
        data: { count: ids.length, format, fileName, category: defaults.category },
      });
    },
    { timeout: 60_000 },
  );
  return checked;
}
