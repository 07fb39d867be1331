import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card, type BadgeTone } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { FieldErrors, inputClass, SelectField, TextField } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDate } from "~/lib/format.ts";
import type { loader } from "~/routes/training.external.tsx";
import type { externalAction } from "../external.actions.server.ts";
import { externalFormSchema } from "../external-form.ts";

const STATUS = {
  PENDING: { key: "training.external.statusPending", tone: "amber" },
  APPROVED: { key: "training.external.statusApproved", tone: "emerald" },
  REJECTED: { key: "training.external.statusRejected", tone: "red" },
} as const satisfies Record<string, { key: string; tone: BadgeTone }>;

export default function ExternalTrainingPage() {
  const { canRecord, platforms, records, status, page, pages, total } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof externalAction>();
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const [form, fields] = useForm({
    id: "external-record",
    lastResult: replyFor(reply, "record")?.form,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: externalFormSchema }),
  });
  const decideErrors = Object.values(replyFor(reply, "decide")?.form?.error ?? {})
    .flat()
    .filter((message): message is string => typeof message === "string");
  const filters = [
    { value: null, label: t("training.external.filterAll") },
    { value: "PENDING", label: t(STATUS.PENDING.key) },
    { value: "APPROVED", label: t(STATUS.APPROVED.key) },
    { value: "REJECTED", label: t(STATUS.REJECTED.key) },
  ];

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("training.external.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("training.external.intro")}</p>
      </div>

      {canRecord ? (
        <Card title={t("training.external.recordTitle")}>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
            <input type="hidden" name="intent" value="record" />
            <div className="sm:col-span-2">
              <ActionFeedback reply={reply} intent="record" />
            </div>
            <TextField field={fields.title} label={t("training.external.fieldTitle")} className="sm:col-span-2" />
            <SelectField
              field={fields.platformId}
              label={t("training.external.fieldPlatform")}
              placeholder={t("training.external.choosePlatform")}
              options={platforms.map((p) => ({ value: p.id, label: zh ? p.nameZh : p.nameEn }))}
            />
            <TextField field={fields.organiser} label={t("training.external.fieldOrganiser")} />
            <TextField field={fields.startsOn} type="date" label={t("training.external.fieldStartsOn")} />
            <TextField field={fields.endsOn} type="date" label={t("training.external.fieldEndsOn")} />
            <TextField field={fields.hours} type="number" label={t("training.external.fieldHours")} />
            <div>
              <label htmlFor={fields.evidence.id} className="block text-sm font-medium text-slate-700">
                {t("training.external.fieldEvidence")}
              </label>
              <input {...getInputProps(fields.evidence, { type: "file" })} accept=".pdf,.jpg,.jpeg,.png,.doc,.docx" className={`${inputClass} max-w-full`} />
              <p className="mt-1 text-xs text-slate-500">{t("training.external.evidenceHint")}</p>
              <FieldErrors field={fields.evidence} />
            </div>
            <div className="sm:col-span-2">
              <SubmitButton intent="record" pendingLabel={t("training.external.recording")}>
                {t("training.external.record")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}

      <section aria-labelledby="external-list" className="space-y-3">
        <h2 id="external-list" className="text-base font-semibold">
          {t("training.external.listTitle")}
        </h2>
        <nav aria-label={t("training.external.filterLabel")} className="flex flex-wrap gap-2">
          {filters.map((f) => (
            <Link
              key={f.value ?? "all"}
              to={f.value ? `?status=${f.value}` : "?"}
              aria-current={status === f.value ? "page" : undefined}
              className={buttonClass(status === f.value ? "primary" : "secondary", "sm")}
            >
              {f.label}
            </Link>
          ))}
        </nav>
        <ActionFeedback reply={reply} intent={["decide", "withdraw"]} />
        {/* The decision forms have no Conform fields: say what was wrong with the note here. */}
        {decideErrors.length ? <Notice tone="error">{decideErrors.join(" ")}</Notice> : null}
        <DataTable
          caption={t("training.external.listTitle")}
          rows={records}
          rowKey={(r) => r.id}
          empty={<EmptyState>{canRecord ? t("training.external.emptyMine") : t("training.external.emptyToDecide")}</EmptyState>}
          columns={[
            { key: "title", header: t("training.external.fieldTitle"), primary: true, cell: (r) => r.title },
            { key: "person", header: t("training.external.colPerson"), cell: (r) => (r.mine ? t("training.external.me") : `${r.person.name}${r.person.college ? `（${r.person.college}）` : ""}`) },
            { key: "platform", header: t("training.external.fieldPlatform"), hideOnPhone: true, cell: (r) => (zh ? r.platform.nameZh : r.platform.nameEn) },
            { key: "dates", header: t("training.external.colDates"), cell: (r) => `${formatDate(r.startsOn, i18n.language)} – ${formatDate(r.endsOn, i18n.language)}` },
            { key: "hours", header: t("training.external.fieldHours"), numeric: true, cell: (r) => r.hours },
            {
              key: "evidence",
              header: t("training.external.colEvidence"),
              cell: (r) =>
                r.evidence ? (
                  <a href={`/training/external/${r.id}/evidence`} className="break-all text-brand-700 underline" aria-label={t("training.external.evidenceLink", { name: r.evidence.name })}>
                    {r.evidence.name}
                  </a>
                ) : null,
            },
            {
              key: "status",
              header: t("training.external.colStatus"),
              cell: (r) => (
                <div className="space-y-1">
                  <Badge tone={STATUS[r.status].tone}>{t(STATUS[r.status].key)}</Badge>
                  {r.decisionNote ? <p className="text-xs text-slate-600">{r.decisionNote}</p> : null}
                </div>
              ),
            },
            {
              key: "actions",
              header: t("training.external.colActions"),
              cell: (r) =>
                r.abilities["training-external:decide"] ? (
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="intent" value="decide" />
                    <input type="hidden" name="recordId" value={r.id} />
                    <input type="hidden" name="title" value={r.title} />
                    <label className="block text-xs text-slate-600">
                      {t("training.external.note")}
                      <textarea name="note" rows={2} maxLength={500} className={inputClass} aria-label={t("training.external.noteFor", { title: r.title })} />
                    </label>
                    <div className="flex flex-wrap gap-2">
                      <button type="submit" name="decision" value="APPROVED" className={buttonClass("primary", "sm")} aria-label={t("training.external.approveLabel", { title: r.title })}>
                        {t("training.external.approve")}
                      </button>
                      <button type="submit" name="decision" value="REJECTED" className={buttonClass("danger", "sm")} aria-label={t("training.external.rejectLabel", { title: r.title })}>
                        {t("training.external.reject")}
                      </button>
                    </div>
                  </Form>
                ) : r.abilities["training-external:withdraw"] ? (
                  <ConfirmButton
                    intent="withdraw"
                    fields={{ recordId: r.id, title: r.title }}
                    label={t("training.external.withdraw")}
                    ariaLabel={t("training.external.withdrawLabel", { title: r.title })}
                    question={t("training.external.withdrawQuestion", { title: r.title })}
                  />
                ) : null,
            },
          ]}
        />
        <Pagination page={page} pages={pages} total={total} />
      </section>
    </div>
  );
}
