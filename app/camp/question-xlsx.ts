import ExcelJS from "exceljs";
import type { Duty } from "~/generated/prisma/enums.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import { readSheet, splitList, type SheetColumn, type SheetRow } from "~/training/sheet.server.ts";
import {
  checkDraft,
  DUTIES,
  findDuty,
  MAX_DIFFICULTY,
  MAX_OPTIONS,
  MIN_DIFFICULTY,
  parseDifficulty,
  type ImportedQuestion,
  type ImportIssue,
  type ImportResult,
  type QuestionDraft,
  type QuestionKind,
} from "./question-draft.ts";

/**
 * The question bank as .xlsx (题库导入模板, decision 081): one question per row under Chinese
 * headers, and a second sheet that explains each column. Reading matches the headers by name
 * (spaces, a trailing * and the usual aliases are forgiven, columns in any order, blank rows
 * skipped) with the training imports' sheet reader, then checks every row; a file with any bad row
 * is refused whole, every problem named by row and column.
 */

export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;
type OptionKey = `option${(typeof OPTION_LETTERS)[number]}`;
type Key = "kind" | "stem" | OptionKey | "answer" | "duties" | "difficulty" | "explanation" | "gradingNotes";

export const QUESTION_COLUMNS: ReadonlyArray<SheetColumn<Key>> = [
  { key: "kind", header: "题型", aliases: ["题目类型", "试题类型", "类型"], required: true, width: 10 },
  { key: "stem", header: "题干", aliases: ["题目", "题目内容", "试题内容"], required: true, width: 50 },
  ...OPTION_LETTERS.map((letter) => ({ key: `option${letter}` as const, header: `选项${letter}`, aliases: [letter], width: 18 })),
  { key: "answer", header: "正确答案", aliases: ["答案", "参考答案", "标准答案"], required: true, width: 16 },
  { key: "duties", header: "职责", aliases: ["对应职责", "九项职责"], width: 24 },
  { key: "difficulty", header: "难度", aliases: ["难易程度", "难易度"], width: 8 },
  { key: "explanation", header: "解析", aliases: ["答案解析", "试题解析"], width: 30 },
  { key: "gradingNotes", header: "评分要点", aliases: ["评分标准"], width: 30 },
];

const header = (key: Key) => QUESTION_COLUMNS.find((c) => c.key === key)!.header;

/** The words people write in 题型. */
const KIND_WORDS: Record<string, QuestionKind> = {
  单选: "SINGLE", 单选题: "SINGLE", 单项选择: "SINGLE", 单项选择题: "SINGLE", single: "SINGLE",
  多选: "MULTIPLE", 多选题: "MULTIPLE", 多项选择: "MULTIPLE", 多项选择题: "MULTIPLE", 不定项: "MULTIPLE", 不定项选择: "MULTIPLE", 不定项选择题: "MULTIPLE", multiple: "MULTIPLE",
  判断: "TRUE_FALSE", 判断题: "TRUE_FALSE", 是非题: "TRUE_FALSE", true_false: "TRUE_FALSE",
  填空: "FILL_IN", 填空题: "FILL_IN", fill_in: "FILL_IN",
  简答: "SHORT_ANSWER", 简答题: "SHORT_ANSWER", 对策分析: "SHORT_ANSWER", 对策分析题: "SHORT_ANSWER", 论述题: "SHORT_ANSWER", 案例分析题: "SHORT_ANSWER", short_answer: "SHORT_ANSWER",
};
const TRUE_WORDS = new Set(["对", "正确", "是", "√", "✓", "t", "true", "y", "yes"]);
const FALSE_WORDS = new Set(["错", "错误", "否", "×", "✗", "x", "f", "false", "n", "no"]);

export interface QuestionSheetOptions {
  /** Duties for rows whose 职责 is blank (chosen by the person importing). */
  duties?: Duty[];
  /** Difficulty (1–5) for rows whose 难度 is blank. */
  difficulty?: number;
}

/** The drafts of a filled-in template, or every problem in it (then nothing is to be imported). */
export async function readQuestionSheet(buffer: Buffer, options: QuestionSheetOptions = {}): Promise<ImportResult> {
  const sheet = await readSheet(buffer, QUESTION_COLUMNS);
  if ("issue" in sheet) return { ok: false, errors: [sheet.issue] };
  const questions: ImportedQuestion[] = [];
  const errors: ImportIssue[] = [];
  for (const row of sheet.rows) {
    const read = readRow(row, options);
    if ("errors" in read) errors.push(...read.errors);
    else questions.push({ line: row.line, draft: read.draft });
  }
  return errors.length ? { ok: false, errors } : { ok: true, questions };
}

