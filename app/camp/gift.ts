import type { Duty } from "~/generated/prisma/enums.ts";
import {
  BLANK,
  checkDraft,
  findDuty,
  parseDifficulty,
  splitNames,
  type ImportedQuestion,
  type ImportIssue,
  type ImportResult,
  type QuestionDraftInput,
} from "./question-draft.ts";

/**
 * Moodle's GIFT text format (decision 081) into question drafts. Questions are separated by blank
 * lines; `//` lines are comments; `$CATEGORY: a/b/c` sets the category of the questions after
 * it, and its segments that name a duty or a difficulty tag those questions (GIFT has neither).
 *
 * What maps to what:
 *   {=right ~wrong}               → SINGLE (exactly one fully right answer)
 *   {~%50%a ~%50%b ~%-100%c}      → MULTIPLE (no "=": a positive weight is a right option)
 *   {T} {TRUE} {F} {FALSE}        → TRUE_FALSE
 *   {=a =b}, {a}                  → FILL_IN, one blank accepting any of the answers
 *   {}                            → SHORT_ANSWER, judged by people
 *   text {…} more text            → the answer part is a blank (____) in the stem
 *   #feedback, ####general        → the explanation
 *   {#…} numerical, {=a -> b}     → refused: not in our model; said per question, never dropped
 * One bad question refuses the whole file, with every problem listed by line.
 */

export interface GiftOptions {
  /** Duties for questions whose category names none (chosen by the person importing). */
  duties?: Duty[];
  /** Difficulty (1–5) for questions whose category names none. */
  difficulty?: number;
}

export const MAX_GIFT_QUESTIONS = 5_000;

