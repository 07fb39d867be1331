import type { ActionReply } from "~/lib/action-reply.ts";
import { editConflictOf } from "~/lib/version.ts";
import { ConfirmPrompt } from "./confirm.tsx";
import { ConflictNotice } from "./conflict.tsx";
import { Notice } from "./feedback.tsx";

/**
 * What an action answered (app/lib/actions.server.ts): a success sentence, a refusal (or, when
 * fields are wrong, a summary; each field shows its own error through Conform), or the question a
 * destructive change asks first. A save against an older version of its record ("已被他人修改")
 * lists both values of each field that differs (ConflictNotice). Pass `intent` to show only that intent's reply where its form is.
 */
export function ActionFeedback({ reply, intent, action }: { reply: ActionReply | undefined | null; intent?: string | readonly string[]; action?: string }) {
  if (!reply) return null;
  if (intent !== undefined && !(typeof intent === "string" ? [intent] : intent).includes(reply.intent)) return null;
  if (reply.status === "confirm" && reply.confirm) return <ConfirmPrompt request={reply.confirm} action={action} />;
  if (reply.status === "error" && reply.error && editConflictOf(reply.details)) return <ConflictNotice message={reply.error} details={reply.details} />;
  if (reply.status === "error" && reply.error) return <Notice tone="error">{reply.error}</Notice>;
  if (reply.status === "success" && reply.notice) return <Notice tone="success">{reply.notice}</Notice>;
  return null;
}
