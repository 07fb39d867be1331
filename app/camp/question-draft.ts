import type { TFunction } from "i18next";
import { z } from "zod";
import { Duty } from "~/generated/prisma/enums.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import { translateKey, translateKnown, type MessageParams } from "~/i18n/keys.ts";
import { issueMessage } from "~/lib/zod-form.ts";

/**
 * A question as every importer produces it (GIFT, .xlsx) before it is written to the bank, and the
 * schema that checks it (decision 081). Pure: no database; the bank service turns drafts into rows.
 */

export const QUESTION_KINDS = ["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_IN", "SHORT_ANSWER"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const DUTIES = Object.values(Duty);
export const MAX_STEM = 2000;
export const MAX_OPTION = 500;
export const MAX_EXPLANATION = 2000;
export const MAX_REFERENCE_ANSWER = 5000;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
/** Difficulty is 1 (easiest) to 5 (hardest); the words schools use map to the middle three. */
export const MIN_DIFFICULTY = 1;
export const MAX_DIFFICULTY = 5;
/**
 * A blank in a fill-in stem: three or more underscores ("____"). The GIFT importer writes
 * BLANK where the answer braces stood in the middle of a sentence.
 */
export const BLANK = "____";
const BLANK_RUN = /_{3,}/g;

/** Where a problem is (a GIFT line, a spreadsheet row and column) and what it is: a message key, possibly with its values ("key?max=2000"). */
export interface ImportIssue {
  line?: number;
  column?: string;
  message: string;
  params?: MessageParams;
}

/** A question read from a file, with the line (GIFT) or row (.xlsx) it starts on. */
export interface ImportedQuestion {
  line: number;
  draft: QuestionDraft;
}

/** A whole file is taken or refused: every problem is listed, and nothing is imported while there is one. */
export type ImportResult = { ok: true; questions: ImportedQuestion[] } | { ok: false; errors: ImportIssue[] };

const text = (max: number, requiredKey: string, tooLongKey: string) => z.string({ error: requiredKey }).trim().min(1, requiredKey).max(max, tooLongKey);
const optionalText = (max: number, tooLongKey: string) =>
  z.string().trim().max(max, tooLongKey).optional().transform((value) => value || undefined);

const common = {
  title: optionalText(200, "camp.import.errors.titleTooLong"),
  stem: text(MAX_STEM, "camp.import.errors.stemRequired", "camp.import.errors.stemTooLong"),
  duties: z
    .array(z.enum(DUTIES as [Duty, ...Duty[]], { error: "camp.import.errors.unknownDuty" }), { error: "camp.import.errors.dutiesRequired" })
    .min(1, "camp.import.errors.dutiesRequired")
    .transform((duties) => [...new Set(duties)]),
  difficulty: z
    .number({ error: "camp.import.errors.badDifficulty" })
    .int("camp.import.errors.badDifficulty")
    .min(MIN_DIFFICULTY, "camp.import.errors.badDifficulty")
    .max(MAX_DIFFICULTY, "camp.import.errors.badDifficulty"),
  explanation: optionalText(MAX_EXPLANATION, "camp.import.errors.explanationTooLong"),
};

const option = z.object({
  text: text(MAX_OPTION, "camp.import.errors.optionRequired", "camp.import.errors.optionTooLong"),
  correct: z.boolean(),
});
const options = z.array(option).min(MIN_OPTIONS, "camp.import.errors.tooFewOptions").max(MAX_OPTIONS, "camp.import.errors.tooManyOptions");

/** Options must differ, or a person could not tell which one they chose. */
function distinctOptions(value: { options: Array<{ text: string }> }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  value.options.forEach(({ text }, index) => {
    if (seen.has(text)) ctx.addIssue({ code: "custom", message: "camp.import.errors.duplicateOption", params: { option: text }, path: ["options", index] });
    seen.add(text);
  });
}

const single = z
  .object({ kind: z.literal("SINGLE"), ...common, options })
  .superRefine((value, ctx) => {
    const correct = value.options.filter((o) => o.correct).length;
    if (correct === 0) ctx.addIssue({ code: "custom", message: "camp.import.errors.noCorrectAnswer", path: ["options"] });
    if (correct > 1) ctx.addIssue({ code: "custom", message: "camp.import.errors.singleHasSeveral", params: { count: correct }, path: ["options"] });
    distinctOptions(value, ctx);
  });

const multiple = z
  .object({ kind: z.literal("MULTIPLE"), ...common, options })
  .superRefine((value, ctx) => {
    if (!value.options.some((o) => o.correct)) ctx.addIssue({ code: "custom", message: "camp.import.errors.noCorrectAnswer", path: ["options"] });
    distinctOptions(value, ctx);
  });

const trueFalse = z.object({
  kind: z.literal("TRUE_FALSE"),
  ...common,
  answer: z.boolean({ error: "camp.import.errors.noCorrectAnswer" }),
});

/** Each blank with the answers accepted for it (one or more). */
const fillIn = z
  .object({
    kind: z.literal("FILL_IN"),
    ...common,
    blanks: z
      .array(z.array(z.string().trim().min(1, "camp.import.errors.optionRequired").max(MAX_OPTION, "camp.import.errors.optionTooLong")), {
        error: "camp.import.errors.noCorrectAnswer",
      })
      .transform((blanks) => blanks.map((accepted) => [...new Set(accepted)])),
  })
  .superRefine((value, ctx) => {
    if (value.blanks.length === 0 || value.blanks.some((accepted) => accepted.length === 0)) {
      ctx.addIssue({ code: "custom", message: "camp.import.errors.noCorrectAnswer", path: ["blanks"] });
      return;
    }
    // A stem with no marked blank asks one question (the answer follows it); otherwise one answer group per blank.
    const marked = value.stem.match(BLANK_RUN)?.length ?? 0;
    const expected = Math.max(marked, 1);
    if (value.blanks.length !== expected) {
      ctx.addIssue({ code: "custom", message: "camp.import.errors.blankCount", params: { blanks: marked, answers: value.blanks.length }, path: ["blanks"] });
    }
  });

/** Judged by people: the reference answer and grading notes help the judges, neither is required. */
const shortAnswer = z.object({
  kind: z.literal("SHORT_ANSWER"),
  ...common,
  referenceAnswer: optionalText(MAX_REFERENCE_ANSWER, "camp.import.errors.referenceTooLong"),
  gradingNotes: optionalText(MAX_EXPLANATION, "camp.import.errors.gradingNotesTooLong"),
});

export const questionDraftSchema = z.discriminatedUnion("kind", [single, multiple, trueFalse, fillIn, shortAnswer], {
  error: "camp.import.errors.unknownKind",
});

export type QuestionDraft = z.output<typeof questionDraftSchema>;
export type QuestionDraftInput = z.input<typeof questionDraftSchema>;

/**
 * Checks one draft; problems carry the line or row they are about, and the column when the
 * caller names the column of a field's path (["stem"], ["options", 2, "text"], ["duties"] …).
 */
export function checkDraft(input: unknown, line: number, columnOf: (path: readonly PropertyKey[]) => string | undefined = () => undefined): { draft: QuestionDraft } | { errors: ImportIssue[] } {
  const parsed = questionDraftSchema.safeParse(input);
  if (parsed.success) return { draft: parsed.data };
  const errors: ImportIssue[] = [];
  // One entry per distinct problem: an option list with three empty options says so once.
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const message = issueMessage(issue);
    if (seen.has(message)) continue;
    seen.add(message);
    const column = columnOf(issue.path);
    errors.push(column ? { line, column, message } : { line, message });
  }
  return { errors };
}