/** The text of an uploaded file: UTF-8 (with or without BOM), else GB18030 — what Notepad on Chinese Windows writes. */
export function decodeGift(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

// Escaped characters travel as private-use characters until each piece of text is final.
const ESCAPES: Record<string, string> = { "\\": "\uE000", ":": "\uE001", "#": "\uE002", "=": "\uE003", "{": "\uE004", "}": "\uE005", "~": "\uE006", n: "\n" };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).filter(([char]) => char !== "n").map(([char, mark]) => [mark, char]));
const escape = (text: string) => text.replace(/\\([\\:#={}~n])/g, (_, char: string) => ESCAPES[char]!);
const unescape = (text: string) => text.replace(/[\uE000-\uE006]/g, (mark) => UNESCAPES[mark]!);
/** A piece of text as it will be stored: its format tag ([html] [markdown] …) dropped, escapes restored, trimmed. */
const finish = (text: string) => unescape(text.trim().replace(/^\[(html|moodle|plain|markdown)\]/i, "")).trim();

interface Block {
  lines: string[];
  /** The line number (1-based) of each of `lines`; comment lines are not among them. */
  numbers: number[];
}

/** Questions are runs of non-blank lines; comment lines are dropped but do not end a question. */
function blocks(source: string): Block[] {
  const result: Block[] = [];
  let current: Block | null = null;
  const lines = source.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const trimmed = line.trim();
    if (trimmed === "") {
      current = null;
      continue;
    }
    if (trimmed.startsWith("//")) continue;
    if (!current) {
      current = { lines: [], numbers: [] };
      result.push(current);
    }
    current.lines.push(line);
    current.numbers.push(index + 1);
  }
  return result;
}

/** The duties and difficulty the segments of a category path name: "$course$/题库/心理健康、危机应对/难度4". */
function tagsOf(category: string): { duties: Duty[]; difficulty: number | undefined } {
  const duties = new Set<Duty>();
  let difficulty: number | undefined;
  for (const segment of category.split("/")) {
    for (const name of splitNames(segment)) {
      const duty = findDuty(name);
      if (duty) duties.add(duty);
      difficulty = parseDifficulty(name) ?? difficulty;
    }
  }
  return { duties: [...duties], difficulty };
}

interface Answer {
  marker: "=" | "~" | "";
  weight: number | null;
  text: string;
  feedback: string;
}

/** "~%50%Grant#feedback" → its marker, weight (null when not given), text and feedback. */
function answerOf(marker: Answer["marker"], raw: string): Answer | { badWeight: string } {
  let rest = raw.trim();
  let weight: number | null = null;
  const weighted = /^%([^%]*)%/.exec(rest);
  if (weighted) {
    const value = Number(weighted[1]!.trim());
    if (!/^-?\d+(\.\d+)?$/.test(weighted[1]!.trim()) || Math.abs(value) > 100) return { badWeight: unescape(weighted[1]!) };
    weight = value;
    rest = rest.slice(weighted[0].length);
  }
  const hash = rest.indexOf("#");
  const text = hash < 0 ? rest : rest.slice(0, hash);
  const feedback = hash < 0 ? "" : rest.slice(hash + 1);
  return { marker, weight, text: finish(text), feedback: finish(feedback) };
}

/** The answers of a choice or short-answer part, each starting at an unescaped = or ~. */
function splitAnswers(answerText: string): { answers: Answer[]; issues: Array<Omit<ImportIssue, "line">> } {
  const answers: Answer[] = [];
  const issues: Array<Omit<ImportIssue, "line">> = [];
  const parts = answerText.split(/(?=[=~])/);
  parts.forEach((part, index) => {
    const marker = part[0] === "=" || part[0] === "~" ? part[0] : "";
    const body = marker ? part.slice(1) : part;
    if (!marker && index === 0 && body.trim() === "") return;
    const answer = answerOf(marker, body);
    if ("badWeight" in answer) issues.push({ message: "camp.import.errors.gift.badWeight", params: { weight: answer.badWeight } });
    else answers.push(answer);
  });
  return { answers, issues };
}

/** Per-answer feedback kept in the explanation, after the general feedback: "Grant：他并没有葬在那里。". */
function explanationOf(general: string, answers: Answer[]): string {
  return [general, ...answers.filter((a) => a.feedback).map((a) => (a.text ? `${a.text}：${a.feedback}` : a.feedback))].filter(Boolean).join("\n");
}

/** One question block (escapes already replaced) into a draft, or what is wrong with it. */
function readQuestion(text: string, tags: { duties: Duty[]; difficulty: number | undefined }): { input: QuestionDraftInput } | { issues: Array<Omit<ImportIssue, "line">> } {
  let title: string | undefined;
  if (text.startsWith("::")) {
    const end = text.indexOf("::", 2);
    if (end < 0) return { issues: [{ message: "camp.import.errors.gift.unclosedTitle" }] };
    title = finish(text.slice(2, end));
    text = text.slice(end + 2).trim();
  }
  const start = text.indexOf("{");
  const end = text.indexOf("}");
  if (start < 0 && end < 0) {
    const fullWidth = /｛[^｝]*｝/.test(text);
    return { issues: [{ message: fullWidth ? "camp.import.errors.gift.fullWidthBraces" : "camp.import.errors.gift.noAnswer" }] };
  }
  if (start < 0 || end < start) return { issues: [{ message: "camp.import.errors.gift.unclosed" }] };
  const after = text.slice(end + 1);
  if (/[{}]/.test(after)) return { issues: [{ message: after.includes("{") ? "camp.import.errors.gift.severalAnswerParts" : "camp.import.errors.gift.unclosed" }] };

  // Answers inside a sentence leave a blank in it ("Grant is ____ in Grant's tomb.").
  const stem = after.trim() === "" ? finish(text.slice(0, start)) : finish(`${text.slice(0, start)}${BLANK}${after}`);
  let answerText = text.slice(start + 1, end);
  let general = "";
  const generalAt = answerText.lastIndexOf("####");
  if (generalAt >= 0) {
    general = finish(answerText.slice(generalAt + 4));
    answerText = answerText.slice(0, generalAt);
  }
  answerText = answerText.trim();
  // A missing difficulty is left for the schema to refuse (and parseGift to explain).
  const common = { title, stem, duties: tags.duties, difficulty: tags.difficulty as number };

  if (answerText === "") return { input: { kind: "SHORT_ANSWER", ...common, explanation: general } };
  if (answerText.startsWith("#")) return { issues: [{ message: "camp.import.errors.gift.numerical" }] };
  if (!answerText.includes("~") && answerText.includes("=") && answerText.includes("->")) return { issues: [{ message: "camp.import.errors.gift.matching" }] };

  const head = answerText.split("#")[0]!.trim();
  if (!answerText.includes("~") && /^(T|TRUE|F|FALSE)$/i.test(head)) {
    // {T#shown when answered wrongly#shown when answered rightly}: both are kept, the right one first.
    const [, wrong = "", right = ""] = answerText.split("#");
    return { input: { kind: "TRUE_FALSE", ...common, answer: /^T/i.test(head), explanation: [general, finish(right), finish(wrong)].filter(Boolean).join("\n") } };
  }

  const { answers, issues } = splitAnswers(answerText);
  if (issues.length) return { issues };
  const stray = answers.find((a) => a.marker === "");
  const isChoice = answerText.includes("~");
  if (stray && (isChoice || answers.length > 1)) return { issues: [{ message: "camp.import.errors.gift.textBeforeAnswers", params: { text: stray.text } }] };

  const partial = (a: Answer) => a.weight !== null && a.weight > 0 && a.weight < 100;
  const explanation = explanationOf(general, answers);
  if (isChoice) {
    if (!answers.some((a) => a.marker === "=")) {
      // Moodle's "multiple answers": every option with a positive weight is one to choose.
      return { input: { kind: "MULTIPLE", ...common, options: answers.map((a) => ({ text: a.text, correct: (a.weight ?? 0) > 0 })), explanation } };
    }
    const partly = answers.find(partial);
    if (partly) return { issues: [{ message: "camp.import.errors.gift.partialCredit", params: { weight: partly.weight! } }] };
    const right = (a: Answer) => (a.marker === "=" && a.weight === null) || a.weight === 100;
    return { input: { kind: "SINGLE", ...common, options: answers.map((a) => ({ text: a.text, correct: right(a) })), explanation } };
  }
  // Short answer: every answer is accepted unless its weight says otherwise (0% or below: a known wrong answer kept for its feedback).
  const partly = answers.find(partial);
  if (partly) return { issues: [{ message: "camp.import.errors.gift.partialCredit", params: { weight: partly.weight! } }] };
  const accepted = answers.filter((a) => a.weight === null || a.weight === 100).map((a) => a.text);
  return { input: { kind: "FILL_IN", ...common, blanks: accepted.length ? [accepted] : [], explanation } };
}

/** A whole GIFT file into drafts, or every problem in it (then nothing is to be imported). */
export function parseGift(source: string, options: GiftOptions = {}): ImportResult {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const questions: ImportedQuestion[] = [];
  const errors: ImportIssue[] = [];
  let tags = { duties: [] as Duty[], difficulty: undefined as number | undefined };

  for (const block of blocks(text)) {
    let { lines, numbers } = block;
    // $CATEGORY: on its own line (usually its own block; a question may follow it directly).
    const first = lines[0]!.trim();
    if (first.startsWith("$CATEGORY:")) {
      tags = tagsOf(finish(escape(first.slice("$CATEGORY:".length))));
      lines = lines.slice(1);
      numbers = numbers.slice(1);
      if (!lines.length) continue;
    }
    const line = numbers[0]!;
    if (questions.length + errors.length >= MAX_GIFT_QUESTIONS) return { ok: false, errors: [{ message: "camp.import.errors.gift.tooLarge", params: { max: MAX_GIFT_QUESTIONS } }] };

    const duties = tags.duties.length ? tags.duties : (options.duties ?? []);
    const difficulty = tags.difficulty ?? options.difficulty;
    const read = readQuestion(escape(lines.join("\n").trim()), { duties, difficulty });
    if ("issues" in read) {
      errors.push(...read.issues.map((issue) => ({ line, ...issue })));
      continue;
    }
    // Said here rather than by the schema, which cannot point at $CATEGORY or the import's defaults.
    const own: ImportIssue[] = [];
    if (!duties.length) own.push({ line, message: "camp.import.errors.gift.dutiesMissing" });
    if (difficulty === undefined) own.push({ line, message: "camp.import.errors.gift.difficultyMissing" });
    const checked = checkDraft(read.input, line);
    const said = (message: string) => {
      const key = message.split("?")[0];
      return (key === "camp.import.errors.dutiesRequired" && !duties.length) || (key === "camp.import.errors.badDifficulty" && difficulty === undefined);
    };
    const schemaErrors = "errors" in checked ? checked.errors.filter((e) => !said(e.message)) : [];
    if (own.length || schemaErrors.length) errors.push(...own, ...schemaErrors);
    else if ("draft" in checked) questions.push({ line, draft: checked.draft });
  }
  if (errors.length) return { ok: false, errors };
  if (!questions.length) return { ok: false, errors: [{ message: "camp.import.errors.gift.empty" }] };
  return { ok: true, questions };
}
