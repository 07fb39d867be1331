import type { Submission, SubmissionResult } from "@conform-to/react";
import type { TFunction } from "i18next";
import { translateKnown } from "~/i18n/keys.ts";

/**
 * Schemas carry translation keys as messages ("validation.required"); the reply sent back to the
 * form carries the text in the person's language, so the page shows it as is, with or without JS.
 */
export function translatedReply<Output>(
  submission: Submission<Output>,
  t: TFunction,
  options?: { formErrors?: string[]; resetForm?: boolean; hideFields?: string[] },
): SubmissionResult<string[]> {
  const reply = submission.reply(options);
  if (!reply.error) return reply;
  const error: Record<string, string[] | null> = {};
  for (const [name, messages] of Object.entries(reply.error)) {
    error[name] = messages ? messages.map((message) => translateKnown(t, message)) : null;
  }
  return { ...reply, error };
}
