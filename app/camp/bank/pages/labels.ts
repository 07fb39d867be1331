import { useTranslation } from "react-i18next";
import type { QuestionKind, QuestionSource } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";

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
    kindLabel: (kind: QuestionKind) => t(`questionKind.${kind}`),
    sourceLabel: (source: QuestionSource) => t(`questionSource.${source}`),
    difficultyLabel: (value: number) =>
      value in DIFFICULTY_WORD_KEYS ? t("camp.bank.form.difficultyOption", { value, word: t(DIFFICULTY_WORD_KEYS[value as keyof typeof DIFFICULTY_WORD_KEYS]) }) : String(value),
  };
}
