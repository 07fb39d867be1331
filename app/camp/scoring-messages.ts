import { defineMessages } from "~/i18n/define-messages.ts";

/**
 * The camp's scoring (issue 20 §3–§6): refusals of the pure modules in app/camp (paper, grading,
 * judging, identification, results) and the labels of the shipped rubric templates. Registered
 * as `camp.scoring` in app/i18n/resources.ts; when app/camp/messages.ts exists, it becomes that
 * tree's `scoring` subtree.
 */
export const campScoringMessages = defineMessages({
  paper: {
    noRules: ["请至少设置一条抽题规则。", "Add at least one rule for drawing questions."],
    badCount: ["第 {{rule}} 条规则：题数须为正整数。", "Rule {{rule}}: the number of questions is a whole number of at least 1."],
    badPoints: ["第 {{rule}} 条规则：每题分值须大于 0、不超过 100，最多一位小数。", "Rule {{rule}}: points per question are above 0, at most 100, with at most one decimal."],
    badDifficulty: [
      "第 {{rule}} 条规则：难度范围须在 {{min}} 到 {{max}} 之间，且下限不高于上限。",
      "Rule {{rule}}: the difficulty range lies within {{min}} to {{max}}, its lower end not above its upper end.",
    ],
    tooManyQuestions: ["规则合计 {{count}} 题，一份试卷最多 {{max}} 题。", "The rules add up to {{count}} questions; a paper has at most {{max}}."],
    duplicateQuestion: ["题库中题目 {{id}} 出现了两次。", "Question {{id}} appears twice in the bank."],
    ruleShort: [
      "第 {{rule}} 条规则需要 {{needed}} 道题，题库中符合条件的只有 {{available}} 道，还差 {{missing}} 道：请补充题目或放宽条件。",
      "Rule {{rule}} needs {{needed}} questions but the bank has only {{available}} that fit, {{missing}} short: add questions or widen the rule.",
    ],
    rulesOverlap: [
      "第 {{rule}} 条规则需要 {{needed}} 道题，但符合条件的题目有一部分已被其他规则用去，还差 {{missing}} 道：请补充题目或调整规则。",
      "Rule {{rule}} needs {{needed}} questions, but other rules take some of those that fit: {{missing}} short. Add questions or change the rules.",
    ],
  },
  grading: {
    wrongKind: ["答案与题型不符。", "The answer does not fit the kind of question."],
    noSuchOption: ["所选选项不存在。", "That option does not exist."],
    optionTwice: ["同一选项不能选两次。", "An option cannot be chosen twice."],
    answerTooLong: ["填空答案过长，请精简。", "The answer is too long: shorten it."],
    keyWithoutAnswer: ["题目没有正确答案：请标出正确选项或填写参考答案。", "The question has no correct answer: mark the right option or enter an accepted answer."],
  },
  identification: {
    badPoints: ["各项分值须在 0 到 {{max}} 之间，最多一位小数。", "Each fact scores 0 to {{max}} points, with at most one decimal."],
    nothingScored: ["姓名、班级、寝室至少有一项须计分。", "At least one of name, class and dorm must score points."],
  },
});
