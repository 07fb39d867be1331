import { z } from "zod";
import { Duty } from "~/generated/prisma/enums.ts";
import { issueMessage } from "~/lib/zod-form.ts";
import { MAX_DIFFICULTY, MIN_DIFFICULTY, QUESTION_KINDS, questionDraftSchema, type QuestionDraft } from "../question-draft.ts";
import { bankIssue } from "./version.ts";
import { versionField } from "~/lib/version.ts";

/**
 * The bank's forms (decision 084). The question form is checked by the importers' own draft schema
 * (decision 081), so a question typed in and one imported obey the same rules, and by the bank's
 * own (one blank per fill-in); each problem is said at the field it is about.
 */

export const MAX_CATEGORY = 100;
export const BANK_PAGE_SIZE = 20;

/** Where a problem of the draft is shown on the form: its fields are named as the draft's, except the fill-in's answers. */
function formPath(path: readonly PropertyKey[]): PropertyKey[] {
  const [field, ...rest] = path;
  if (field === "blanks") return ["accepted"];
  if (field === "duties") return ["duties"];
  if (field === "title" || field === undefined) return ["stem"];
  return [field, ...rest];
}

const questionFields = z.object({
  /** An edit: the version of the question it was made against (decision 095). */
  version: versionField,
  kind: z.enum(QUESTION_KINDS, { error: "camp.import.errors.unknownKind" }),
  category: z.string().trim().max(MAX_CATEGORY, "camp.bank.errors.categoryTooLong").default(""),
  stem: z.string().default(""),
  duties: z.array(z.string()).default([]),
  difficulty: z.number({ error: "camp.import.errors.badDifficulty" }).optional(),
  explanation: z.string().optional(),
  /** Each option with its "right answer" box (one for single choice, one or more for multiple choice). */
  options: z.array(z.object({ text: z.string().default(""), correct: z.boolean().default(false) })).default([]),
  answer: z.enum(["true", "false"], { error: "camp.import.errors.noCorrectAnswer" }).optional(),
  /** The accepted answers of the blank (fill-in). */
  accepted: z.array(z.string().default("")).default([]),
  referenceAnswer: z.string().optional(),
  gradingNotes: z.string().optional(),
});

export type QuestionFormInput = z.input<typeof questionFields>;

/** The form as a draft: only the parts of its kind count (a form may carry the others' fields). */
function draftInput(form: z.output<typeof questionFields>) {
  const common = { stem: form.stem, duties: form.duties, difficulty: form.difficulty ?? Number.NaN, explanation: form.explanation };
  switch (form.kind) {
    case "SINGLE":
    case "MULTIPLE": {
      // Rows left empty at the end (the form offers a few) are not options.
      const options = form.options.map((option) => ({ text: option.text, correct: option.correct }));
      while (options.length && !options.at(-1)!.text.trim() && !options.at(-1)!.correct) options.pop();
      return { kind: form.kind, ...common, options };
    }
    case "TRUE_FALSE":
      return { kind: form.kind, ...common, answer: form.answer === undefined ? undefined : form.answer === "true" };
    case "FILL_IN":
      return { kind: form.kind, ...common, blanks: [form.accepted.map((text) => text.trim()).filter(Boolean)] };
    case "SHORT_ANSWER":
      return { kind: form.kind, ...common, referenceAnswer: form.referenceAnswer, gradingNotes: form.gradingNotes };
  }
}

/** A question as typed in (new, or a new version of one): the category and the checked draft. */
export const questionFormSchema = questionFields.transform((form, ctx): { category: string; draft: QuestionDraft; version?: string } => {
  // Several blanks are the bank's refusal, said as such rather than as a count of answer groups.
  const severalBlanks = form.kind === "FILL_IN" && (form.stem.match(/_{3,}/g)?.length ?? 0) > 1;
  if (severalBlanks) ctx.addIssue({ code: "custom", message: "camp.bank.errors.oneBlank", path: ["accepted"] });
  const parsed = questionDraftSchema.safeParse(draftInput(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (severalBlanks && issue.message === "camp.import.errors.blankCount") continue;
      // The draft schema's keys, with their values ("…?max=2000"), said at the form's field.
      const [message, query = ""] = issueMessage(issue).split("?") as [string, string?];
      ctx.addIssue({ code: "custom", message, params: Object.fromEntries(new URLSearchParams(query)), path: formPath(issue.path) });
    }
    return z.NEVER;
  }
  if (severalBlanks) return z.NEVER;
  const refused = bankIssue(parsed.data);
  if (refused) {
    ctx.addIssue({ code: "custom", message: refused, path: [refused === "camp.bank.errors.oneBlank" ? "accepted" : "options"] });
    return z.NEVER;
  }
  return { category: form.category, draft: parsed.data, version: form.version };
});

export type QuestionFormValue = z.output<typeof questionFormSchema>;

const difficulty = z.coerce.number().int().min(MIN_DIFFICULTY).max(MAX_DIFFICULTY);

/** The list's filters, from the address bar: anything unreadable is simply no filter. */
export const bankFilterSchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  kind: z.enum(QUESTION_KINDS).optional().catch(undefined),
  duty: z.enum(Duty).optional().catch(undefined),
  difficulty: difficulty.optional().catch(undefined),
  category: z.string().trim().max(MAX_CATEGORY).optional().catch(undefined).transform((value) => value || undefined),
  q: z.string().trim().max(100).optional().catch(undefined).transform((value) => value || undefined),
  /** In use (default), retired, or both. */
  status: z.enum(["active", "retired", "all"]).catch("active"),
});

export type BankFilter = z.output<typeof bankFilterSchema>;

export const questionIdSchema = z.object({ questionId: z.string().min(1).max(100) });

/** The import's upload: the file, its format, and what questions without duties or difficulty get. */
export const importUploadSchema = z.object({
  format: z.enum(["xlsx", "gift"], { error: "camp.bank.importPage.errors.formatRequired" }),
  file: z
    .instanceof(File, { message: "camp.bank.importPage.errors.fileRequired" })
    .refine((file) => file.size > 0 && file.name !== "", "camp.bank.importPage.errors.fileRequired"),
  category: z.string().trim().max(MAX_CATEGORY, "camp.bank.errors.categoryTooLong").default(""),
  duties: z.array(z.enum(Duty, { error: "camp.import.errors.unknownDuty" })).default([]),
  difficulty: difficulty.optional(),
});

export const importConfirmSchema = z.object({
  token: z.string().min(1).max(100),
  format: z.enum(["xlsx", "gift"]),
  category: z.string().trim().max(MAX_CATEGORY).default(""),
  duties: z.array(z.enum(Duty)).default([]),
  difficulty: difficulty.optional(),
});
