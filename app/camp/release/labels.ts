import type { CampRoundKind, RoundResultFlag } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";

/** Names of rounds and flags on the results pages and in the reports (both sides of the wire). */

export const ROUND_LABEL: Record<CampRoundKind, MessageKey> = {
  KNOWLEDGE_TEST: "camp.release.rounds.knowledgeTest",
  IDENTIFICATION: "camp.release.rounds.identification",
  CASE_STUDY: "camp.release.rounds.caseStudy",
  TALK: "camp.release.rounds.talk",
};

export const FLAG_LABEL: Record<RoundResultFlag, MessageKey> = {
  ABSENT: "camp.release.flags.absent",
  DISAGREEMENT: "camp.release.flags.disagreement",
  TOO_FEW_JUDGES: "camp.release.flags.tooFewJudges",
};

/** The score bands of the distributions (out of 100). */
export const DISTRIBUTION_BANDS = ["0–59", "60–69", "70–79", "80–89", "90–100"] as const;
export const bandOf = (score: number) => (score < 60 ? 0 : score < 70 ? 1 : score < 80 ? 2 : score < 90 ? 3 : 4);