const COLUMN_OF_FIELD: Record<string, Key> = {
  kind: "kind", title: "stem", stem: "stem", options: "answer", answer: "answer", blanks: "answer", referenceAnswer: "answer",
  duties: "duties", difficulty: "difficulty", explanation: "explanation", gradingNotes: "gradingNotes",
};

function readRow(row: SheetRow<Key>, options: QuestionSheetOptions): { draft: QuestionDraft } | { errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const issue = (key: Key, message: string, params?: ImportIssue["params"]) => errors.push({ line: row.line, column: header(key), message, ...(params ? { params } : {}) });

  const kindText = row.text("kind");
  const kind = KIND_WORDS[kindText.normalize("NFKC").replace(/\s+/g, "").toLowerCase()];
  if (!kind) issue("kind", kindText ? "camp.import.errors.xlsx.unknownKind" : "camp.import.errors.unknownKind", { value: kindText });

  const optionTexts = OPTION_LETTERS.map((letter) => row.text(`option${letter}`));
  const lastOption = optionTexts.findLastIndex(Boolean);
  const gap = optionTexts.findIndex((text, index) => !text && index < lastOption);
  if (gap >= 0) issue(`option${OPTION_LETTERS[gap]!}`, "camp.import.errors.xlsx.optionGap", { letter: OPTION_LETTERS[gap]! });

  let duties: Duty[] = options.duties ?? [];
  const dutyNames = splitList(row.text("duties"));
  if (dutyNames.length) {
    duties = [];
    for (const name of dutyNames) {
      const duty = findDuty(name);
      if (duty) duties.push(duty);
      else issue("duties", "camp.import.errors.xlsx.unknownDuty", { value: name });
    }
  }

  let difficulty = options.difficulty;
  const difficultyText = row.text("difficulty");
  if (difficultyText) {
    const cell = row.get("difficulty");
    const parsed = parseDifficulty(typeof cell === "number" ? cell : difficultyText);
    if (parsed === null) issue("difficulty", "camp.import.errors.xlsx.badDifficulty", { value: difficultyText });
    else difficulty = parsed;
  } else if (difficulty === undefined) issue("difficulty", "camp.import.errors.xlsx.difficultyRequired");

  const answer = row.text("answer");
  const common = { stem: row.text("stem"), duties, difficulty: difficulty ?? Number.NaN, explanation: row.text("explanation") };
  // Checked by the schema below; built even when a cell is wrong, so every problem of the row is said at once.
  let input: Record<string, unknown> | null = null;
  if (kind === "SINGLE" || kind === "MULTIPLE") {
    const present = optionTexts.slice(0, lastOption + 1);
    // "AC", "A,C", "A、C", "ａｃ": each letter names an option.
    const letters = [...new Set(answer.normalize("NFKC").toUpperCase().replace(/[\s,，、;；]/g, ""))];
    for (const letter of letters) {
      const index = OPTION_LETTERS.indexOf(letter as (typeof OPTION_LETTERS)[number]);
      if (index < 0 || index >= present.length) issue("answer", "camp.import.errors.xlsx.badLetter", { letter });
    }
    input = { kind, ...common, options: present.map((text, index) => ({ text, correct: letters.includes(OPTION_LETTERS[index]!) })) };
  } else if (kind) {
    if (lastOption >= 0) issue("optionA", "camp.import.errors.xlsx.optionsNotAllowed");
    if (kind === "TRUE_FALSE") {
      const word = answer.normalize("NFKC").toLowerCase();
      if (word && !TRUE_WORDS.has(word) && !FALSE_WORDS.has(word)) issue("answer", "camp.import.errors.xlsx.badTrueFalse", { value: answer });
      input = { kind, ...common, answer: TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined };
    } else if (kind === "FILL_IN") {
      // Blanks separated by "；" (or ";", a line break), the accepted answers of one blank by "|".
      const blanks = answer
        .split(/[；;\n]/)
        .map((group) => group.split(/[|｜]/).map((text) => text.trim()).filter(Boolean))
        .filter((group) => group.length > 0);
      input = { kind, ...common, blanks };
    } else {
      input = { kind, ...common, referenceAnswer: answer, gradingNotes: row.text("gradingNotes") };
    }
  }
  if (input) {
    const checked = checkDraft(input, row.line, ([field, index]) => {
      // An option's own problem (empty, too long) is said at its column; the options as a whole at 正确答案.
      const letter = field === "options" && typeof index === "number" ? OPTION_LETTERS[index] : undefined;
      return header(letter ? `option${letter}` : (COLUMN_OF_FIELD[String(field)] ?? "stem"));
    });
    // Where a column already has its own, more precise message (an unknown duty, a letter with no option), the schema's goes.
    if ("errors" in checked) {
      const said = new Set(errors.map((e) => e.column));
      errors.push(...checked.errors.filter((e) => !said.has(e.column)));
    } else if (!errors.length) return { draft: checked.draft };
  }
  return { errors };
}

