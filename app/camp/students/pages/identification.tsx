import { Form, useActionData, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp.$campId_.identification.tsx";
import type { identificationAction } from "../identification.actions.server.ts";
import { STUDENT_LIMITS } from "../schemas.ts";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = NonNullable<Data["attempt"]>["items"][number];

/** Minutes and seconds left, from the server's deadline (corrected for the difference between the server's clock and this one). */
function Countdown({ deadline, serverNow }: { deadline: string; serverNow: string }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const skew = useRef(new Date(serverNow).getTime() - Date.now());
  const left = () => Math.max(0, new Date(deadline).getTime() - (Date.now() + skew.current));
  const [remaining, setRemaining] = useState(left);
  const asked = useRef(false);
  useEffect(() => {
    const timer = setInterval(() => {
      const next = left();
      setRemaining(next);
      // Time is up: the loader submits the attempt and the page shows that it ended.
      if (next === 0 && !asked.current) {
        asked.current = true;
        revalidator.revalidate();
      }
    }, 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deadline]);
  const seconds = Math.ceil(remaining / 1000);
  const text = `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <div className="sticky top-0 z-10 flex items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-2">
      <span className="text-sm text-amber-900">{t("camp.students.round.remaining")}</span>
      <span role="timer" aria-label={t("camp.students.round.remaining")} className={`font-mono text-xl font-semibold ${seconds <= 60 ? "text-red-700" : "text-amber-900"}`}>
        {text}
      </span>
    </div>
  );
}

/** One drawn photo and its three answers, each saved as it is left (and with the button, for keyboards and no JavaScript). */
function PhotoCard({ item, total, campId, attemptId }: { item: Item; total: number; campId: string; attemptId: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof identificationAction>({ key: `save-${item.position}` });
  const form = useRef<HTMLFormElement>(null);
  const n = item.position + 1;
  const save = () => form.current && fetcher.submit(form.current);
  const status = fetcher.state !== "idle" ? t("camp.students.round.saving") : fetcher.data?.status === "success" ? t("camp.students.round.saved") : "";
  const id = (field: string) => `photo-${item.position}-${field}`;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-2 text-sm font-medium text-slate-600">{t("camp.students.round.photo", { n, total })}</h2>
      <div className="flex flex-col gap-4 sm:flex-row">
        <img src={`/camp/${campId}/students/${item.studentId}/photo`} alt={t("camp.students.round.photoAlt", { n })} className="h-56 w-44 self-center rounded object-cover sm:self-start" />
        <fetcher.Form ref={form} method="post" className="flex-1 space-y-3" onBlur={save} aria-label={t("camp.students.round.photo", { n, total })}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="attemptId" value={attemptId} />
          <input type="hidden" name="position" value={item.position} />
          {(
            [
              ["typedName", t("camp.students.round.name"), item.typedName, STUDENT_LIMITS.name],
              ["typedClass", t("camp.students.round.className"), item.typedClass, STUDENT_LIMITS.className],
              ["typedDorm", t("camp.students.round.dorm"), item.typedDorm, STUDENT_LIMITS.dorm],
            ] as const
          ).map(([name, label, value, max]) => (
            <div key={name}>
              <label htmlFor={id(name)} className="block text-sm font-medium text-slate-700">
                {label}
              </label>
              <input id={id(name)} name={name} defaultValue={value ?? ""} maxLength={max} autoComplete="off" className={inputClass} />
            </div>
          ))}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="markedNotMine" defaultChecked={item.markedNotMine} onChange={save} className="h-5 w-5" />
            {t("camp.students.round.notMine")}
          </label>
          <div className="flex items-center gap-3">
            <button type="submit" className={buttonClass("secondary", "sm")}>
              {t("camp.students.round.save")}
            </button>
            <span role="status" className="text-sm text-slate-600">
              {status}
            </span>
          </div>
          <ActionFeedback reply={fetcher.data?.status === "error" ? fetcher.data : undefined} />
        </fetcher.Form>
      </div>
    </li>
  );
}

export default function IdentificationPage() {
  const { t, i18n } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof identificationAction>();
  const { settings, attempt, state } = page;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t("camp.students.round.title")} subtitle={<Content>{page.title}</Content>} />
      {state === "ready" || state === "notYetOpen" ? (
        <div className="space-y-3 text-sm text-slate-700">
          <p>{t("camp.students.round.intro", { photos: settings.photos, minutes: settings.minutes })}</p>
          <p>{t("camp.students.round.points", { name: settings.namePoints, className: settings.classPoints, dorm: settings.dormPoints })}</p>
          {settings.hasDecoys ? <p>{t("camp.students.round.decoys")}</p> : null}
          <p>{t("camp.students.round.once")}</p>
        </div>
      ) : null}
      {state === "notYetOpen" ? (
        <Notice tone="info">
          {settings.opensAt ? t("camp.students.round.notYetOpen", { at: formatDateTime(settings.opensAt, i18n.language) }) : t("camp.students.round.notYetOpenShort")}
        </Notice>
      ) : null}
      {state === "notEntered" ? <Notice tone="info">{t("camp.students.round.notEntered")}</Notice> : null}
      {state === "awaitingCut" || state === "cutOut" ? (
        <Notice tone="info">
          {t(state === "cutOut" ? "camp.students.round.cutOut" : "camp.students.round.awaitingCut")}
          {settings.cut ? ` ${t("camp.students.round.cutRule", { from: t(`campRoundKind.${settings.cut.from}`), top: settings.cut.top })}` : ""}
        </Notice>
      ) : null}
      {state === "closed" ? <Notice tone="info">{t("camp.students.round.closed")}</Notice> : null}
      {state === "ended" ? <Notice tone="success">{attempt?.autoSubmitted ? t("camp.students.round.autoSubmitted") : t("camp.students.round.submitted")}</Notice> : null}
      {state === "ready" ? <StartForm /> : null}
      {state === "running" && attempt ? (
        <>
          <Countdown deadline={attempt.deadline} serverNow={page.now} />
          {settings.hasDecoys ? <p className="text-sm text-slate-700">{t("camp.students.round.decoys")}</p> : null}
          <ol className="space-y-4">
            {attempt.items.map((item) => (
              <PhotoCard key={item.position} item={item} total={attempt.items.length} campId={page.campId} attemptId={attempt.id} />
            ))}
          </ol>
          <ActionFeedback reply={reply} intent="submit" />
          <ConfirmButton intent="submit" fields={{ attemptId: attempt.id }} label={t("camp.students.round.submit")} question={t("camp.students.round.submitQuestion")} tone="primary" size="md" />
        </>
      ) : null}
    </div>
  );
}

function StartForm() {
  const { t } = useTranslation();
  const reply = useActionData<typeof identificationAction>();
  return (
    <Form method="post" className="space-y-3">
      <input type="hidden" name="intent" value="start" />
      <ActionFeedback reply={reply} intent="start" />
      <SubmitButton intent="start" pendingLabel={t("camp.students.round.starting")}>
        {t("camp.students.round.start")}
      </SubmitButton>
    </Form>
  );
}

