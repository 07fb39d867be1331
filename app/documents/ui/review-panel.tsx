import { getFormProps, getTextareaProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { FieldErrors, inputClass } from "~/components/kit/fields.tsx";
import type { DocumentStatus, ReviewStatus } from "~/generated/prisma/enums.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { Abilities } from "~/policy/index.ts";
import { decideFormSchema, requestReviewFormSchema } from "../schemas.ts";
import { StatusBadge } from "./status-badge.tsx";
import { usePageForm, usePageReply, type PageReply } from "./use-page-form.ts";

export interface ReviewView {
  id: string;
  status: ReviewStatus;
  summary: string | null;
  createdAt: string;
  decidedAt: string | null;
  reviewer: { id: string; name: string };
  requestedBy: { id: string; name: string };
}

export interface DirectionWithMentors {
  id: string;
  name: string;
  mentors: Array<{ id: string; name: string; kind: "INTERNAL" | "EXTERNAL" }>;
}

/** The review steps taken with one button (each asks first); their refusals show above them. */
const STEPS: readonly string[] = ["withdraw", "publish", "reopen"];

export function ReviewPanel({
  status,
  reviews,
  directions,
  currentDirectionId,
  abilities,
}: {
  status: DocumentStatus;
  reviews: ReviewView[];
  directions: DirectionWithMentors[];
  currentDirectionId: string | null;
  abilities: Abilities<"document">;
}) {
  const { t, i18n } = useTranslation();
  const pending = reviews.filter((review) => review.status === "PENDING");
  const answers = [usePageReply("withdraw"), usePageReply("publish"), usePageReply("reopen"), usePageReply("decide"), usePageReply("request")];
  // With JavaScript the replies arrive on the forms' fetchers (the forms may be gone by then).
  const fetchers = [
    useFetcher<PageReply>({ key: "review-withdraw" }),
    useFetcher<PageReply>({ key: "review-publish" }),
    useFetcher<PageReply>({ key: "review-reopen" }),
    useFetcher<PageReply>({ key: "decide-review" }),
    useFetcher<PageReply>({ key: "request-review" }),
  ];
  // A step's success shows while the status it led to holds; a refusal of a step shows here (the
  // decide and request forms show theirs in the form).
  const shown = [...fetchers.map((fetcher) => fetcher.data), ...answers].find(
    (reply) =>
      (reply?.status === "success" && reviewStatusOf(reply) === status) ||
      (reply?.status === "error" && STEPS.includes(reply.intent)),
  );
  return (
    <div className="space-y-4 text-sm">
      <p className="flex items-center gap-2 text-slate-700">
        {t("documents.review.current", { status: "" })}
        <StatusBadge status={status} />
      </p>
      <ActionFeedback reply={shown} />
      {pending.length ? <p className="text-slate-600">{t("documents.review.waiting", { names: pending.map((review) => review.reviewer.name).join("、") })}</p> : null}

      {abilities["document:decide-review"] ? <DecideForm /> : null}
      {abilities["document:request-review"] ? <RequestForm directions={directions} currentDirectionId={currentDirectionId} /> : null}
      <div className="flex flex-wrap gap-2">
        {abilities["document:withdraw-review"] ? (
          <ReviewStep intent="withdraw" label={t("documents.review.withdraw")} question={t("documents.review.withdrawConfirm")} asked={answers[0]} />
        ) : null}
        {abilities["document:publish"] ? (
          <ReviewStep intent="publish" label={t("documents.review.publish")} question={t("documents.review.publishConfirm")} asked={answers[1]} />
        ) : null}
        {abilities["document:reopen"] ? (
          <ReviewStep intent="reopen" label={t("documents.review.reopen")} question={t("documents.review.reopenConfirm")} asked={answers[2]} />
        ) : null}
      </div>

      <section aria-labelledby="review-history">
        <h3 id="review-history" className="mb-2 font-semibold text-slate-900">
          {t("documents.review.history")}
        </h3>
        {reviews.length === 0 ? (
          <p className="text-slate-500">{t("documents.review.historyEmpty")}</p>
        ) : (
          <ol className="space-y-2">
            {reviews.map((review) => (
              <li key={review.id} className="rounded-lg border border-slate-200 bg-white p-3">
                <p className="flex flex-wrap justify-between gap-2">
                  <span>{t("documents.review.historyItem", { requester: review.requestedBy.name, reviewer: review.reviewer.name })}</span>
                  <span className="font-medium">{t(`reviewStatus.${review.status}`)}</span>
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  {formatDateTime(review.createdAt, i18n.language)}
                  {review.decidedAt ? ` → ${formatDateTime(review.decidedAt, i18n.language)}` : ""}
                </p>
                {review.summary ? <p className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-2 text-slate-800">{review.summary}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function DecideForm() {
  const { t } = useTranslation();
  const { fetcher, form, fields, busy, reply } = usePageForm("decide-review", "decide", decideFormSchema);
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3">
      <input type="hidden" name="intent" value="decide" />
      <h3 className="font-semibold text-slate-900">{t("documents.review.decide")}</h3>
      <label htmlFor={fields.summary.id} className="block text-slate-700">
        {t("documents.review.summary")}
      </label>
      <textarea {...getTextareaProps(fields.summary)} rows={4} className={inputClass} />
      <FieldErrors field={fields.summary} />
      <ActionFeedback reply={reply?.status === "error" ? reply : undefined} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="APPROVED" disabled={busy} className={buttonClass("primary", "sm")}>
          {busy ? t("documents.review.deciding") : t("documents.review.approve")}
        </button>
        <button type="submit" name="decision" value="CHANGES_REQUESTED" disabled={busy} className={buttonClass("secondary", "sm")}>
          {t("documents.review.requestChanges")}
        </button>
      </div>
    </fetcher.Form>
  );
}

function RequestForm({ directions, currentDirectionId }: { directions: DirectionWithMentors[]; currentDirectionId: string | null }) {
  const { t } = useTranslation();
  const { fetcher, form, fields, busy, reply } = usePageForm("request-review", "request", requestReviewFormSchema);
  const initial = directions.find((d) => d.id === currentDirectionId && d.mentors.length) ?? directions.find((d) => d.mentors.length) ?? directions[0];
  const [directionId, setDirectionId] = useState(initial?.id ?? "");
  const direction = directions.find((d) => d.id === directionId);
  if (!directions.length) return <p className="text-slate-600">{t("documents.review.noDirections")}</p>;
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <input type="hidden" name="intent" value="request" />
      <h3 className="font-semibold text-slate-900">{t("documents.review.request")}</h3>
      <p className="text-slate-600">{t("documents.review.requestIntro")}</p>
      <div>
        <label htmlFor={fields.directionId.id} className="block text-slate-700">
          {t("documents.review.direction")}
        </label>
        <select id={fields.directionId.id} name="directionId" value={directionId} onChange={(event) => setDirectionId(event.target.value)} className={inputClass}>
          {directions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <FieldErrors field={fields.directionId} />
      </div>
      <fieldset>
        <legend className="text-slate-700">{t("documents.review.reviewers")}</legend>
        {direction?.mentors.length ? (
          <ul className="mt-1 space-y-1">
            {direction.mentors.map((mentor) => (
              <li key={mentor.id}>
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="reviewerIds" value={mentor.id} defaultChecked className="h-4 w-4" />
                  {mentor.name}
                  <span className="text-xs text-slate-500">{t("documents.review.mentorKind", { kind: t(`mentorKind.${mentor.kind}`) })}</span>
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-slate-600">{t("documents.review.noMentors")}</p>
        )}
        <FieldErrors field={fields.reviewerIds} />
      </fieldset>
      <div>
        <label htmlFor={fields.note.id} className="block text-slate-700">
          {t("documents.review.note")}
        </label>
        <textarea {...getTextareaProps(fields.note)} rows={2} className={inputClass} />
        <FieldErrors field={fields.note} />
      </div>
      <ActionFeedback reply={reply?.status === "error" ? reply : undefined} />
      <button type="submit" disabled={busy || !direction?.mentors.length} className={buttonClass("primary", "sm")}>
        {busy ? t("documents.review.submitting") : t("documents.review.submit")}
      </button>
    </fetcher.Form>
  );
}

/** Withdraw, publish, reopen: each asks first (the dialog, or the server's question without JavaScript). */
function ReviewStep({ intent, label, question, asked }: { intent: string; label: string; question: string; asked?: PageReply }) {
  const { t } = useTranslation();
  return (
    <>
      <ConfirmButton intent={intent} fetcherKey={`review-${intent}`} label={label} question={question} confirmLabel={t("documents.confirm.ok", { action: label })} tone="secondary" />
      {asked?.status === "confirm" ? <ActionFeedback reply={asked} /> : null}
    </>
  );
}

/** The document status a review step led to (its reply's data). */
function reviewStatusOf(reply: PageReply): string | undefined {
  return reply.data && typeof reply.data === "object" && "status" in reply.data ? String(reply.data.status) : undefined;
}
