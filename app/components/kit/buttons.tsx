import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

const tones = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-100",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
};

export const buttonClass = (tone: keyof typeof tones = "primary", size: "sm" | "md" = "md") =>
  `inline-flex items-center justify-center gap-1 rounded-md font-medium disabled:opacity-60 ${
    size === "sm" ? "px-2.5 py-1 text-sm" : "px-4 py-2 text-sm"
  } ${tones[tone]}`;

/**
 * A submit button that shows progress while its own form is being sent — recognised by the
 * hidden `intent` field the form carries (and optionally one more field, e.g. the row's id) —
 * and is disabled meanwhile so nothing is sent twice.
 */
export function SubmitButton({
  children,
  pendingLabel,
  intent,
  match,
  tone = "primary",
  size = "md",
  className = "",
  label,
  sendIntent = false,
}: {
  children: ReactNode;
  pendingLabel: string;
  intent?: string;
  /** Another field that identifies this form among several with the same intent. */
  match?: [name: string, value: string];
  tone?: keyof typeof tones;
  size?: "sm" | "md";
  className?: string;
  /** Accessible name when the visible text is not enough (e.g. "移除 王小雨"). */
  label?: string;
  /** The button itself carries `intent` (for forms with several actions, e.g. approve / decline). */
  sendIntent?: boolean;
}) {
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const mine =
    submitting &&
    (intent === undefined || navigation.formData?.get("intent") === intent) &&
    (match === undefined || navigation.formData?.get(match[0]) === match[1]);
  return (
    <button
      type="submit"
      name={sendIntent ? "intent" : undefined}
      value={sendIntent ? intent : undefined}
      disabled={submitting}
      aria-busy={mine || undefined}
      aria-label={label}
      className={`${buttonClass(tone, size)} ${className}`}
    >
      {mine ? pendingLabel : children}
    </button>
  );
}

/**
 * A form that is just one button (lock, accept, mark as read…): posts `intent` and the given fields,
 * shows progress on itself alone and stays on the page. Destructive ones use ConfirmButton instead.
 */
export function ActionButton({
  intent,
  fields = {},
  children,
  pendingLabel,
  label,
  tone = "secondary",
  size = "sm",
  action,
  className = "",
}: {
  intent: string;
  fields?: Record<string, string>;
  children: ReactNode;
  pendingLabel: string;
  /** Accessible name when several such buttons sit side by side; starts with the visible text. */
  label?: string;
  tone?: keyof typeof tones;
  size?: "sm" | "md";
  /** Post to another route's action. */
  action?: string;
  className?: string;
}) {
  const [matchName, matchValue] = Object.entries(fields)[0] ?? [];
  return (
    <Form method="post" action={action} preventScrollReset className="inline">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        intent={intent}
        match={matchName === undefined ? undefined : [matchName, matchValue!]}
        pendingLabel={pendingLabel}
        tone={tone}
        size={size}
        label={label}
        className={className}
      >
        {children}
      </SubmitButton>
    </Form>
  );
}
