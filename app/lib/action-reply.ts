import type { SubmissionResult } from "@conform-to/react";

/**
 * The one shape every action answers with (app/lib/actions.server.ts builds it, the kit's
 * ActionFeedback shows it). All text in it is already in the person's language.
 */
export interface ConfirmRequest {
  message: string;
  confirmLabel: string;
  /** The submitted fields (in order, repeated names kept), posted again with `confirmed=yes`. */
  fields: Array<[string, string]>;
}

export type ActionReply<Intent extends string = string, Data = unknown> = {
  intent: Intent;
  status: "success" | "error" | "confirm";
  /** A success sentence. */
  notice?: string;
  /** A refusal sentence (UserError) or the form's summary when fields are wrong. */
  error?: string;
  /** Conform's result for the submitted form: field errors, reset after success. */
  form?: SubmissionResult<string[]>;
  /** Asked before a destructive change runs. */
  confirm?: ConfirmRequest;
  /** What the intent hands the page (e.g. a new token, shown once). */
  data?: Data;
  /** Structured details of a refusal (UserError.details). */
  details?: unknown;
};

/** The reply of one intent, for a page that has several (useActionData returns their union). */
export function replyFor<R extends { intent: string }, I extends R["intent"]>(reply: R | undefined, intent: I): Extract<R, { intent: I }> | undefined {
  return reply?.intent === intent ? (reply as Extract<R, { intent: I }>) : undefined;
}
