import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * A destructive action that asks first. With JavaScript a dialog asks; without it the server
 * answers the first post with the question and this component shows it with a confirm button.
 */
export function ConfirmButton({
  intent,
  label,
  question,
  fields = {},
  action,
  tone = "danger",
  pendingLabel,
  serverQuestion,
  fetcherKey,
}: {
  intent: string;
  label: string;
  question: string;
  fields?: Record<string, string>;
  action?: string;
  tone?: "danger" | "neutral";
  pendingLabel?: string;
  /** The question the server sent back after a post without JavaScript. */
  serverQuestion?: string | null;
  /** Lets the page read the answer (useFetcher({ key })). */
  fetcherKey?: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher(fetcherKey ? { key: fetcherKey } : undefined);
  const dialog = useRef<HTMLDialogElement>(null);
  const busy = fetcher.state !== "idle";
  const buttonClass =
    tone === "danger"
      ? "rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60"
      : "rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60";
  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  useEffect(() => {
    if (fetcher.state === "idle" && dialog.current?.open) dialog.current.close();
  }, [fetcher.state]);
  return (
    <>
      <fetcher.Form
        method="post"
        action={action}
        onSubmit={(event) => {
          event.preventDefault();
          dialog.current?.showModal();
        }}
      >
        <input type="hidden" name="intent" value={intent} />
        {hidden}
        <button type="submit" disabled={busy} className={buttonClass}>
          {busy ? (pendingLabel ?? label) : label}
        </button>
      </fetcher.Form>
      <dialog ref={dialog} aria-label={label} className="m-auto max-w-md rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40">
        <fetcher.Form method="post" action={action} className="space-y-4 p-5">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="confirmed" value="yes" />
          {hidden}
          <p className="text-sm text-slate-800">{question}</p>
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
              {t("documents.confirm.cancel")}
            </button>
            <button type="submit" disabled={busy} className={tone === "danger" ? "rounded-md bg-red-600 px-3 py-1.5 text-sm text-white hover:bg-red-700" : "rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700"}>
              {busy ? (pendingLabel ?? label) : t("documents.confirm.ok", { action: label })}
            </button>
          </div>
        </fetcher.Form>
      </dialog>
      {serverQuestion ? (
        <form method="post" action={action} className="mt-2 space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3" role="alertdialog" aria-label={label}>
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="confirmed" value="yes" />
          {hidden}
          <p className="text-sm text-slate-800">{serverQuestion}</p>
          <button type="submit" className="rounded-md bg-red-600 px-3 py-1.5 text-sm text-white hover:bg-red-700">
            {t("documents.confirm.ok", { action: label })}
          </button>
        </form>
      ) : null}
    </>
  );
}
