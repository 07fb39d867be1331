import type { EligibilityGap } from "./eligibility.ts";
import type { studioMessages } from "./messages.ts";

/** A broken rule's name: its message is studios.errors.<code>. */
export type StudioErrorCode = keyof typeof studioMessages.errors;

/**
 * A rule of the studio domain that a request broke (the studio is full for this person, the
 * candidate is not eligible…). `code` is a key under studios.errors; routes show it translated.
 */
export class StudioRuleError extends Error {
  constructor(
    public readonly code: StudioErrorCode,
    public readonly params: Record<string, string | number> = {},
    /** For eligibility: what the candidate is missing. */
    public readonly gaps: EligibilityGap[] = [],
  ) {
    super(code);
    this.name = "StudioRuleError";
  }
}

export function isRuleError(error: unknown): error is StudioRuleError {
  return error instanceof StudioRuleError;
}
