import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { Duty } from "~/generated/prisma/enums.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/admin_.matching._index.tsx";
import type { action } from "../matching-board.actions.server.ts";
import type { BoardRow, BoardSlot } from "../matching.server.ts";
import { formatPoints } from "../matching/scoring.ts";
import { BreakdownDisclosure, ExplainedList, StatusBadge, useExplain } from "../ui.tsx";

/** The matching board (/admin/matching): every direction's internal and external slots, and the run. */

const DUTIES = Object.values(Duty);

export function MatchingBoardPage() {
  const { board, settings, view, duty } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const last = board.lastRun;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <h1 className="text-2xl font-bold tracking-tight">{t("mentors.matching.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("mentors.matching.intro")}</p>
        </div>
        <Link to="/admin/matching/settings" className={buttonClass("secondary")}>
          {t("mentors.settings.title")}
        </Link>
      </div>

      <div className="space-y-2">
        <ActionFeedback reply={reply} />
        {reply?.status === "error" ? <ExplainedList details={reply.details} /> : null}
      </div>

      <section aria-labelledby="matching-summary" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="matching-summary" className="text-base font-semibold">
          {t("mentors.matching.summary")}
        </h2>
        <div className="mt-3 grid gap-4 md:grid-cols-[1fr_auto]">
          <div className="space-y-1 text-sm text-slate-700">
            {last ? (
              <>
                <p>
                  {last.kind === "FULL"
                    ? t("mentors.matching.lastRun", { date: formatDateTime(last.createdAt, i18n.language), ms: last.durationMs })
                    : t("mentors.matching.lastRunSlot", { date: formatDateTime(last.createdAt, i18n.language) })}
                </p>
                <p>
                  {t("mentors.matching.filled", { filled: last.slotsFilled, slots: last.slotsTotal })} ·{" "}
                  {t("mentors.matching.covered", { filled: last.firstSlotsFilled, total: last.firstSlotsTotal })}
                </p>
                {last.greedyObjective !== null ? (
                  <p>{t("mentors.matching.objective", { value: formatPoints(Math.round(last.objective * 100)), greedy: formatPoints(Math.round(last.greedyObjective * 100)) })}</p>
                ) : null}
              </>
            ) : (
              <p>{t("mentors.matching.lastRunNone")}</p>
            )}
            <p className={board.openSlots > 0 ? "font-medium text-red-700" : ""}>{t("mentors.matching.openSlots", { count: board.openSlots })}</p>
            <p className="text-slate-500">{t("mentors.matching.counts", board.counts)}</p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <ActionButton intent="run" tone="primary" size="md" pendingLabel={t("mentors.matching.running")}>
              {last ? t("mentors.matching.rerun") : t("mentors.matching.run")}
            </ActionButton>
            {board.counts.proposed > 0 ? (
              <ConfirmButton
                intent="publish"
                tone="secondary"
                size="md"
                label={t("mentors.matching.publish", { count: board.counts.proposed })}
                question={t("mentors.matching.publishConfirm", { count: board.counts.proposed })}
                confirmLabel={t("mentors.matching.publishConfirmButton")}
              />
            ) : (
              <span className="self-center text-sm text-slate-500">{t("mentors.matching.nothingPending")}</span>
            )}
          </div>
        </div>
        <p className="mt-3 text-xs text-slate-500">
          {t("mentors.settings.title")}：{t("mentors.settings.duty")} {settings.weights.duty} · {t("mentors.settings.keywords")} {settings.weights.keywords} ·{" "}
          {t("mentors.settings.seniority")} {settings.weights.seniority} · {t("mentors.settings.preference")} {settings.weights.preference} · {t("mentors.settings.load")}{" "}
          {settings.weights.load}
        </p>
      </section>

      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={t("mentors.matching.filter")}>
        <label className="block">
          <span className="text-slate-600">{t("mentors.matching.view")}</span>
          <select name="view" defaultValue={view} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5">
            <option value="all">{t("mentors.matching.viewAll")}</option>
            <option value="open">{t("mentors.matching.viewOpen")}</option>
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">{t("mentors.matching.duty")}</span>
          <select name="duty" defaultValue={duty ?? ""} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t("mentors.matching.anyDuty")}</option>
            {DUTIES.map((d) => (
              <option key={d} value={d}>
                {t(`duty.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("mentors.matching.apply")}
        </button>
      </Form>

      {board.rows.length === 0 ? (
        <EmptyState>{view === "open" && board.directionsTotal > 0 ? t("mentors.matching.emptyOpen") : t("mentors.matching.empty")}</EmptyState>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-2 shadow-sm max-sm:border-0 max-sm:bg-transparent max-sm:p-0 max-sm:shadow-none">
          <DataTable
            caption={t("mentors.matching.caption", { page: board.page })}
            rows={board.rows}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "direction",
                header: t("mentors.matching.direction"),
                primary: true,
                className: "sm:w-1/4",
                cell: (row) => (
                  <>
                    <p className="font-medium text-slate-900">{row.name}</p>
                    <p className="mt-0.5 text-xs font-normal text-slate-500">
                      {row.studio.name} · {t(`duty.${row.studio.duty}`)}
                    </p>
                  </>
                ),
              },
              ...(["INTERNAL", "EXTERNAL"] as const).map((kind) => ({
                key: kind,
                header: t(kind === "INTERNAL" ? "mentors.matching.internal" : "mentors.matching.external"),
                cell: (row: BoardRow) => {
                  const slot = row.slots.find((candidate) => candidate.kind === kind);
                  return slot ? <SlotCell row={row} slot={slot} /> : null;
                },
              })),
            ]}
          />
        </div>
      )}
      <Pagination page={board.page} pages={board.pages} />
    </div>
  );
}

function SlotCell({ row, slot }: { row: BoardRow; slot: BoardSlot }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const kindWord = t(`mentorKindModifier.${slot.kind}`);
  return (
    <div className="space-y-2" aria-label={`${row.name} · ${t(`mentorKind.${slot.kind}`)}`} role="group">
      <p className="text-xs text-slate-500">{t("mentors.matching.target", { target: slot.target })}</p>
      <ul className="space-y-2">
        {slot.members.map((m) => (
          <li key={m.assignmentId} className="rounded-md border border-slate-200 p-2">
            <div className="flex flex-wrap items-center gap-1.5">
              <Link to={`/mentors/${m.mentorId}`} className="font-medium text-slate-900 hover:text-brand-700">
                {m.name}
              </Link>
              <StatusBadge status={m.status} />
              {m.locked ? <Badge tone="brand">{t("mentors.matching.locked")}</Badge> : null}
              {m.manual && m.status === "PROPOSED" ? <Badge>{t("mentors.matching.manual")}</Badge> : null}
            </div>
            {m.breakdown ? <BreakdownDisclosure breakdown={m.breakdown} label={t("mentors.matching.breakdownOf", { mentor: m.name })} /> : null}
            <div className="mt-1 flex flex-wrap gap-1.5">
              {m.status === "PROPOSED" ? (
                <>
                  {m.locked ? (
                    <ConfirmButton
                      intent="unlock"
                      fields={{ assignmentId: m.assignmentId }}
                      tone="secondary"
                      label={t("mentors.matching.unlock")}
                      ariaLabel={`${t("mentors.matching.unlock")} ${m.name}`}
                      question={t("mentors.matching.unlockConfirm", { mentor: m.name, direction: row.name })}
                      confirmLabel={t("mentors.matching.unlockConfirmButton")}
                    />
                  ) : (
                    <ActionButton intent="lock" fields={{ assignmentId: m.assignmentId }} label={`${t("mentors.matching.lock")} ${m.name}`} pendingLabel={t("mentors.common.saving")}>
                      {t("mentors.matching.lock")}
                    </ActionButton>
                  )}
                  <ConfirmButton
                    intent="exclude"
                    fields={{ assignmentId: m.assignmentId }}
                    label={t("mentors.matching.exclude")}
                    ariaLabel={`${t("mentors.matching.exclude")} ${m.name}`}
                    question={t("mentors.matching.excludeConfirm", { mentor: m.name, direction: row.name })}
                    confirmLabel={t("mentors.matching.excludeConfirmButton")}
                  />
                  {m.manual ? (
                    <ConfirmButton
                      intent="remove"
                      fields={{ assignmentId: m.assignmentId }}
                      label={t("mentors.matching.remove")}
                      ariaLabel={`${t("mentors.matching.remove")} ${m.name}`}
                      question={t("mentors.matching.removeConfirm", { mentor: m.name, direction: row.name })}
                      confirmLabel={t("mentors.matching.removeConfirmButton")}
                    />
                  ) : null}
                </>
              ) : (
                <ConfirmButton
                  intent="release"
                  fields={{ assignmentId: m.assignmentId }}
                  label={t("mentors.matching.release")}
                  ariaLabel={`${t("mentors.matching.release")} ${m.name}`}
                  question={t("mentors.matching.releaseConfirm", { mentor: m.name, direction: row.name })}
                  confirmLabel={t("mentors.matching.releaseConfirmButton")}
                />
              )}
            </div>
          </li>
        ))}
      </ul>
      {slot.open > 0 ? (
        <div className="rounded-md border border-red-300 bg-red-50 p-2 text-xs text-red-800" data-testid="open-slot">
          <p className="font-semibold">{t("mentors.matching.open", { count: slot.open })}</p>
          <p className="mt-0.5">{slot.reason ? explain(slot.reason) : t("mentors.matching.openReasonUnknown")}</p>
        </div>
      ) : null}
      {slot.declined.length ? (
        <ul className="text-xs text-slate-500">
          {slot.declined.map((d) => (
            <li key={d.assignmentId}>{d.note ? t("mentors.matching.declinedNote", { name: d.name, note: d.note }) : t("mentors.matching.declinedBy", { name: d.name })}</li>
          ))}
        </ul>
      ) : null}
      {slot.excluded.length ? (
        <div className="text-xs text-slate-500">
          <span>{t("mentors.matching.excludedList")}：</span>
          {slot.excluded.map((x) => (
            <span key={x.assignmentId} className="mr-2 inline-flex items-center gap-1">
              {x.name}
              <ActionButton intent="unexclude" fields={{ assignmentId: x.assignmentId }} label={`${t("mentors.matching.unexclude")} ${x.name}`} pendingLabel={t("mentors.common.saving")}>
                {t("mentors.matching.unexclude")}
              </ActionButton>
            </span>
          ))}
        </div>
      ) : null}
      <Link
        to={`/admin/matching/directions/${row.id}?kind=${slot.kind}`}
        className="inline-block text-xs text-brand-700 hover:underline"
        aria-label={t("mentors.matching.candidatesFor", { direction: row.name, kind: kindWord })}
      >
        {t("mentors.matching.candidates")}
      </Link>
    </div>
  );
}