// ───────────── the template ─────────────

const KIND_NAMES: Record<QuestionKind, string> = { SINGLE: "单选", MULTIPLE: "多选", TRUE_FALSE: "判断", FILL_IN: "填空", SHORT_ANSWER: "简答" };

/** What the second sheet says of each column: required?, what to write, an example. */
const GUIDE: Record<Key | "options", [required: string, guide: string, example: string]> = {
  kind: ["必填", `${Object.values(KIND_NAMES).join("、")}（多选即不定项：一个或多个正确答案；简答由评委评分，含对策分析题）`, "单选"],
  stem: ["必填", "题目正文，最多 2000 字。填空题用 ____（三个及以上下划线）标出填空处，每题只设一处填空（几处填空请拆成几道题）。", "辅导员工作的根本任务是____。"],
  options: ["选择题必填", `单选、多选填 2 到 ${MAX_OPTIONS} 个选项，从选项A起依次填写，中间不留空；判断、填空、简答不填。`, "立德树人"],
  optionA: ["", "", ""], optionB: ["", "", ""], optionC: ["", "", ""], optionD: ["", "", ""], optionE: ["", "", ""], optionF: ["", "", ""], optionG: ["", "", ""], optionH: ["", "", ""],
  answer: [
    "必填（简答除外）",
    "单选填一个字母（如 A）；多选填全部正确字母（如 AC）；判断填“对”或“错”；填空填正确答案，多个可接受答案用“|”分隔；简答可填参考答案。",
    "A　/　AC　/　对　/　立德树人|立德育人",
  ],
  duties: ["必填（或导入时选默认）", `九项职责中的一项或多项，用“、”或“,”分隔：${DUTIES.map((d) => enumLabels.duty[d][0]).join("、")}。也可用简称，如 心理健康、危机应对、学风、就业。`, "心理健康教育与咨询工作、校园危机事件应对"],
  difficulty: ["必填（或导入时选默认）", `${MIN_DIFFICULTY} 到 ${MAX_DIFFICULTY} 的整数，1 最容易；也可填 容易（=2）、中等（=3）、较难（=4）。`, "3"],
  explanation: ["选填", "答案解析，作答结束后展示，最多 2000 字。", "《普通高等学校辅导员队伍建设规定》第三条。"],
  gradingNotes: ["选填", "简答题的评分要点，供评委参考。", "抓住主题、措施具体可行……"],
};

/** The empty template: the questions sheet (headers only, so a forgotten example is never imported) and a sheet explaining each column. */
export async function questionTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "辅导员工作室协同平台";
  const sheet = workbook.addWorksheet("题目", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = QUESTION_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };

  const guide = workbook.addWorksheet("填写说明");
  guide.columns = [
    { header: "列", key: "column", width: 14 },
    { header: "是否必填", key: "required", width: 22 },
    { header: "填写说明", key: "guide", width: 80 },
    { header: "示例", key: "example", width: 40 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of QUESTION_COLUMNS) {
    if (column.key.startsWith("option") && column.key !== "optionA") continue;
    const [required, text, example] = GUIDE[column.key === "optionA" ? "options" : column.key];
    guide.addRow({ column: column.key === "optionA" ? "选项A…选项H" : column.header, required, guide: text, example });
  }
  guide.addRow({});
  guide.addRow({ column: "说明", guide: "每行一道题，从“题目”表的第 2 行起填写。导入前会逐行检查，任何一行有问题都不会导入，并列出每个问题所在的行和列。" });
  guide.getColumn("guide").alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
