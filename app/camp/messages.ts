import { defineMessages } from "~/i18n/define-messages.ts";

/** The ability camp (issue 20). `import`: the question bank's importers (GIFT and .xlsx, decision 081). */
export const campMessages = defineMessages({
  import: {
    atLine: ["第 {{line}} 行：{{message}}", "Line {{line}}: {{message}}"],
    atRow: ["第 {{line}} 行：{{message}}", "Row {{line}}: {{message}}"],
    atCell: ["第 {{line}} 行「{{column}}」：{{message}}", "Row {{line}}, “{{column}}”: {{message}}"],
    errors: {
      unknownKind: ["题型须为单选、多选（不定项）、判断、填空或简答。", "The kind is single choice, multiple choice, true/false, fill-in or short answer."],
      stemRequired: ["题干不能为空。", "The question text is empty."],
      stemTooLong: ["题干过长：最多 {{max}} 个字。", "The question text is too long: at most {{max}} characters."],
      titleTooLong: ["题目名称过长：最多 {{max}} 个字。", "The question name is too long: at most {{max}} characters."],
      optionRequired: ["选项或答案不能为空。", "An option or answer is empty."],
      optionTooLong: ["选项或答案过长：最多 {{max}} 个字。", "An option or answer is too long: at most {{max}} characters."],
      tooFewOptions: ["选择题至少要有 {{min}} 个选项。", "A choice question needs at least {{min}} options."],
      tooManyOptions: ["选择题最多 {{max}} 个选项。", "A choice question has at most {{max}} options."],
      duplicateOption: ["选项“{{option}}”出现了不止一次。", "The option “{{option}}” appears more than once."],
      noCorrectAnswer: ["这道题没有正确答案：请标出正确的选项，或填写正确答案。", "This question has no correct answer: mark the right option or give the answer."],
      singleHasSeveral: [
        "单选题只能有一个正确答案，这里有 {{count}} 个；若有多个正确答案，请改为多选（不定项）。",
        "A single-choice question has one correct answer, this one has {{count}}: make it multiple choice if several are right.",
      ],
      blankCount: [
        "题干中有 {{blanks}} 处填空（用 ____ 标出），但正确答案有 {{answers}} 组：每处填空一组答案，组与组之间用“；”分隔。",
        "The text marks {{blanks}} blanks (____) but the answer has {{answers}} groups: one group per blank, separated by “；”.",
      ],
      explanationTooLong: ["解析过长：最多 {{max}} 个字。", "The explanation is too long: at most {{max}} characters."],
      referenceTooLong: ["参考答案过长：最多 {{max}} 个字。", "The reference answer is too long: at most {{max}} characters."],
      gradingNotesTooLong: ["评分要点过长：最多 {{max}} 个字。", "The grading notes are too long: at most {{max}} characters."],
      unknownDuty: ["职责须为九项职责之一。", "A duty is one of the nine duties."],
      dutiesRequired: ["请为这道题标注至少一项职责（九项职责之一）。", "Tag the question with at least one of the nine duties."],
      badDifficulty: ["难度须为 1 到 5 的整数（或“容易”“中等”“较难”）。", "The difficulty is a whole number from 1 to 5 (or easy, medium, hard)."],
      gift: {
        empty: ["文件中没有题目。", "The file holds no questions."],
        tooLarge: ["文件过大：一次最多导入 {{max}} 道题。", "The file is too large: at most {{max}} questions at a time."],
        noAnswer: [
          "这段文字没有答案部分 {…}：GIFT 的说明文字不是题目，请补上答案或删除。",
          "This text has no answer part {…}: a GIFT description is not a question; add the answers or remove it.",
        ],
        fullWidthBraces: [
          "这道题的答案部分用了全角括号｛｝：请改为半角的 { }。",
          "The answer part uses full-width braces ｛｝: use the ASCII braces { }.",
        ],
        unclosed: ["答案部分的括号不成对：缺少 { 或 }。若题目文字中要出现括号，请写成 \\{ 或 \\}。", "The braces of the answer part do not pair up: write \\{ or \\} for a brace in the text."],
        severalAnswerParts: ["一道题只能有一个答案部分 {…}：几处填空的题请用 Excel 模板导入。", "A question has one answer part {…}: import questions with several blanks from the Excel template."],
        unclosedTitle: ["题目名称缺少结尾的 ::。", "The question name lacks its closing ::."],
        numerical: [
          "数值题（{#…}）不在本系统的题型中：请改为填空题（{=答案}）后再导入。",
          "Numerical questions ({#…}) are not supported: rewrite it as a fill-in ({=answer}) and import again.",
        ],
        matching: [
          "匹配题（{=… -> …}）不在本系统的题型中：请拆成单选题后再导入。",
          "Matching questions ({=… -> …}) are not supported: split it into single-choice questions and import again.",
        ],
        partialCredit: [
          "部分得分（%{{weight}}%）不在本系统的评分规则中：单选题和填空题的答案只有对错，请改为 = 或 ~。",
          "Partial credit (%{{weight}}%) is not supported: in single choice and fill-in an answer is right or wrong; use = or ~.",
        ],
        badWeight: ["权重“%{{weight}}%”无效：须为 -100 到 100 之间的数。", "The weight “%{{weight}}%” is invalid: it is a number from -100 to 100."],
        textBeforeAnswers: [
          "答案部分中的“{{text}}”前缺少 =（正确）或 ~（错误）。",
          "“{{text}}” in the answer part needs = (right) or ~ (wrong) before it.",
        ],
        dutiesMissing: [
          "没有职责：请在前面的 $CATEGORY: 路径中写明职责（如 $CATEGORY: 题库/心理健康），或在导入时选择默认职责。",
          "No duty: name it in a $CATEGORY: path above (e.g. $CATEGORY: bank/心理健康) or choose a default duty when importing.",
        ],
        difficultyMissing: [
          "没有难度：请在前面的 $CATEGORY: 路径中写明难度（如 难度3、较难），或在导入时选择默认难度。",
          "No difficulty: name it in a $CATEGORY: path above (e.g. 难度3, 较难) or choose a default difficulty when importing.",
        ],
      },
      xlsx: {
        unknownKind: ["题型“{{value}}”无法识别：请填单选、多选、判断、填空或简答。", "The kind “{{value}}” is not recognised: use 单选, 多选, 判断, 填空 or 简答."],
        unknownDuty: ["职责“{{value}}”无法识别：请填九项职责的名称，多项之间用“、”分隔。", "The duty “{{value}}” is not recognised: name one of the nine duties, several separated by “、”."],
        badDifficulty: ["难度“{{value}}”无效：请填 1 到 5，或“容易”“中等”“较难”。", "The difficulty “{{value}}” is invalid: use 1 to 5, or 容易, 中等, 较难."],
        difficultyRequired: ["请填写难度（1 到 5）。", "Give the difficulty (1 to 5)."],
        badLetter: ["正确答案中的“{{letter}}”没有对应的选项。", "The answer names “{{letter}}”, which is not one of the options."],
        optionGap: ["选项{{letter}}是空的，但后面还有选项：请把选项依次填在 A、B、C… 中。", "Option {{letter}} is empty but later ones are not: fill the options in from A."],
        optionsNotAllowed: ["判断题、填空题和简答题不填选项列。", "True/false, fill-in and short-answer questions leave the option columns empty."],
        badTrueFalse: ["判断题的正确答案请填“对”或“错”，这里是“{{value}}”。", "The answer of a true/false question is 对 or 错, not “{{value}}”."],
      },
    },
  },
});
