import { useTranslation } from "react-i18next";
import { translateKnown } from "~/i18n/keys.ts";

/** Errors of one field: i18n keys from the browser-side check, sentences from the server. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-600">
      {errors.map((error) => translateKnown(t, error)).join(" ")}
    </p>
  );
}

/** A sentence after an action: success (status) or a refusal (alert). */
export function ActionMessage({ ok, message }: { ok?: boolean; message?: string }) {
  if (!message) return null;
  return (
    <p role={ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
      {message}
    </p>
  );
}

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-600 aria-[invalid]:border-red-500 disabled:bg-slate-50";
export const primaryButton = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButton = "rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60";
