import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { ChoiceField, FieldErrors, inputClass, SelectField, TextAreaField, TextField, useErrorText } from "~/components/kit/fields.tsx";
import { parseWithZod } from "~/lib/zod-form.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import type { loader as newLoader } from "~/routes/meetings.series.new.tsx";
import type { loader as editLoader } from "~/routes/meetings.series.$seriesId_.edit.tsx";
import { GROUPS } from "~/training/schemas.ts";
import type { action as newAction } from "../new-series.actions.server.ts";
import type { action as editAction } from "../series-edit.actions.server.ts";
import { DEFAULT_SEGMENTS } from "../schemas.ts";
import { seriesEditFormSchema, seriesFormSchema } from "../series-form.ts";
import { WEEKDAY_CODES } from "./rule-text.ts";

/** The form's fields as posted (the schema's preprocess turns them into a series). */
interface SeriesFields {
  title: string;
  organiser: string;
  place: string;
  description: string;
  weekOfMonth: string;
  weekday: string;
  startTime: string;
  durationMinutes: string;
  months: string;
  segments: Array<{ name: string; minutes: string }>;
  stages: string[];
  groups: string[];
  colleges: string[];
  studios: string[];
  people: string;
  targets: string[];
}

type Segment = { key: number; name: string; minutes: string };
let nextKey = 0;
const segmentRow = (name: string, minutes: string | number): Segment => ({ key: nextKey++, name, minutes: String(minutes) });

/** Creating a series: organiser, monthly rule, segment template, audience and how many months to generate. */
export function NewSeriesPage() {
  const { organisers, audience } = useLoaderData<typeof newLoader>();
  const reply = useActionData<typeof newAction>();
  const { t } = useTranslation();
  return (
    <SeriesForm
      mode={{ kind: "create", organisers }}
      audience={audience}
      reply={reply}
      title={t("meetings.pages.newSeries.title")}
      subtitle={t("meetings.pages.newSeries.intro")}
      defaults={{ organiser: organisers[0]?.value ?? "", weekOfMonth: "2", weekday: "3", startTime: "14:30", durationMinutes: "120", months: "12" }}
      segments={DEFAULT_SEGMENTS}
    />
  );
}

/** Changing a series: everything but its organiser; untouched future meetings follow (series.server.ts updateSeries). */
export function EditSeriesPage() {
  const { series, audience, values } = useLoaderData<typeof editLoader>();
  const reply = useActionData<typeof editAction>();
  const { t } = useTranslation();
  return (
    <SeriesForm
      mode={{ kind: "edit", seriesId: series.id, version: series.version }}
      audience={audience}
      reply={reply}
      title={t("meetings.pages.editSeries.title", { title: series.title })}
      subtitle={t("meetings.pages.editSeries.intro")}
      defaults={values}
      segments={series.segments}
    />
  );
}

type Organiser = ReturnType<typeof useLoaderData<typeof newLoader>>["organisers"][number];

