import type { SubmissionResult } from "@conform-to/react";

/**
 * A reply to a form post sends the submitted values back (Conform's `initialValue`, so a page
 * without JavaScript shows what was typed; a confirmation's `fields`). A value far longer than any
 * field accepts is not sent back: a refused 7-million-character comment once came back as a 42 MB
 * page (issue 27, decision 098). The longest field limit is 40,000 characters (the school's
 * forbidden passwords); anything over this was refused, and the person still has it in their form.
 */
export const MAX_ECHO_CHARS = 50_000;

/** Drops every string longer than MAX_ECHO_CHARS, at any depth; other values are kept as they are. */
export function boundedValue(value: unknown): unknown {
  if (typeof value === "string") return value.length > MAX_ECHO_CHARS ? undefined : value;
  if (Array.isArray(value)) return value.map(boundedValue).filter((item) => item !== undefined);
  if (value && typeof value === "object") {
    const bounded: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = boundedValue(item);
      if (kept !== undefined) bounded[key] = kept;
    }
    return bounded;
  }
  return value;
}

/** A Conform result without oversized submitted values. */
export function boundedResult<Error>(result: SubmissionResult<Error>): SubmissionResult<Error>;
export function boundedResult<Error>(result: SubmissionResult<Error> | undefined): SubmissionResult<Error> | undefined;
export function boundedResult<Error>(result: SubmissionResult<Error> | undefined): SubmissionResult<Error> | undefined {
  if (!result?.initialValue) return result;
  return { ...result, initialValue: boundedValue(result.initialValue) as SubmissionResult<Error>["initialValue"] };
}

/** Submitted fields to post again (a confirmation) without oversized values. */
export function boundedFields(fields: Array<[string, string]>): Array<[string, string]> {
  return fields.filter(([, value]) => value.length <= MAX_ECHO_CHARS);
}
