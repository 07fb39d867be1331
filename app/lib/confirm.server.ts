import type { ConfirmRequest } from "~/components/kit/feedback.tsx";

/**
 * Destructive actions ask first: unless the submission says `confirmed=yes`, the action answers
 * with the question and the submitted fields, and the page shows them (ConfirmPrompt).
 */
export function needsConfirmation(form: FormData, message: string, confirmLabel: string): ConfirmRequest | null {
  if (form.get("confirmed") === "yes") return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && name !== "confirmed") fields[name] = value;
  return { message, confirmLabel, fields };
}
