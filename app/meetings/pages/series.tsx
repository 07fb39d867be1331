import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content, ContentMessage } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/meetings.series.$seriesId.tsx";
import { generateSchema, proposalSchema } from "../schemas.ts";
import type { action } from "../series.actions.server.ts";
import { useRuleText } from "./rule-text.ts";
import { rowResult } from "./row-result.ts";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** A series: its occurrences with attendance, generating more months, and the backlog (议题池). */
export function SeriesPage() {
  const { series, counts, abilities, created, updated, year } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  const manage = abilities["meeting-series:manage"];
  const organiser = series.college ?? series.jointGroup ?? series.studio;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={series.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="brand">{t(`meetingOrganiserKind.${series.organiserKind}`)}</Badge>
            {organiser ? <Content>{organiser.name}</Content> : null}
            <span>{ruleText(series)}</span>
            {series.place ? <Content>{series.place}</Content> : null}
          </span>
        }
        actions={
          manage ? (
            <>
              <Link to={`/meetings/series/${series.id}/edit`} className={buttonClass("secondary", "sm")}>
                {t("meetings.pages.editSeries.edit")}
              </Link>
              <a href={`/meetings/series/${series.id}/export.xlsx?year=${year}`} className={buttonClass("secondary", "sm")} download>
                {t("meetings.pages.series.exportXlsx", { year })}
              </a>
            </>
          ) : undefined
        }
      />
      {created && !reply ? <Notice tone="success">{t("meetings.pages.series.createdNotice")}</Notice> : null}
      {updated !== null && !reply ? <Notice tone="success">{updated ? t("meetings.pages.editSeries.saved", { count: updated }) : t("meetings.pages.editSeries.savedOnly")}</Notice> : null}
      <ActionFeedback reply={reply} intent={["decline"]} />

      <Audience series={series} />

      <Card title={t("meetings.pages.series.meetings")}>
        <DataTable
          caption={t("meetings.pages.series.meetings")}
          rows={series.meetings}
          rowKey={(m) => m.id}
          empty={<EmptyState>{t("meetings.pages.series.noMeetings")}</EmptyState>}
          columns={[
            {
              key: "date",
              header: t("meetings.pages.series.colDate"),
              primary: true,
              cell: (m) => (
                <Link to={`/meetings/${m.id}`} className="text-brand-700 hover:underline">
                  {formatDateTime(m.startsAt, i18n.language)}
                </Link>
              ),
            },
            { key: "place", header: t("meetings.pages.home.colPlace"), cell: (m) => <Content>{m.place || "—"}</Content> },
            {
              key: "status",
              header: t("meetings.pages.home.colStatus"),
              cell: (m) => (
                <span className="flex flex-wrap gap-1">
                  <Badge tone={m.status === "CLOSED" ? "slate" : m.status === "CANCELLED" ? "red" : "sky"}>{t(`meetingStatus.${m.status}`)}</Badge>
                  {m.agendaPublishedAt ? <Badge tone="emerald">{t("meetings.pages.meeting.published")}</Badge> : null}
                  {m.minutesConfirmedAt ? <Badge tone="emerald">{t("meetings.pages.meeting.minutesConfirmed")}</Badge> : null}
                </span>
              ),
            },
            { key: "attendance", header: t("meetings.pages.series.colAttendance"), numeric: true, cell: (m) => t("meetings.pages.series.attendance", counts[m.id] ?? { present: 0, invited: 0 }) },
          ]}
        />
        {manage ? <Generate /> : null}
      </Card>

      <Backlog series={series} />
    </div>
  );
}

