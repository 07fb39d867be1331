import type { Explained } from "./matching/types.ts";

/**
 * A refusal the person can act on (target reached, mentor full, invitation already answered…):
 * an i18n key under mentors.* with its parameters. Services throw it inside their transaction,
 * so nothing is written; routes turn it into a 409 reply shown in the person's language.
 */
export class MentorsError extends Error {
  readonly explained: Explained;
  readonly status: number;
  constructor(key: string, params: Explained["params"] = {}, status = 409) {
    super(key);
    this.name = "MentorsError";
    this.explained = { key, params };
    this.status = status;
  }
}

export function isMentorsError(error: unknown): error is MentorsError {
  return error instanceof MentorsError;
}
