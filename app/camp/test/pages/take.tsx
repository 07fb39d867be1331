import { Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp.$campId_.test._index.tsx";
import type { TestResponse } from "../answers.ts";
import type { TakerPaper } from "../attempts.server.ts";
import type { takeAction } from "../take.actions.server.ts";

type Question = TakerPaper["questions"][number];
type SaveState = "saved" | "saving" | "retry";
const SAVE_LABELS = { saved: "camp.test.take.saved", saving: "camp.test.take.saving", retry: "camp.test.take.retrying" } as const;

export function TakePage() {
  const { overview, attempt, paper, mayStart, serverNow } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof takeAction>();
  const { t, i18n } = useTranslation();
  const round = overview.round!;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("camp.test.take.heading")} subtitle={<Content>{overview.camp.title}</Content>} />
      <ActionFeedback reply={reply} intent={["start", "submit"]} />
      {paper && attempt ? (
        <TestPaper campId={overview.camp.id} paper={paper} serverNow={serverNow} />
      ) : attempt ? (
        <div className="space-y-3">
          <Notice tone="success">{attempt.autoSubmitted ? t("camp.test.take.autoSubmitted") : attempt.submitted ? t("camp.test.take.submitted") : t("camp.test.errors.endedAutoSubmitted")}</Notice>
          <p className="text-sm text-slate-700">{t("camp.test.take.done")}</p>
          {attempt.mayReview ? (
            <Link to={`/camp/attempts/${attempt.id}`} className={buttonClass("secondary")}>
              {t("camp.test.take.review")}
            </Link>
          ) : null}
        </div>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t("camp.test.take.intro", { count: overview.questions, points: overview.points })}</p>
          {round.opensAt && round.closesAt ? (
            <p className="text-sm text-slate-700">
              {t("camp.test.take.window", {
                opensAt: formatDateTime(round.opensAt, i18n.language),
                closesAt: formatDateTime(round.closesAt, i18n.language),
                minutes: round.durationMinutes ?? "—",
              })}
            </p>
          ) : null}
          {mayStart ? (
            <ConfirmButton intent="start" label={t("camp.test.take.start")} question={t("camp.test.take.startConfirm")} tone="primary" size="md" />
          ) : (
            <EmptyState>{t("camp.test.take.notParticipant")}</EmptyState>
          )}
        </div>
      )}
    </div>
  );
}

/** Unsaved answers survive a reload or a closed tab in this browser until the server has them. */
const pendingKey = (attemptId: string) => `camp-test:${attemptId}:pending`;

function readPending(attemptId: string): Record<string, TestResponse> {
  try {
    return JSON.parse(window.localStorage.getItem(pendingKey(attemptId)) ?? "{}") as Record<string, TestResponse>;
  } catch {
    return {};
  }
}

function writePending(attemptId: string, pending: Record<string, TestResponse>) {
  try {
    if (Object.keys(pending).length === 0) window.localStorage.removeItem(pendingKey(attemptId));
    else window.localStorage.setItem(pendingKey(attemptId), JSON.stringify(pending));
  } catch {
    // Private mode or a full storage: the retries in memory still hold the answer.
  }
}

/** Text is saved once typing pauses; a choice almost at once. */
const DEBOUNCE_TEXT_MS = 800;
const DEBOUNCE_CHOICE_MS = 100;
const RETRY_MS = 2000;

