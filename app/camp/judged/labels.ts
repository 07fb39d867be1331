import type { CampRoundKind, JudgedScoringRule } from "~/generated/prisma/enums.ts";

/** The judged rounds' names and the scoring rules' names as message keys (written out so every key is used). */
export const ROUND_KIND_KEY = {
  CASE_STUDY: "camp.judged.kind.caseStudy",
  TALK: "camp.judged.kind.talk",
} as const satisfies Partial<Record<CampRoundKind, string>>;

export function roundKindKey(kind: CampRoundKind) {
  return kind === "CASE_STUDY" ? ROUND_KIND_KEY.CASE_STUDY : ROUND_KIND_KEY.TALK;
}

export const RULE_KEY = {
  MEAN: "camp.judged.rule.mean",
  TRIMMED_MEAN: "camp.judged.rule.trimmedMean",
  Z_SCORE: "camp.judged.rule.zScore",
} as const satisfies Record<JudgedScoringRule, string>;
