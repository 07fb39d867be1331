import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { Content, ContentMessage } from "~/components/kit/content-lang.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { inputClass, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import type { FieldMetadata } from "@conform-to/react";
import { PersonPicker } from "~/studios/person-picker.tsx";
import { formatDate } from "~/lib/format.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/meetings.$meetingId.tsx";
import type { action } from "../meeting.actions.server.ts";
import { agendaItemSchema, agendaItemUpdateSchema, outcomeSchema } from "../schemas.ts";
import { ActionItemStatusForm } from "./action-item.tsx";
import { rowResult } from "./row-result.ts";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Segment = Data["meeting"]["segments"][number];
type Item = Segment["items"][number];

/** One segment of the agenda: its items with presenter, minutes, notes, links and outcomes. */
export function AgendaSegment({ segment }: { segment: Segment }) {
  const { t } = useTranslation();
  const { editingItemId } = useLoaderData<typeof loader>();
  const used = segment.items.reduce((sum, item) => sum + item.minutes, 0);
  return (
    <section aria-labelledby={`segment-${segment.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`segment-${segment.id}`} className="flex flex-wrap items-baseline justify-between gap-2 text-base font-semibold">
        <Content>{segment.name}</Content>
        <span className="text-sm font-normal text-slate-600">{t("meetings.pages.agenda.segmentMinutes", { used, planned: segment.plannedMinutes })}</span>
      </h3>
      {segment.items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("meetings.pages.agenda.noItems")}</p>
      ) : (
        <ol className="mt-2 divide-y divide-slate-100" aria-label={segment.name}>
          {segment.items.map((item) => (
            <li key={item.id} className="py-3">
              {item.id === editingItemId ? <ItemForm item={item} /> : <AgendaItemRow item={item} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AgendaItemRow({ item }: { item: Item }) {
  const { meeting, abilities, mayUpdateFor } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const edit = abilities["meeting:edit"];
  return (
    <article aria-labelledby={`item-${item.id}`} className="space-y-2 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 id={`item-${item.id}`} className="font-medium">
            <Content>{item.title}</Content>
          </h4>
          <p className="text-slate-600">
            {item.presenter ? <ContentMessage values={{ name: item.presenter.name }} render={(v) => t("meetings.pages.agenda.presenter", v)} /> : t("meetings.pages.agenda.noPresenter")} · {t("meetings.pages.agenda.minutesValue", { minutes: item.minutes })}
          </p>
        </div>
        {edit ? (
          <span className="flex flex-wrap gap-2">
            <Link to={`?item=${item.id}`} preventScrollReset className={buttonClass("secondary", "sm")} aria-label={t("meetings.pages.agenda.editLabel", { title: item.title })}>
              {t("meetings.pages.agenda.edit")}
            </Link>
            <ConfirmButton
              intent="removeItem"
              fields={{ itemId: item.id }}
              label={t("meetings.pages.agenda.remove")}
              ariaLabel={t("meetings.pages.agenda.removeLabel", { title: item.title })}
              question={t("meetings.pages.agenda.confirmRemove", { title: item.title })}
            />
          </span>
        ) : null}
      </div>
      {item.notes ? <Content className="block whitespace-pre-line text-slate-700">{item.notes}</Content> : null}
      {item.document || item.output || item.url ? (
        <p className="flex flex-wrap gap-3">
          {item.document ? (
            <Link to={`/documents/${item.document.id}`} className="text-brand-700 underline">
              {t(`documentType.${item.document.type}`)}：<Content>{item.document.title}</Content>
            </Link>
          ) : null}
          {item.output ? (
            <span>
              <ContentMessage values={{ title: item.output.title }} render={(v) => t("meetings.pages.agenda.output", v)} />
            </span>
          ) : null}
          {item.url ? (
            <a href={item.url} className="break-all text-brand-700 underline" rel="noreferrer" target="_blank">
              {item.url}
            </a>
          ) : null}
        </p>
      ) : null}
      {item.outcomes.length ? (
        <ul className="space-y-1 rounded-md bg-slate-50 p-2" aria-label={t("meetings.pages.outcomes.heading", { title: item.title })}>
          {item.outcomes.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-2">
              <Badge tone={o.kind === "ACTION" ? "amber" : o.kind === "DECISION" ? "violet" : "slate"}>{t(`agendaOutcomeKind.${o.kind}`)}</Badge>
              <Content>{o.text}</Content>
              {o.actionItem ? (
                <span className="text-slate-600">
                  <ContentMessage values={{ name: o.actionItem.owner.name, date: formatDate(o.actionItem.dueOn, i18n.language) }} render={(v) => t("meetings.pages.actions.ownerDue", v)} /> · {t(`actionItemStatus.${o.actionItem.status}`)}
                </span>
              ) : null}
              {o.actionItem && mayUpdateFor.includes(o.actionItem.owner.id) && meeting.status !== "CANCELLED" ? (
                <ActionItemStatusForm actionItem={{ id: o.actionItem.id, title: o.text, status: o.actionItem.status }} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ActionFeedback reply={rowResult(reply, "outcome", "agendaItemId", item.id) ? reply : undefined} intent="outcome" />
      {edit ? <OutcomeForm item={item} /> : null}
    </article>
  );
}

/** Whether the forms list every participant (else they offer the person picker: a school-wide meeting invites thousands). */
const listed = (participants: { people: unknown[]; total: number }) => participants.people.length === participants.total;

/** A presenter or an action item's owner: chosen from the list, or found with the person picker over the meeting's participants (it posts the 工号). */
function ParticipantField({ field, label, placeholder }: { field: FieldMetadata<unknown, any, string[]>; label: string; placeholder: string }) {
  const { meeting, participants } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!listed(participants)) {
    return <PersonPicker field={field} label={label} hint={t("meetings.pages.pickerHint", { count: participants.total })} source={`/meetings/${meeting.id}/participants`} />;
  }
  return <SelectField field={field} label={label} placeholder={placeholder} options={participants.people.map((p) => ({ value: p.id, label: p.name }))} />;
}

/** Records an outcome of one item: information, a decision, or an action item with owner and due date. */
function OutcomeForm({ item }: { item: Item }) {
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [kind, setKind] = useState("INFORMATION");
  const [form, fields] = useForm({
    id: `outcome-${item.id}`,
    lastResult: rowResult(reply, "outcome", "agendaItemId", item.id),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: outcomeSchema }),
  });
  return (
    <details className="rounded-md border border-slate-200 p-2">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("meetings.pages.outcomes.record", { title: item.title })}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="outcome" />
        <input type="hidden" name="agendaItemId" value={item.id} />
        <div>
          <label htmlFor={fields.kind.id} className="block text-sm font-medium text-slate-700">
            {t("meetings.pages.outcomes.kind")}
          </label>
          <select id={fields.kind.id} name={fields.kind.name} value={kind} onChange={(e) => setKind(e.currentTarget.value)} className={inputClass}>
            {(["INFORMATION", "DECISION", "ACTION"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`agendaOutcomeKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <TextAreaField field={fields.text} label={t("meetings.pages.outcomes.text")} rows={2} className="sm:col-span-2" />
        {kind === "ACTION" ? (
          <>
            <ParticipantField field={fields.ownerId} label={t("meetings.pages.outcomes.owner")} placeholder={t("meetings.pages.choose")} />
            <TextField field={fields.dueOn} type="date" label={t("meetings.pages.outcomes.dueOn")} />
          </>
        ) : null}
        <div className="sm:col-span-2">
          <SubmitButton intent="outcome" match={["agendaItemId", item.id]} size="sm" pendingLabel={t("meetings.pages.outcomes.recording")}>
            {t("meetings.pages.outcomes.save")}
          </SubmitButton>
        </div>
      </Form>
    </details>
  );
}

/** Adding an item to the agenda, or (with `item`) changing one in place (opened by `?item=`; works without JavaScript). */
export function ItemForm({ item }: { item?: Item }) {
  const { meeting, participants, documents, outputs } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const intent = item ? "updateItem" : "addItem";
  const segmentOf = item ? meeting.segments.find((s) => s.items.some((i) => i.id === item.id))?.id : undefined;
  const [form, fields] = useForm({
    id: item ? `item-${item.id}` : "add-item",
    lastResult: reply?.intent === intent ? reply.form : undefined,
    defaultValue: item
      ? { segmentId: segmentOf, title: item.title, presenterId: (listed(participants) ? item.presenter?.id : item.presenter?.username) ?? "", minutes: String(item.minutes), notes: item.notes, documentId: item.document?.id ?? "", outputId: item.output?.id ?? "", url: item.url ?? "" }
      : { segmentId: meeting.segments[0]?.id, minutes: "15" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: item ? agendaItemUpdateSchema : agendaItemSchema }),
  });
  const heading = item ? t("meetings.pages.agenda.editHeading", { title: item.title }) : t("meetings.pages.agenda.addHeading");
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby={`${form.id}-heading`} className="grid gap-3 sm:grid-cols-2">
      <h3 id={`${form.id}-heading`} className="text-sm font-semibold sm:col-span-2">
        {heading}
      </h3>
      <div className="sm:col-span-2">
        <ActionFeedback reply={reply} intent={intent} />
      </div>
      <input type="hidden" name="intent" value={intent} />
      {item ? <input type="hidden" name="itemId" value={item.id} /> : null}
      {item ? <VersionField version={String(item.updatedAt)} reply={reply?.intent === intent ? reply : undefined} /> : null}
      <SelectField field={fields.segmentId} label={t("meetings.pages.agenda.segment")} options={meeting.segments.map((s) => ({ value: s.id, label: s.name }))} />
      <TextField field={fields.title} label={t("meetings.pages.agenda.title")} maxLength={200} />
      <ParticipantField field={fields.presenterId} label={t("meetings.pages.agenda.presenterField")} placeholder={t("meetings.pages.agenda.noPresenter")} />
      <TextField field={fields.minutes} type="number" min="1" max="600" label={t("meetings.pages.agenda.minutes")} />
      <TextAreaField field={fields.notes} label={t("meetings.pages.agenda.notes")} rows={2} className="sm:col-span-2" />
      <SelectField
        field={fields.documentId}
        label={t("meetings.pages.agenda.document")}
        placeholder={t("meetings.pages.agenda.none")}
        options={documents.map((d) => ({ value: d.id, label: `${t(`documentType.${d.type}`)} · ${d.title}` }))}
      />
      <SelectField field={fields.outputId} label={t("meetings.pages.agenda.outputField")} placeholder={t("meetings.pages.agenda.none")} options={outputs.map((o) => ({ value: o.id, label: o.title }))} />
      <TextField field={fields.url} type="text" inputMode="url" label={t("meetings.pages.agenda.url")} className="sm:col-span-2" />
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2">
        <SubmitButton intent={intent} pendingLabel={item ? t("meetings.pages.agenda.saving") : t("meetings.pages.agenda.adding")}>
          {item ? t("meetings.pages.agenda.save") : t("meetings.pages.agenda.add")}
        </SubmitButton>
        {item ? (
          <Link to={`/meetings/${meeting.id}`} preventScrollReset className={buttonClass("secondary")}>
            {t("meetings.pages.agenda.cancelEdit")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export function NoAgenda() {
  const { t } = useTranslation();
  return <EmptyState>{t("meetings.pages.agenda.empty")}</EmptyState>;
}
