import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { buttonClass } from "./buttons.tsx";

/** A message at the top of a form or page: errors are alerts, confirmations are polite status. */
export function Notice({ tone, children, id }: { tone: "error" | "success" | "info"; children: ReactNode; id?: string }) {
  const styles = {
    error: "bg-red-50 text-red-800 border-red-200",
    success: "bg-emerald-50 text-emerald-800 border-emerald-200",
    info: "bg-slate-50 text-slate-700 border-slate-200",
  };
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${styles[tone]}`}>
      {children}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">{children}</p>;
}

/**
 * A destructive action asks first. The action answers a submission without `confirmed=yes` with
 * `{ confirm: { message, fields } }`; this box repeats the submission with confirmation. It is the
 * same with and without JavaScript (the second submission is a plain form post).
 */
export interface ConfirmRequest {
  message: string;
  confirmLabel: string;
  fields: Record<string, string>;
}

export function ConfirmPrompt({ request, cancelLabel, pendingLabel }: { request: ConfirmRequest; cancelLabel: string; pendingLabel: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const navigation = useNavigation();
  useEffect(() => ref.current?.focus(), [request]);
  const headingId = "confirm-prompt-message";
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alertdialog"
      aria-labelledby={headingId}
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm"
    >
      <p id={headingId} className="text-sm font-medium text-amber-900">
        {request.message}
      </p>
      <Form method="post" className="mt-3 flex gap-2">
        {Object.entries(request.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" disabled={navigation.state === "submitting"} className={buttonClass("danger", "sm")}>
          {navigation.state === "submitting" ? pendingLabel : request.confirmLabel}
        </button>
        <Link to="." replace className={buttonClass("secondary", "sm")}>
          {cancelLabel}
        </Link>
      </Form>
    </div>
  );
}

/** Page title with optional actions on the right and a line of context below. */
export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {subtitle ? <div className="mt-1 text-sm text-slate-600">{subtitle}</div> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
