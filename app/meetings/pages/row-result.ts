import type { SubmissionResult } from "@conform-to/react";

/** The form result of `intent` when it was posted for this row (several forms on the meeting page share one action). */
export function rowResult(reply: { intent: string; form?: SubmissionResult<string[]> } | undefined, intent: string, field: string, id: string): SubmissionResult<string[]> | undefined {
  if (reply?.intent !== intent || !reply.form) return undefined;
  const posted = reply.form.initialValue as Record<string, unknown> | null | undefined;
  return posted?.[field] === id ? reply.form : undefined;
}
