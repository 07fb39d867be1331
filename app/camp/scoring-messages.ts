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
  rubric: {
    empty: ["评分标准至少要有一项。", "A rubric has at least one criterion."],
    tooMany: ["评分标准最多 {{max}} 项。", "A rubric has at most {{max}} criteria."],
    badLabel: ["第 {{number}} 项评分标准须有名称，最多 {{max}} 个字。", "Criterion {{number}} needs a name of at most {{max}} characters."],
    duplicate: ["评分标准“{{criterion}}”重复了。", "The criterion “{{criterion}}” appears twice."],
    badWeight: ["评分标准“{{criterion}}”的分值须为正整数。", "The weight of “{{criterion}}” is a whole number of at least 1."],
    noDuty: ["评分标准“{{criterion}}”须对应至少一项职责。", "Map “{{criterion}}” to at least one duty."],
    weightsNot100: ["各项分值合计须为 {{total}} 分，现为 {{sum}} 分。", "The weights must add up to {{total}}; they add up to {{sum}}."],
  },
  sheet: {
    unknownCriterion: ["评分表中有不属于本评分标准的项“{{criterion}}”。", "The score sheet has an item “{{criterion}}” that is not in the rubric."],
    missing: ["请为“{{criterion}}”打分。", "Score “{{criterion}}”."],
    outOfRange: ["“{{criterion}}”的得分须在 0 到 {{max}} 之间。", "The score for “{{criterion}}” is between 0 and {{max}}."],
    oneDecimal: ["“{{criterion}}”的得分最多保留一位小数。", "The score for “{{criterion}}” has at most one decimal."],
  },
  round: {
    trimmedNeedsThree: [
      "去掉最高分和最低分至少需要 3 位评委的评分，现只有 {{count}} 位：请增加评委或改用平均分。",
      "Dropping the highest and lowest score needs at least 3 judges; there are {{count}}. Add a judge or use the mean.",
    ],
    noComparableSheet: [
      "该选手的评委都只评了这一位选手，无法标准化：请让评委多评几位选手，或改用平均分。",
      "Each of this contestant's judges scored only this contestant, so their scores cannot be standardised: have judges score more contestants or use the mean.",
    ],
  },
  assign: {
    badCount: ["每位选手的评委人数须为 1 到 {{max}}。", "Each contestant has 1 to {{max}} judges."],
    uncovered: [
      "{{contestant}} 需要 {{needed}} 位评委，但不属于其本学院的评委只有 {{eligible}} 位：请增加评委或减少每位选手的评委人数。",
      "{{contestant}} needs {{needed}} judges, but only {{eligible}} judges are from another college: add judges or lower the number per contestant.",
    ],
  },
  identification: {
    badPoints: ["各项分值须在 0 到 {{max}} 之间，最多一位小数。", "Each fact scores 0 to {{max}} points, with at most one decimal."],
    nothingScored: ["姓名、班级、寝室至少有一项须计分。", "At least one of name, class and dorm must score points."],
  },
  total: {
    badWeight: ["各环节权重须为 0 到 {{max}} 的整数。", "Each round's weight is a whole number from 0 to {{max}}."],
    noWeightedRound: ["至少要有一个启用且权重大于 0 的环节。", "At least one round must be switched on with a weight above 0."],
  },
  templates: {
    talk: {
      theme: ["抓住主题", "Grasps the issue"],
      reasoning: ["以理服人", "Persuades with reason"],
      manner: ["语言与态度", "Language and attitude"],
      concerns: ["消除顾虑", "Resolves worries"],
      effect: ["效果", "Effect"],
    },
    caseStudy: {
      theory: ["理论运用", "Uses theory"],
      analysis: ["问题研判", "Analyses the problem"],
      response: ["应急处置", "Handles the emergency"],
      measures: ["对策可行", "Workable measures"],
      expression: ["表达与逻辑", "Clear reasoning and delivery"],
    },
  },
});
