import type { Duty } from "~/generated/prisma/enums.ts";
import type { AnswerKey } from "../grading.ts";
import { answerKeyError } from "../grading.ts";
import { type QuestionDraft, type QuestionKind } from "../question-draft.ts";

/**
 * A question draft (decision 081) as the bank stores it, and back (decision 084). Pure.
 *
 * `QuestionVersion.options` holds `[{ text }]` in the question's own order and `answerKey` holds
 * exactly the grading module's `AnswerKey` (decision 082) — the test reads it as it is — or, for a
 * short answer, what the judges read: `{ kind: "SHORT_ANSWER", referenceAnswer, gradingNotes }`.
 */

export type StoredAnswerKey = AnswerKey | { kind: "SHORT_ANSWER"; referenceAnswer: string; gradingNotes: string };

/** The columns of a QuestionVersion that come from the draft. */
export interface VersionContent {
  kind: QuestionKind;
  stem: string;
  options: Array<{ text: string }>;
  answerKey: StoredAnswerKey;
  duties: Duty[];
  difficulty: number;
  explanation: string;
}

const BLANK_RUN = /_{3,}/g;

/**
 * What the bank refuses although the draft is well formed: a fill-in with several blanks, since
 * the test grades one typed answer per question (grading.ts); and a key grading could not use.
 */
export function bankIssue(draft: QuestionDraft): "camp.bank.errors.oneBlank" | "camp.bank.errors.keyUnusable" | null {
  if (draft.kind === "FILL_IN" && ((draft.stem.match(BLANK_RUN)?.length ?? 0) > 1 || draft.blanks.length > 1)) return "camp.bank.errors.oneBlank";
  const content = versionOf(draft);
  if (content.answerKey.kind !== "SHORT_ANSWER" && answerKeyError(content.answerKey, content.options.length)) return "camp.bank.errors.keyUnusable";
  return null;
}

/** The stored content of a checked draft (call bankIssue first). */
export function versionOf(draft: QuestionDraft): VersionContent {
  const base = { kind: draft.kind, stem: draft.stem, duties: [...draft.duties], difficulty: draft.difficulty, explanation: draft.explanation ?? "" };
  switch (draft.kind) {
    case "SINGLE":
      return { ...base, options: draft.options.map(({ text }) => ({ text })), answerKey: { kind: "SINGLE", correct: draft.options.findIndex((o) => o.correct) } };
    case "MULTIPLE":
      return {
        ...base,
        options: draft.options.map(({ text }) => ({ text })),
        answerKey: { kind: "MULTIPLE", correct: draft.options.flatMap((o, index) => (o.correct ? [index] : [])) },
      };
    case "TRUE_FALSE":
      return { ...base, options: [], answerKey: { kind: "TRUE_FALSE", correct: draft.answer } };
    case "FILL_IN":
      return { ...base, options: [], answerKey: { kind: "FILL_IN", accepted: [...(draft.blanks[0] ?? [])] } };
    case "SHORT_ANSWER":
      return { ...base, options: [], answerKey: { kind: "SHORT_ANSWER", referenceAnswer: draft.referenceAnswer ?? "", gradingNotes: draft.gradingNotes ?? "" } };
  }
}

/** A stored version as the question form shows it again (editing starts from the current version). */
export interface QuestionFormValues {
  kind: QuestionKind;
  stem: string;
  duties: Duty[];
  difficulty: number;
  explanation: string;
  /** Choice kinds: each option and whether it is right. */
  options: Array<{ text: string; correct: boolean }>;
  /** "true" | "false" (true/false). */
  answer: string;
  /** The accepted answers of the one blank (fill-in). */
  accepted: string[];
  referenceAnswer: string;
  gradingNotes: string;
}

/** Reads the stored JSON columns back; anything unexpected reads as empty rather than failing the page. */
export function formValuesOf(version: { kind: QuestionKind; stem: string; options: unknown; answerKey: unknown; duties: Duty[]; difficulty: number; explanation: string }): QuestionFormValues {
  const key = (version.answerKey ?? {}) as Record<string, unknown>;
  const correct = version.kind === "SINGLE" ? [key.correct] : version.kind === "MULTIPLE" && Array.isArray(key.correct) ? (key.correct as unknown[]) : [];
  const options = Array.isArray(version.options)
    ? version.options.map((o, index) => ({ text: String((o as { text?: unknown })?.text ?? ""), correct: correct.includes(index) }))
    : [];
  return {
    kind: version.kind,
    stem: version.stem,
    duties: version.duties,
    difficulty: version.difficulty,
    explanation: version.explanation,
    options,
    answer: version.kind === "TRUE_FALSE" && typeof key.correct === "boolean" ? String(key.correct) : "",
    accepted: Array.isArray(key.accepted) ? key.accepted.map(String) : [],
    referenceAnswer: typeof key.referenceAnswer === "string" ? key.referenceAnswer : "",
    gradingNotes: typeof key.gradingNotes === "string" ? key.gradingNotes : "",
  };
}

/** The parts of a version a person compares between two versions, each as one line of text. */
export type ChangedPart = "kind" | "stem" | "options" | "answer" | "duties" | "difficulty" | "explanation";

export interface VersionChange {
  part: ChangedPart;
  before: string;
  after: string;
}

/** A version's parts as text, for the history: options lettered, the answer as a person writes it. */
export function partsOf(values: QuestionFormValues, dutyLabel: (duty: Duty) => string, kindLabel: (kind: QuestionKind) => string, yesNo: (value: boolean) => string): Record<ChangedPart, string> {
  const letter = (index: number) => String.fromCharCode(65 + index);
  let answer = "";
  if (values.kind === "SINGLE" || values.kind === "MULTIPLE") answer = values.options.flatMap((o, index) => (o.correct ? [letter(index)] : [])).join("");
  if (values.kind === "TRUE_FALSE") answer = values.answer ? yesNo(values.answer === "true") : "";
  if (values.kind === "FILL_IN") answer = values.accepted.join(" | ");
  if (values.kind === "SHORT_ANSWER") answer = [values.referenceAnswer, values.gradingNotes].filter(Boolean).join("\n");
  return {
    kind: kindLabel(values.kind),
    stem: values.stem,
    options: values.options.map((o, index) => `${letter(index)}. ${o.text}`).join("\n"),
    answer,
    duties: values.duties.map(dutyLabel).join("、"),
    difficulty: String(values.difficulty),
    explanation: values.explanation,
  };
}

/** What changed from one version to the next, part by part (unchanged parts are left out). */
export function versionChanges(before: Record<ChangedPart, string>, after: Record<ChangedPart, string>): VersionChange[] {
  return (Object.keys(after) as ChangedPart[]).filter((part) => before[part] !== after[part]).map((part) => ({ part, before: before[part], after: after[part] }));
}

const CONTENT_FIELDS = ["kind", "stem", "options", "answerKey", "duties", "difficulty", "explanation"] as const;

/** Whether a new version would say exactly what the stored one says (then no version is written). */
export function sameContent(a: Record<(typeof CONTENT_FIELDS)[number], unknown>, b: Record<(typeof CONTENT_FIELDS)[number], unknown>): boolean {
  return CONTENT_FIELDS.every((field) => canonicalJson(a[field]) === canonicalJson(b[field]));
}

/** JSON with object keys sorted (PostgreSQL's jsonb keeps its own key order). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  );
}
