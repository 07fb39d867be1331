import { Form, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/training.check-in.tsx";
import type { phoneCheckInAction } from "~/meetings/check-in.actions.server.ts";

/** 签到 on a phone: the 6-digit code on the organiser's screen, or the QR code's link (checks in at once). */
export default function PhoneCheckIn() {
  const { sessions, payload } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof phoneCheckInAction>();
  const { t, i18n } = useTranslation();
  const submit = useSubmit();
  const sent = useRef(false);

  // Opened from the QR code: check in straight away (the button below does the same without JavaScript).
  useEffect(() => {
    if (payload && !sent.current && !reply) {
      sent.current = true;
      submit({ intent: "checkIn", payload }, { method: "post" });
    }
  }, [payload, reply, submit]);

  const open = sessions.filter((s) => !s.checkedInAt);
  return (
    <div className="mx-auto max-w-md space-y-5">
      <h1 className="text-2xl font-bold tracking-tight">{t("training.checkin.phoneTitle")}</h1>
      <ActionFeedback reply={reply} intent="checkIn" />

      {payload && reply?.status !== "success" ? (
        <Form method="post" className="rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="checkIn" />
          <input type="hidden" name="payload" value={payload} />
          <p className="mb-3 text-sm text-slate-600">{t("training.checkin.fromQr")}</p>
          <SubmitButton intent="checkIn" pendingLabel={t("training.checkin.checkingIn")} className="w-full">
            {t("training.checkin.submit")}
          </SubmitButton>
        </Form>
      ) : null}

      {open.length ? (
        <Form method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="checkIn" />
          {open.length === 1 ? (
            <p className="text-sm text-slate-700">
              <input type="hidden" name="sessionId" value={open[0]!.id} />
              {open[0]!.title} · {formatDateTime(open[0]!.startsAt, i18n.language)}
            </p>
          ) : (
            <div>
              <label htmlFor="check-in-session" className="block text-sm font-medium text-slate-700">
                {t("training.checkin.session")}
              </label>
              <select id="check-in-session" name="sessionId" className={inputClass}>
                {open.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title} · {formatDateTime(s.startsAt, i18n.language)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div>
            <label htmlFor="check-in-code" className="block text-sm font-medium text-slate-700">
              {t("training.checkin.codeInput")}
            </label>
            <input
              id="check-in-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              className={`${inputClass} text-center font-mono text-3xl tracking-[0.3em]`}
            />
          </div>
          <SubmitButton intent="checkIn" pendingLabel={t("training.checkin.checkingIn")} className="w-full">
            {t("training.checkin.submit")}
          </SubmitButton>
        </Form>
      ) : !payload && !sessions.length ? (
        <EmptyState>{t("training.checkin.noneOpen")}</EmptyState>
      ) : null}

      {sessions.some((s) => s.checkedInAt) ? (
        <ul className="space-y-2" aria-label={t("training.checkin.doneList")}>
          {sessions
            .filter((s) => s.checkedInAt)
            .map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <span>{s.title}</span>
                <Badge tone="emerald">{t("training.checkin.present", { time: formatDateTime(s.checkedInAt!, i18n.language) })}</Badge>
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}