// ───────────── duties and difficulty as people write them ─────────────

const normalise = (value: string) => value.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/**
 * Short names schools use for the nine duties, besides the full label (心理健康教育与咨询工作) and
 * the code (MENTAL_HEALTH). A fixed list rather than a fuzzy match, so a category called 学生 or
 * 教育 never tags a question by accident.
 */
const DUTY_ALIASES: Record<Duty, readonly string[]> = {
  IDEOLOGY: ["思想理论教育", "价值引领", "思政教育", "思想政治教育"],
  PARTY_CLASS: ["党团建设", "班级建设", "党团和班级建设", "党团"],
  STUDY_STYLE: ["学风"],
  DAILY_AFFAIRS: ["日常事务管理", "日常事务", "事务管理"],
  MENTAL_HEALTH: ["心理健康", "心理健康教育", "心理咨询", "心理"],
  ONLINE_EDUCATION: ["网络思政", "网络育人", "网络思想政治教育"],
  CRISIS: ["危机事件应对", "危机应对", "危机"],
  CAREER: ["职业规划", "就业创业指导", "就业指导", "生涯规划", "就业"],
  RESEARCH: ["理论和实践研究", "理论研究", "实践研究", "研究"],
};

const DUTY_BY_NAME = new Map<string, Duty>(
  DUTIES.flatMap((duty) => [duty, enumLabels.duty[duty][0], enumLabels.duty[duty][1], ...DUTY_ALIASES[duty]].map((name) => [normalise(name), duty] as const)),
);

/** The duty a label, code or short name means, or null. */
export function findDuty(name: string): Duty | null {
  return DUTY_BY_NAME.get(normalise(name)) ?? null;
}

/** Several duties in one cell: 心理健康、危机应对 (separated by 、 , ， ; ； or a line break). */
export function splitNames(value: string): string[] {
  return [...new Set(value.split(/[、,，;；\n]+/).map((part) => part.trim()).filter(Boolean))];
}

const DIFFICULTY_WORDS: Record<string, number> = {
  很容易: 1, 很简单: 1, 容易: 2, 简单: 2, 易: 2, 较易: 2, easy: 2,
  中等: 3, 中: 3, 一般: 3, 适中: 3, medium: 3,
  难: 4, 较难: 4, 困难: 4, hard: 4, 很难: 5, 非常难: 5,
};

/**
 * A difficulty as written: 1–5 (a number or its text), a word (容易 2, 中等 3, 较难 4 …; EASY 2,
 * MEDIUM 3, HARD 4), optionally after 难度 ("难度3", "难度：中等"). Null when it is none of these.
 */
export function parseDifficulty(value: string | number): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= MIN_DIFFICULTY && value <= MAX_DIFFICULTY ? value : null;
  const text = normalise(value).replace(/^(难度|difficulty)[:=]?/, "");
  if (/^[1-5]$/.test(text)) return Number(text);
  return DIFFICULTY_WORDS[text] ?? null;
}

// ───────────── problems as people read them ─────────────

/** One problem as a sentence: "第 5 行「职责」：…" for a spreadsheet, "第 12 行：…" for a GIFT file. */
export function issueText(t: TFunction, issue: ImportIssue, source: "gift" | "xlsx"): string {
  const message = translateKnown(t, issue.message, issue.params);
  if (issue.line === undefined) return message;
  if (source === "gift") return translateKey(t, "camp.import.atLine", { line: issue.line, message });
  if (issue.column) return translateKey(t, "camp.import.atCell", { line: issue.line, column: issue.column, message });
  return translateKey(t, "camp.import.atRow", { line: issue.line, message });
}
