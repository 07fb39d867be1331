import type { TFunction } from "i18next";
import { isMessageKey, translateKey, type MessageKey } from "~/i18n/keys.ts";
import { UserError } from "~/lib/user-error.ts";
import type { Explained } from "./matching/types.ts";

/**
 * Explanations carry a key relative to mentors.* and may come from a stored run
 * (MatchingRun.unfilled), so the key is checked at run time. Parameters that are codes (kind, duty,
 * weight) stay codes: the messages name them with $t(mentorKindModifier.{{kind}}) and the like, so
 * a sentence reads the same whether a page explains it or a refusal (UserError) carries it.
 */
export function explainedKey(explained: Explained): MessageKey {
  const key = `mentors.${explained.key}`;
  return isMessageKey(key) ? key : "mentors.errors.badRequest";
}

export function explainText(t: TFunction, explained: Explained): string {
  return translateKey(t, explainedKey(explained), explained.params);
}

/** An explanation as the refusal a service throws (409 unless said otherwise). */
export function explainedError(explained: Explained, status?: number): UserError {
  return new UserError(explainedKey(explained), explained.params, { status });
}
