import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { FieldErrors } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import type { CataloguePreview, HoursPreview, trainingImportAction } from "../training-import.actions.server.ts";

export interface TrainingImportData {
  /** Export links for the slice the viewer looks after. */
  ledgerHref: string;
}

const clientFileSchema = z.object({ file: z.instanceof(File, { message: "training.io.errors.fileRequired" }) });

type Reply = ReturnType<typeof useActionData<typeof trainingImportAction>>;
const issuesOf = (reply: { details?: unknown } | undefined) => (reply?.details as { issues?: string[] } | undefined)?.issues ?? [];

function Issues({ reply }: { reply: { error?: string; details?: unknown } | undefined }) {
  const issues = issuesOf(reply);
  if (!issues.length) return null;
  return (
    <ol aria-label={reply?.error} className="max-h-96 list-decimal space-y-1 overflow-y-auto break-words pl-6 text-sm text-red-800">
      {issues.map((issue, index) => (
        <li key={index}>{issue}</li>
      ))}
    </ol>
  );
}

function UploadCard({ intent, confirmIntent, title, intro, template }: { intent: "catalogue" | "hours"; confirmIntent: "confirmCatalogue" | "confirmHours"; title: string; intro: string; template: string }) {
  const { t } = useTranslation();
  const actionData: Reply = useActionData<typeof trainingImportAction>();
  const reply = replyFor(actionData, intent);
  const confirmed = replyFor(actionData, confirmIntent);
  const [form, fields] = useForm({
    id: `import-${intent}`,
    lastResult: reply?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: clientFileSchema }),
    shouldValidate: "onSubmit",
  });
  // The preview of a good file, until it is imported (or the next check replaces it).
  const preview = reply?.status === "success" ? reply.data : undefined;
  return (
    <Card title={title}>
      <p className="mb-3 text-sm text-slate-600">{intro}</p>
      <a href={template} className={`${buttonClass("secondary", "sm")} mb-4`} download>
        {t("training.io.template")}
      </a>
      <ActionFeedback reply={confirmed} intent={confirmIntent} />
      <Issues reply={confirmed} />
      <Form method="post" encType="multipart/form-data" className="space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        {reply?.status === "success" ? null : <ActionFeedback reply={reply} intent={intent} />}
        <Issues reply={reply} />
        <div>
          <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-700">
            {t("training.io.file")}
          </label>
          <input
            {...getInputProps(fields.file, { type: "file" })}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 block w-full max-w-full text-sm"
          />
          <FieldErrors field={fields.file} />
        </div>
        <SubmitButton intent={intent} pendingLabel={t("training.io.checking")}>
          {t("training.io.check")}
        </SubmitButton>
      </Form>
      {preview ? <Preview preview={preview} confirmIntent={confirmIntent} /> : null}
    </Card>
  );
}

/** What a checked file will create, and the one button that imports it. */
function Preview({ preview, confirmIntent }: { preview: CataloguePreview | HoursPreview; confirmIntent: "confirmCatalogue" | "confirmHours" }) {
  const { t } = useTranslation();
  const total = preview.kind === "catalogue" ? preview.courses : preview.entries;
  const headingId = `preview-${preview.kind}`;
  return (
    <section aria-labelledby={headingId} className="mt-4 space-y-3 border-t border-slate-200 pt-4">
      <h3 id={headingId} className="break-words text-base font-semibold">
        {t("training.more.import.previewTitle", { file: preview.fileName })}
      </h3>
      <Notice tone="info">
        {preview.kind === "catalogue"
          ? t("training.more.import.catalogueReady", { courses: preview.courses, sessions: preview.sessions })
          : t("training.more.import.hoursReady", { entries: preview.entries })}
      </Notice>
      {preview.kind === "catalogue" ? (
        <DataTable
          caption={t("training.more.import.previewTitle", { file: preview.fileName })}
          rows={preview.rows}
          rowKey={(r) => String(r.line)}
          columns={[
            { key: "line", header: t("training.more.import.colLine"), numeric: true, cell: (r) => r.line },
            { key: "title", header: t("training.more.import.colTitle"), primary: true, cell: (r) => <Content>{r.title}</Content> },
            { key: "detail", header: t("training.more.import.colDetail"), cell: (r) => `${r.year} · ${r.organiser} · ${t("training.more.import.sessionsCount", { count: r.sessions })}` },
          ]}
        />
      ) : (
        <DataTable
          caption={t("training.more.import.previewTitle", { file: preview.fileName })}
          rows={preview.rows}
          rowKey={(r) => String(r.line)}
          columns={[
            { key: "line", header: t("training.more.import.colLine"), numeric: true, cell: (r) => r.line },
            { key: "person", header: t("training.more.import.colPerson"), primary: true, cell: (r) => <Content>{`${r.name}（${r.username}）`}</Content> },
            { key: "title", header: t("training.more.import.colTitle"), cell: (r) => <Content>{r.title}</Content> },
            { key: "hours", header: t("training.more.import.colHours"), numeric: true, cell: (r) => r.hours },
          ]}
        />
      )}
      {total > preview.rows.length ? <p className="text-sm text-slate-600">{t("training.more.import.moreRows", { count: total - preview.rows.length })}</p> : null}
      <Form method="post">
        <input type="hidden" name="intent" value={confirmIntent} />
        <input type="hidden" name="token" value={preview.token} />
        <SubmitButton intent={confirmIntent} pendingLabel={t("training.more.import.confirming")}>
          {t("training.more.import.confirm")}
        </SubmitButton>
      </Form>
    </section>
  );
}

export default function TrainingImportPage() {
  const { ledgerHref } = useLoaderData<TrainingImportData>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title={t("training.io.title")} subtitle={t("training.io.intro")} />
      <UploadCard intent="catalogue" confirmIntent="confirmCatalogue" title={t("training.io.catalogueTitle")} intro={t("training.io.catalogueIntro")} template="/training/import/catalogue-template.xlsx" />
      <UploadCard intent="hours" confirmIntent="confirmHours" title={t("training.io.hoursTitle")} intro={t("training.io.hoursIntro")} template="/training/import/hours-template.xlsx" />
      <Card title={t("training.io.exportTitle")}>
        <div className="flex flex-wrap gap-2">
          <a href="/training/catalogue.xlsx" className={buttonClass("secondary", "sm")} download>
            {t("training.io.exportCatalogue")}
          </a>
          <a href={ledgerHref} className={buttonClass("secondary", "sm")} download>
            {t("training.io.exportLedger")}
          </a>
        </div>
      </Card>
    </div>
  );
}
