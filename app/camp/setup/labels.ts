import type { CampRoundKind, CampStatus, JudgedScoringRule, MultipleChoiceRule } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";

/** The camp's enum labels, by literal key (so every key is visibly used). */
export const STATUS_LABEL: Record<CampStatus, MessageKey> = {
  DRAFT: "camp.setup.status.DRAFT",
  OPEN: "camp.setup.status.OPEN",
  SCORING: "camp.setup.status.SCORING",
  RELEASED: "camp.setup.status.RELEASED",
  ARCHIVED: "camp.setup.status.ARCHIVED",
};

export const ROUND_LABEL: Record<CampRoundKind, MessageKey> = {
  KNOWLEDGE_TEST: "camp.setup.round.KNOWLEDGE_TEST",
  IDENTIFICATION: "camp.setup.round.IDENTIFICATION",
  CASE_STUDY: "camp.setup.round.CASE_STUDY",
  TALK: "camp.setup.round.TALK",
};

export const SCORING_RULE_LABEL: Record<JudgedScoringRule, MessageKey> = {
  MEAN: "camp.setup.scoringRule.MEAN",
  TRIMMED_MEAN: "camp.setup.scoringRule.TRIMMED_MEAN",
  Z_SCORE: "camp.setup.scoringRule.Z_SCORE",
};

export const MC_RULE_LABEL: Record<MultipleChoiceRule, MessageKey> = {
  ALL_OR_NOTHING: "camp.setup.mcRule.ALL_OR_NOTHING",
  PARTIAL: "camp.setup.mcRule.PARTIAL",
};

export const STATUS_TONE: Record<CampStatus, "slate" | "sky" | "amber" | "emerald"> = {
  DRAFT: "slate",
  OPEN: "sky",
  SCORING: "amber",
  RELEASED: "emerald",
  ARCHIVED: "slate",
};