function SeriesForm({
  mode,
  audience,
  reply: anyReply,
  title,
  subtitle,
  defaults,
  segments: initialSegments,
}: {
  mode: { kind: "create"; organisers: Organiser[] } | { kind: "edit"; seriesId: string; version: string };
  audience: { colleges: Array<{ id: string; name: string }>; studios: Array<{ id: string; name: string }> };
  reply: ReturnType<typeof useActionData<typeof newAction>> | ReturnType<typeof useActionData<typeof editAction>>;
  title: string;
  subtitle: string;
  defaults: Partial<Omit<SeriesFields, "segments" | "targets">>;
  segments: ReadonlyArray<{ name: string; minutes: number }>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const intent = mode.kind === "create" ? "create" : "update";
  // Both actions answer their intent with the form's result.
  const reply = anyReply as { intent?: string; form?: SubmissionResult<string[]> } | undefined;
  const [form, fields] = useForm<SeriesFields, unknown>({
    id: mode.kind === "create" ? "new-series" : `edit-series-${mode.seriesId}`,
    lastResult: reply?.intent === intent ? reply.form : undefined,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mode.kind === "create" ? seriesFormSchema : seriesEditFormSchema }),
  });
  const [segments, setSegments] = useState<Segment[]>(() => initialSegments.map((s) => segmentRow(s.name, s.minutes)));
  const change = (key: number, patch: Partial<Segment>) => setSegments((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) =>
    setSegments((rows) => {
      const next = [...rows];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  const organiserLabel = (o: Organiser) => (o.name ? `${t(`meetingOrganiserKind.${o.kind}`)} · ${o.name}` : t(`meetingOrganiserKind.${o.kind}`));
  const segmentErrors = fields.segments.allErrors ? Object.values(fields.segments.allErrors).flat() : [];

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title={title} subtitle={subtitle} />
      <ActionFeedback reply={anyReply} intent={intent} />
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <input type="hidden" name="intent" value={intent} />
        {mode.kind === "edit" ? <VersionField version={mode.version} reply={anyReply?.intent === "update" ? anyReply : undefined} /> : null}
        <Card title={t("meetings.pages.newSeries.basics")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.title} label={t("meetings.pages.newSeries.seriesTitle")} className="sm:col-span-2" maxLength={120} placeholder={t("meetings.pages.newSeries.titlePlaceholder")} />
            {mode.kind === "create" ? (
              <SelectField field={fields.organiser} label={t("meetings.pages.newSeries.organiser")} options={mode.organisers.map((o) => ({ value: o.value, label: organiserLabel(o) }))} hint={t("meetings.pages.newSeries.organiserHint")} />
            ) : null}
            <TextField field={fields.place} label={t("meetings.pages.newSeries.place")} maxLength={120} />
            <TextAreaField field={fields.description} label={t("meetings.pages.newSeries.description")} rows={2} className="sm:col-span-2" />
          </div>
        </Card>
        <Card title={t("meetings.pages.newSeries.rule")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              field={fields.weekOfMonth}
              label={t("meetings.pages.newSeries.weekOfMonth")}
              options={[...[1, 2, 3, 4, 5].map((n): { value: string; label: string } => ({ value: String(n), label: t("meetings.pages.rule.nth", { n }) })), { value: "-1", label: t("meetings.pages.rule.last") }]}
            />
            <SelectField field={fields.weekday} label={t("meetings.pages.newSeries.weekday")} options={WEEKDAY_CODES.map((code, i) => ({ value: String(i + 1), label: t(`meetings.pages.weekdays.${code}`) }))} />
            <TextField field={fields.startTime} label={t("meetings.pages.newSeries.startTime")} placeholder="14:30" maxLength={5} />
            <TextField field={fields.durationMinutes} type="number" min="1" max="600" label={t("meetings.pages.newSeries.duration")} />
            {mode.kind === "create" ? (
              <TextField field={fields.months} type="number" min="1" max="36" label={t("meetings.pages.newSeries.months")} hint={t("meetings.pages.newSeries.monthsHint")} />
            ) : (
              <p className="text-sm text-slate-600 sm:col-span-2">{t("meetings.pages.editSeries.ruleHint")}</p>
            )}
          </div>
        </Card>
        <Card title={t("meetings.pages.newSeries.segments")}>
          <p className="text-sm text-slate-600">{t("meetings.pages.newSeries.segmentsHint")}</p>
          <ol className="mt-3 space-y-3" aria-label={t("meetings.pages.newSeries.segments")}>
            {segments.map((segment, index) => (
              <li key={segment.key} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_8rem_auto] sm:items-end">
                <div>
                  <label htmlFor={`segment-${segment.key}-name`} className="block text-sm font-medium text-slate-700">
                    {t("meetings.pages.newSeries.segmentName", { n: index + 1 })}
                  </label>
                  <input id={`segment-${segment.key}-name`} name={`segments[${index}].name`} value={segment.name} onChange={(e) => change(segment.key, { name: e.currentTarget.value })} maxLength={40} className={inputClass} />
                </div>
                <div>
                  <label htmlFor={`segment-${segment.key}-minutes`} className="block text-sm font-medium text-slate-700">
                    {t("meetings.pages.newSeries.segmentMinutes", { n: index + 1 })}
                  </label>
                  <input id={`segment-${segment.key}-minutes`} name={`segments[${index}].minutes`} type="number" min="1" max="600" value={segment.minutes} onChange={(e) => change(segment.key, { minutes: e.currentTarget.value })} className={inputClass} />
                </div>
                <div className="flex flex-wrap gap-1">
                  <button type="button" className={buttonClass("secondary", "sm")} disabled={index === 0} onClick={() => move(index, -1)} aria-label={t("meetings.pages.newSeries.moveUp", { n: index + 1 })}>
                    ↑
                  </button>
                  <button type="button" className={buttonClass("secondary", "sm")} disabled={index === segments.length - 1} onClick={() => move(index, 1)} aria-label={t("meetings.pages.newSeries.moveDown", { n: index + 1 })}>
                    ↓
                  </button>
                  <button type="button" className={buttonClass("danger", "sm")} disabled={segments.length === 1} onClick={() => setSegments((rows) => rows.filter((row) => row.key !== segment.key))} aria-label={t("meetings.pages.newSeries.removeSegment", { n: index + 1 })}>
                    {t("meetings.pages.newSeries.remove")}
                  </button>
                </div>
              </li>
            ))}
          </ol>
          {segmentErrors.length ? (
            <p id={fields.segments.errorId} className="mt-2 text-sm text-red-600">
              {errorText(segmentErrors)}
            </p>
          ) : null}
          <button type="button" className={`${buttonClass("secondary", "sm")} mt-3`} disabled={segments.length >= 12} onClick={() => setSegments((rows) => [...rows, segmentRow("", 30)])}>
            {t("meetings.pages.newSeries.addSegment")}
          </button>
        </Card>
        <Card title={t("meetings.pages.newSeries.audience")}>
          <p className="text-sm text-slate-600">{t("meetings.pages.newSeries.audienceHint")}</p>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <ChoiceField field={fields.stages} legend={t("meetings.pages.newSeries.stages")} options={CAREER_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
            <ChoiceField field={fields.groups} legend={t("meetings.pages.newSeries.groups")} options={GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))} />
            <ChoiceField field={fields.colleges} legend={t("meetings.pages.newSeries.colleges")} options={audience.colleges.map((c) => ({ value: c.id, label: c.name }))} />
            <ChoiceField field={fields.studios} legend={t("meetings.pages.newSeries.studios")} options={audience.studios.map((s) => ({ value: s.id, label: s.name }))} />
            <TextAreaField field={fields.people} label={t("meetings.pages.newSeries.people")} hint={t("meetings.pages.newSeries.peopleHint")} rows={2} className="sm:col-span-2" />
          </div>
          <FieldErrors field={fields.targets} />
        </Card>
        <div className="flex flex-wrap gap-2">
          <SubmitButton intent={intent} pendingLabel={mode.kind === "create" ? t("meetings.pages.newSeries.creating") : t("meetings.pages.editSeries.saving")}>
            {mode.kind === "create" ? t("meetings.pages.newSeries.create") : t("meetings.pages.editSeries.save")}
          </SubmitButton>
          {mode.kind === "edit" ? (
            <Link to={`/meetings/series/${mode.seriesId}`} className={buttonClass("secondary")}>
              {t("meetings.pages.editSeries.cancel")}
            </Link>
          ) : null}
        </div>
      </Form>
    </div>
  );
}