/** Who the series invites, kind by kind. */
function Audience({ series }: { series: Data["series"] }) {
  const { names } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const value = (target: Data["series"]["targets"][number]) =>
    target.stage ? t(`stage.${target.stage}`) : target.group ? t(`group.${target.group}`) : (names[target.collegeId ?? target.studioId ?? target.userId ?? ""] ?? "—");
  return (
    <Card title={t("meetings.pages.series.audience")}>
      {series.targets.length === 0 ? (
        <p className="text-sm text-slate-600">{t("meetings.pages.series.audienceDefault")}</p>
      ) : (
        <ul className="flex flex-wrap gap-2 text-sm" aria-label={t("meetings.pages.series.audience")}>
          {series.targets.map((target, index) => (
            <li key={index}>
              <Badge tone="sky">{t(`meetingTargetKind.${target.kind}`)}</Badge> <Content>{value(target)}</Content>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Generate() {
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "generate",
    lastResult: replyFor(reply, "generate")?.form,
    defaultValue: { count: "12" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: generateSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 flex flex-wrap items-end gap-3">
      <input type="hidden" name="intent" value="generate" />
      <TextField field={fields.count} type="number" min="1" max="36" label={t("meetings.pages.series.generateCount")} className="w-40" />
      <SubmitButton intent="generate" tone="secondary" pendingLabel={t("meetings.pages.series.generating")}>
        {t("meetings.pages.series.generate")}
      </SubmitButton>
      <div className="w-full">
        <ActionFeedback reply={reply} intent="generate" />
      </div>
    </Form>
  );
}

function Backlog({ series }: { series: Data["series"] }) {
  const { slots, abilities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const manage = abilities["meeting-series:manage"];
  const [form, fields] = useForm({
    id: "propose",
    lastResult: replyFor(reply, "propose")?.form,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposalSchema }),
  });
  return (
    <Card title={t("meetings.pages.series.backlog")}>
      <p className="text-sm text-slate-600">{t("meetings.pages.series.backlogIntro")}</p>
      <div className="mt-3">
        {/* Taken: the proposal leaves the list, so the notice is said here; a refusal is said at its proposal. */}
        <ActionFeedback reply={reply?.status === "success" ? reply : undefined} intent="take" />
      </div>
      {series.proposals.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("meetings.pages.series.noProposals")}</EmptyState>
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" aria-label={t("meetings.pages.series.backlog")}>
          {series.proposals.map((p) => (
            <li key={p.id} className="space-y-2 py-3 text-sm">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                <Badge tone="amber">{t("agendaProposalStatus.OPEN")}</Badge>
                <Content>{p.title}</Content>
              </p>
              <p className="text-slate-600">
                <ContentMessage values={{ name: p.proposedBy?.name ?? "—", date: formatDate(p.createdAt, i18n.language) }} render={(v) => t("meetings.pages.series.proposedBy", v)} />
              </p>
              {p.notes ? <Content className="block whitespace-pre-line text-slate-700">{p.notes}</Content> : null}
              {manage && rowResult(reply, "take", "proposalId", p.id) ? <ActionFeedback reply={reply?.status === "success" ? undefined : reply} intent="take" /> : null}
              {manage ? (
                <div className="flex flex-wrap items-end gap-2">
                  {slots.length ? (
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="take" />
                      <input type="hidden" name="proposalId" value={p.id} />
                      <div>
                        <label htmlFor={`slot-${p.id}`} className="block text-sm font-medium text-slate-700">
                          {t("meetings.pages.series.takeInto")}
                        </label>
                        <select id={`slot-${p.id}`} name="slot" required className={inputClass}>
                          {slots.map((m) => (
                            <optgroup key={m.id} label={formatDateTime(m.startsAt, i18n.language)}>
                              {m.segments.map((s) => (
                                <option key={s.id} value={`${m.id}:${s.id}`}>
                                  {`${formatDate(m.startsAt, i18n.language)} · ${s.name}`}
                                </option>
                              ))}
                            </optgroup>
                          ))}
                        </select>
                      </div>
                      <div className="w-28">
                        <label htmlFor={`minutes-${p.id}`} className="block text-sm font-medium text-slate-700">
                          {t("meetings.pages.agenda.minutes")}
                        </label>
                        <input id={`minutes-${p.id}`} name="minutes" type="number" min="1" max="600" defaultValue="15" required className={inputClass} />
                      </div>
                      <SubmitButton intent="take" match={["proposalId", p.id]} size="sm" pendingLabel={t("meetings.pages.series.taking")} label={t("meetings.pages.series.takeLabel", { title: p.title })}>
                        {t("meetings.pages.series.take")}
                      </SubmitButton>
                    </Form>
                  ) : null}
                  <ConfirmButton
                    intent="decline"
                    fields={{ proposalId: p.id }}
                    label={t("meetings.pages.series.decline")}
                    ariaLabel={t("meetings.pages.series.declineLabel", { title: p.title })}
                    question={t("meetings.pages.series.confirmDecline", { title: p.title })}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {abilities["meeting-series:propose"] ? (
        <Form method="post" {...getFormProps(form)} className="mt-4 grid gap-3 border-t border-slate-100 pt-4">
          <h3 className="text-sm font-semibold">{t("meetings.pages.series.proposeHeading")}</h3>
          <ActionFeedback reply={reply} intent="propose" />
          <input type="hidden" name="intent" value="propose" />
          <TextField field={fields.title} label={t("meetings.pages.series.proposalTitle")} maxLength={200} />
          <TextAreaField field={fields.notes} label={t("meetings.pages.series.proposalNotes")} rows={2} />
          <div>
            <SubmitButton intent="propose" pendingLabel={t("meetings.pages.series.proposing")}>
              {t("meetings.pages.series.propose")}
            </SubmitButton>
          </div>
        </Form>
      ) : null}
    </Card>
  );
}
