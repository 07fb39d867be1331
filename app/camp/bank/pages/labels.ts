import { useTranslation } from "react-i18next";
import type { QuestionSource } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import type { QuestionKind } from "../../question-draft.ts";

const KIND_KEYS = {
  SINGLE: "camp.bank.kinds.SINGLE",
  MULTIPLE: "camp.bank.kinds.MULTIPLE",
  TRUE_FALSE: "camp.bank.kinds.TRUE_FALSE",
  FILL_IN: "camp.bank.kinds.FILL_IN",
  SHORT_ANSWER: "camp.bank.kinds.SHORT_ANSWER",
} as const satisfies Record<QuestionKind, MessageKey>;

const SOURCE_KEYS = {
  MANUAL: "camp.bank.sources.MANUAL",
  XLSX: "camp.bank.sources.XLSX",
  GIFT: "camp.bank.sources.GIFT",
} as const satisfies Record<QuestionSource, MessageKey>;

const DIFFICULTY_WORD_KEYS = {
  1: "camp.bank.form.difficultyWords.1",
  2: "camp.bank.form.difficultyWords.2",
  3: "camp.bank.form.difficultyWords.3",
  4: "camp.bank.form.difficultyWords.4",
  5: "camp.bank.form.difficultyWords.5",
} as const satisfies Record<number, MessageKey>;

/** The bank's labels of question kinds, sources and difficulties, in the page's language. */
export function useBankLabels() {
  const { t } = useTranslation();
  return {
    kindLabel: (kind: QuestionKind) => t(KIND_KEYS[kind]),
    sourceLabel: (source: QuestionSource) => t(SOURCE_KEYS[source]),
    difficultyLabel: (value: number) =>
      value in DIFFICULTY_WORD_KEYS ? t("camp.bank.form.difficultyOption", { value, word: t(DIFFICULTY_WORD_KEYS[value as keyof typeof DIFFICULTY_WORD_KEYS]) }) : String(value),
  };
}