function TestPaper({ campId, paper, serverNow }: { campId: string; paper: TakerPaper; serverNow: string }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [answers, setAnswers] = useState<Record<number, TestResponse | null>>(() => Object.fromEntries(paper.questions.map((q) => [q.position, q.response])));
  const [states, setStates] = useState<Record<number, SaveState>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [ended, setEnded] = useState(false);
  const [remaining, setRemaining] = useState<number | null>(null);
  const sequence = useRef<Record<number, number>>({});
  const timers = useRef<Record<number, ReturnType<typeof setTimeout>>>({});
  const endpoint = `/camp/${campId}/test/answers`;

  const send = useCallback(
    async (position: number, response: TestResponse, seq: number) => {
      const current = () => sequence.current[position] === seq;
      try {
        const res = await fetch(endpoint, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ intent: "save", attemptId: paper.id, position, response }),
        });
        const body = (await res.json().catch(() => ({}))) as { ok?: boolean; ended?: boolean; error?: string };
        if (res.ok && body.ok) {
          if (!current()) return;
          const pending = readPending(paper.id);
          delete pending[position];
          writePending(paper.id, pending);
          setStates((s) => ({ ...s, [position]: "saved" }));
          setErrors(({ [position]: _gone, ...rest }) => rest);
          return;
        }
        if (body.ended) {
          setEnded(true);
          return;
        }
        if (res.status === 401) {
          // Signed out meanwhile: the answer stays in this browser (pending) and goes out again
          // when the paper is opened after signing in; retrying now cannot succeed.
          if (current()) {
            setErrors((e) => ({ ...e, [position]: body.error ?? t("camp.test.errors.signedOut") }));
            setStates((s) => ({ ...s, [position]: "retry" }));
          }
          return;
        }
        if (res.status === 422 || res.status === 403 || res.status === 404) {
          if (current()) {
            setErrors((e) => ({ ...e, [position]: body.error ?? t("camp.test.errors.badAnswer") }));
            setStates((s) => ({ ...s, [position]: "saved" }));
          }
          return;
        }
        throw new Error(String(res.status));
      } catch {
        // A dropped connection or a server error: try again until it is stored (or the time is up).
        if (!current()) return;
        setStates((s) => ({ ...s, [position]: "retry" }));
        timers.current[position] = setTimeout(() => void send(position, response, seq), RETRY_MS);
      }
    },
    [endpoint, paper.id, t],
  );

  const answer = useCallback(
    (question: Question, response: TestResponse, delay: number) => {
      setAnswers((a) => ({ ...a, [question.position]: response }));
      setStates((s) => ({ ...s, [question.position]: "saving" }));
      writePending(paper.id, { ...readPending(paper.id), [question.position]: response });
      const seq = (sequence.current[question.position] ?? 0) + 1;
      sequence.current[question.position] = seq;
      clearTimeout(timers.current[question.position]);
      timers.current[question.position] = setTimeout(() => void send(question.position, response, seq), delay);
    },
    [paper.id, send],
  );

  // After a reload: answers this browser had not got stored yet go out again.
  useEffect(() => {
    const pending = readPending(paper.id);
    for (const question of paper.questions) {
      const response = pending[question.position];
      if (response && JSON.stringify(response) !== JSON.stringify(question.response)) answer(question, response, 0);
      else if (response) delete pending[question.position];
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The countdown, from the server's deadline and the difference between the two clocks.
  useEffect(() => {
    const offset = Date.parse(serverNow) - Date.now();
    const deadline = Date.parse(paper.deadline);
    const tick = () => {
      const left = deadline - (Date.now() + offset);
      setRemaining(Math.max(0, left));
      if (left <= 0) setEnded(true);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [paper.deadline, serverNow]);

  // Time is up: the server submits the paper (it would anyway, without this page); then show that.
  useEffect(() => {
    if (!ended) return;
    for (const timer of Object.values(timers.current)) clearTimeout(timer);
    let stopped = false;
    const close = async () => {
      try {
        const res = await fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ intent: "timeUp", attemptId: paper.id }) });
        const body = (await res.json().catch(() => ({}))) as { ended?: boolean };
        if (body.ended) {
          writePending(paper.id, {});
          revalidator.revalidate();
          return;
        }
      } catch {
        // Try again below.
      }
      if (!stopped) setTimeout(() => void close(), 1000);
    };
    void close();
    return () => {
      stopped = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ended]);

  const values = Object.values(states);
  const overall: SaveState = values.includes("retry") ? "retry" : values.includes("saving") ? "saving" : "saved";
  const unanswered = paper.questions.filter((q) => isUnanswered(answers[q.position] ?? null)).map((q) => q.position + 1);
  return (
    <div className="space-y-5">
      <div className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-white/95 px-3 py-2 shadow-sm">
        <p className="text-sm">
          <span className="text-slate-600">{t("camp.test.take.remaining")} </span>
          <span role="timer" aria-live="off" className="font-mono text-lg font-semibold tabular-nums" data-testid="countdown">
            {remaining === null ? "--:--" : clock(remaining)}
          </span>
        </p>
        <p role="status" aria-live="polite" className={`text-sm ${overall === "retry" ? "text-red-700" : "text-slate-600"}`} data-save-state={overall}>
          {t(SAVE_LABELS[overall])}
        </p>
      </div>
      {ended ? <Notice tone="info">{t("camp.test.errors.endedAutoSubmitted")}</Notice> : null}
      <ol className="space-y-5">
        {paper.questions.map((question) => (
          <li key={question.position}>
            <QuestionField question={question} value={answers[question.position] ?? null} disabled={ended} onAnswer={answer} error={errors[question.position]} />
          </li>
        ))}
      </ol>
      <div className="flex justify-end">
        {overall === "saved" && !ended ? (
          <ConfirmButton
            intent="submit"
            fields={{ attemptId: paper.id }}
            label={t("camp.test.take.submit")}
            tone="primary"
            size="md"
            question={unanswered.length > 0 ? t("camp.test.take.submitConfirmUnanswered", { count: unanswered.length, numbers: unanswered.join("、") }) : t("camp.test.take.submitConfirm")}
          />
        ) : (
          <button type="button" disabled className={buttonClass("primary")}>
            {t("camp.test.take.submit")}
          </button>
        )}
      </div>
    </div>
  );
}

function isUnanswered(response: TestResponse | null): boolean {
  if (!response) return true;
  if (response.kind === "MULTIPLE") return response.chosen.length === 0;
  if (response.kind === "FILL_IN") return response.texts.every((text) => text.trim() === "");
  if (response.kind === "SHORT_ANSWER") return response.text.trim() === "";
  return false;
}

function clock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

function QuestionField({
  question,
  value,
  disabled,
  onAnswer,
  error,
}: {
  question: Question;
  value: TestResponse | null;
  disabled: boolean;
  onAnswer: (question: Question, response: TestResponse, delay: number) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const name = `q${question.position}`;
  const errorId = `${name}-error`;
  const choice = "flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50";
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-describedby={error ? errorId : undefined} disabled={disabled}>
      <legend className="px-1 text-sm font-medium text-slate-500">
        {t("camp.test.take.question", { number: question.position + 1, points: question.points })} · {t(`questionKind.${question.kind}`)}
      </legend>
      <p className="whitespace-pre-wrap text-slate-900">
        <Content>{question.stem}</Content>
      </p>
      {question.kind === "SINGLE" || question.kind === "TRUE_FALSE" ? (
        <div className="space-y-2">
          {(question.kind === "TRUE_FALSE" ? [t("camp.test.take.true"), t("camp.test.take.false")] : question.options).map((text, shown) => {
            const checked = value?.kind === "SINGLE" ? value.chosen === shown : value?.kind === "TRUE_FALSE" ? value.value === (shown === 0) : false;
            return (
              <label key={shown} className={choice}>
                <input
                  type="radio"
                  name={name}
                  className="mt-0.5"
                  checked={checked}
                  onChange={() => onAnswer(question, question.kind === "TRUE_FALSE" ? { kind: "TRUE_FALSE", value: shown === 0 } : { kind: "SINGLE", chosen: shown }, DEBOUNCE_CHOICE_MS)}
                />
                <span>
                  {question.kind === "SINGLE" ? `${String.fromCharCode(65 + shown)}. ` : ""}
                  <Content>{text}</Content>
                </span>
              </label>
            );
          })}
        </div>
      ) : question.kind === "MULTIPLE" ? (
        <div className="space-y-2">
          {question.options.map((text, shown) => {
            const chosen = value?.kind === "MULTIPLE" ? value.chosen : [];
            return (
              <label key={shown} className={choice}>
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={chosen.includes(shown)}
                  onChange={(event) =>
                    onAnswer(question, { kind: "MULTIPLE", chosen: event.target.checked ? [...chosen, shown].sort((a, b) => a - b) : chosen.filter((c) => c !== shown) }, DEBOUNCE_CHOICE_MS)
                  }
                />
                <span>
                  {String.fromCharCode(65 + shown)}. <Content>{text}</Content>
                </span>
              </label>
            );
          })}
        </div>
      ) : question.kind === "FILL_IN" ? (
        <div className="space-y-2">
          {Array.from({ length: question.blanks }, (_, blank) => {
            const texts = value?.kind === "FILL_IN" ? value.texts : Array.from({ length: question.blanks }, () => "");
            return (
              <label key={blank} className="block text-sm">
                <span className="text-slate-600">{question.blanks > 1 ? t("camp.test.take.blank", { number: blank + 1 }) : t("camp.test.take.answer")}</span>
                <input
                  type="text"
                  maxLength={200}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
                  value={texts[blank] ?? ""}
                  onChange={(event) => onAnswer(question, { kind: "FILL_IN", texts: texts.map((text, i) => (i === blank ? event.target.value : text)) }, DEBOUNCE_TEXT_MS)}
                />
              </label>
            );
          })}
        </div>
      ) : (
        <label className="block text-sm">
          <span className="text-slate-600">{t("camp.test.take.answer")}</span>
          <textarea
            rows={6}
            maxLength={5000}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            value={value?.kind === "SHORT_ANSWER" ? value.text : ""}
            onChange={(event) => onAnswer(question, { kind: "SHORT_ANSWER", text: event.target.value }, DEBOUNCE_TEXT_MS)}
          />
        </label>
      )}
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
