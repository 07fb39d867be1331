import type { TFunction } from "i18next";
import { Duty, MentorKind } from "~/generated/prisma/enums.ts";
import { translateKnown, type MessageParams } from "~/i18n/keys.ts";
import { isOneOf } from "~/lib/one-of.ts";
import { WEIGHT_KEYS } from "./matching/scoring.ts";
import type { Explained } from "./matching/types.ts";

/**
 * An explanation as a sentence. Its key is relative to mentors.* and may come from a stored run
 * (MatchingRun.unfilled), so it is checked at run time; parameters that are codes (kind, duty,
 * weight) are shown as words in the reader's language.
 */
export function explainText(t: TFunction, explained: Explained): string {
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(explained.params)) {
    if ((name === "kind" || name === "existing") && isOneOf(Object.values(MentorKind), value)) params[name] = t(`mentorKindModifier.${value}`);
    else if (name === "duty" && isOneOf(Object.values(Duty), value)) params[name] = t(`duty.${value}`);
    else if (name === "weight" && isOneOf(WEIGHT_KEYS, value)) params[name] = t(`mentors.settings.${value}`);
    else params[name] = value;
  }
  return translateKnown(t, `mentors.${explained.key}`, params);
}
