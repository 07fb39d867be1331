import { Form, Link, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ConfirmRequest } from "~/lib/action-reply.ts";
import { buttonClass } from "./buttons.tsx";

type Fields = Record<string, string> | Array<[string, string]>;

function hiddenFields(fields: Fields) {
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  return entries.map(([name, value], index) => <input key={`${name}-${index}`} type="hidden" name={name} value={value} />);
}

/**
 * The one way a destructive action asks first (decision 054). With JavaScript a native dialog asks:
 * focus starts on 取消, Escape closes it, and focus returns to the button. Without JavaScript the
 * button posts the intent; the action answers with the question (`status: "confirm"`) and
 * ActionFeedback shows it as a ConfirmPrompt. Either way the change runs on a post with
 * `confirmed=yes`.
 */
export function ConfirmButton({
  intent,
  fields = {},
  label,
  question,
  confirmLabel = label,
  ariaLabel,
  tone = "danger",
  size = "sm",
  action,
  fetcherKey,
  className = "",
}: {
  intent: string;
  fields?: Fields;
  /** The button's visible text (its accessible name starts with it). */
  label: string;
  question: string;
  confirmLabel?: string;
  /** A fuller name when several such buttons sit side by side ("移除 王小雨"); starts with `label`. */
  ariaLabel?: string;
  tone?: "danger" | "primary" | "secondary";
  size?: "sm" | "md";
  /** Post to another route's action. */
  action?: string;
  /** Post without leaving the page; the page reads the reply with useFetcher({ key }). */
  fetcherKey?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const questionId = useId();
  const fetcher = useFetcher({ key: fetcherKey ?? `confirm:${intent}:${JSON.stringify(fields)}` });
  const navigation = useNavigation();
  const busy = fetcherKey ? fetcher.state !== "idle" : navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const ConfirmForm = fetcherKey ? fetcher.Form : Form;
  useEffect(() => {
    if (!busy && dialog.current?.open && (fetcherKey ? fetcher.data !== undefined : true)) dialog.current.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [busy]);
  return (
    <>
      <Form
        method="post"
        action={action}
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          dialog.current?.showModal();
        }}
      >
        <input type="hidden" name="intent" value={intent} />
        {hiddenFields(fields)}
        <button type="submit" aria-label={ariaLabel} disabled={busy} aria-busy={busy || undefined} className={`${buttonClass(tone, size)} ${className}`}>
          {busy ? t("kit.working") : label}
        </button>
      </Form>
      <dialog ref={dialog} aria-labelledby={questionId} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 p-0 text-left shadow-xl backdrop:bg-slate-900/40">
        <ConfirmForm method="post" action={action} className="space-y-4 p-5">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="confirmed" value="yes" />
          {hiddenFields(fields)}
          <p id={questionId} className="text-sm text-slate-800">
            {question}
          </p>
          <div className="flex justify-end gap-2">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className={buttonClass("secondary", "sm")}>
              {t("kit.cancel")}
            </button>
            <button type="submit" disabled={busy} className={buttonClass(tone === "secondary" ? "primary" : tone, "sm")}>
              {busy ? t("kit.working") : confirmLabel}
            </button>
          </div>
        </ConfirmForm>
      </dialog>
    </>
  );
}

/**
 * The question the server asked (a post without JavaScript, or a confirmation the page could not
 * know in advance). Focus starts on 取消; confirming posts the same fields with `confirmed=yes`.
 */
export function ConfirmPrompt({ request, action }: { request: ConfirmRequest; action?: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const cancel = useRef<HTMLAnchorElement>(null);
  useEffect(() => cancel.current?.focus(), [request]);
  return (
    <div role="alertdialog" aria-labelledby="confirm-prompt-message" className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
      <p id="confirm-prompt-message" className="text-sm font-medium text-amber-900">
        {request.message}
      </p>
      <Form method="post" action={action} className="mt-3 flex flex-wrap gap-2">
        {hiddenFields(request.fields)}
        <input type="hidden" name="confirmed" value="yes" />
        <Link ref={cancel} to="." replace className={buttonClass("secondary", "sm")}>
          {t("kit.cancel")}
        </Link>
        <button type="submit" disabled={navigation.state === "submitting"} className={buttonClass("danger", "sm")}>
          {navigation.state === "submitting" ? t("kit.working") : request.confirmLabel}
        </button>
      </Form>
    </div>
  );
}
