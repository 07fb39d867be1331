import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { ChoiceField, FieldErrors, SelectField, TextField } from "~/components/kit/fields.tsx";
import { Duty } from "~/generated/prisma/enums.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { QuestionKind } from "../../question-draft.ts";
import type { bankImportAction, ImportPreview } from "../import.actions.server.ts";
import { importUploadSchema } from "../schemas.ts";
import { useBankLabels } from "./labels.ts";

function Issues({ reply }: { reply: { error?: string; details?: unknown } | undefined }) {
  const issues = (reply?.details as { issues?: string[] } | undefined)?.issues ?? [];
  if (!issues.length) return null;
  return (
    <ol aria-label={reply?.error} className="max-h-96 list-decimal space-y-1 overflow-y-auto break-words pl-6 text-sm text-red-800">
      {issues.map((issue, index) => (
        <li key={index}>{issue}</li>
      ))}
    </ol>
  );
}

/** What a checked file will import (counts per kind and duty, its first questions) and the one button that imports it. */
function Preview({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const { kindLabel } = useBankLabels();
  const { summary } = preview;
  return (
    <section aria-labelledby="import-preview" className="mt-4 space-y-3 border-t border-slate-200 pt-4">
      <h3 id="import-preview" className="break-words text-base font-semibold">
        {t("camp.bank.importPage.previewTitle", { file: preview.fileName })}
      </h3>
      <Notice tone="info">{t("camp.bank.importPage.ready", { count: summary.total })}</Notice>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h4 className="text-sm font-medium text-slate-700">{t("camp.bank.importPage.byKind")}</h4>
          <ul className="mt-1 text-sm">
            {(Object.entries(summary.byKind) as Array<[QuestionKind, number]>).map(([kind, count]) => (
              <li key={kind}>
                {kindLabel(kind)}：{count}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h4 className="text-sm font-medium text-slate-700">{t("camp.bank.importPage.byDuty")}</h4>
          <ul className="mt-1 text-sm">
            {(Object.entries(summary.byDuty) as Array<[Duty, number]>).map(([duty, count]) => (
              <li key={duty}>
                {t(`duty.${duty}`)}：{count}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <DataTable
        caption={t("camp.bank.importPage.previewTitle", { file: preview.fileName })}
        rows={summary.rows}
        rowKey={(row) => String(row.line)}
        columns={[
          { key: "line", header: t("camp.bank.importPage.colLine"), numeric: true, cell: (row) => row.line },
          { key: "stem", header: t("camp.bank.importPage.colStem"), primary: true, cell: (row) => <Content>{row.stem}</Content> },
          { key: "kind", header: t("camp.bank.importPage.colKind"), cell: (row) => kindLabel(row.kind) },
          { key: "duties", header: t("camp.bank.importPage.colDuties"), cell: (row) => row.duties.map((duty) => t(`duty.${duty}`)).join("、") },
          { key: "difficulty", header: t("camp.bank.importPage.colDifficulty"), numeric: true, cell: (row) => row.difficulty },
        ]}
      />
      {summary.total > summary.rows.length ? <p className="text-sm text-slate-600">{t("camp.bank.importPage.moreRows", { count: summary.total - summary.rows.length })}</p> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="token" value={preview.token} />
        <input type="hidden" name="format" value={preview.format} />
        <input type="hidden" name="category" value={preview.category} />
        {preview.duties.map((duty) => (
          <input key={duty} type="hidden" name="duties" value={duty} />
        ))}
        {preview.difficulty !== null ? <input type="hidden" name="difficulty" value={preview.difficulty} /> : null}
        <SubmitButton intent="confirm" pendingLabel={t("camp.bank.importPage.confirming")}>
          {t("camp.bank.importPage.confirm", { count: summary.total })}
        </SubmitButton>
      </Form>
    </section>
  );
}

/** /camp/bank/import: check a file (.xlsx template or GIFT), see what it holds, then import it whole. */
export default function BankImportPage() {
  const { t } = useTranslation();
  const { difficultyLabel } = useBankLabels();
  const actionData = useActionData<typeof bankImportAction>();
  const checked = replyFor(actionData, "check");
  const confirmed = replyFor(actionData, "confirm");
  const [form, fields] = useForm({
    id: "bank-import",
    lastResult: checked?.form,
    defaultValue: { format: "xlsx" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importUploadSchema }),
    shouldValidate: "onSubmit",
  });
  const preview = checked?.status === "success" ? checked.data : undefined;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("camp.bank.importPage.title")}
        subtitle={
          <Link to="/camp/bank" className="text-brand-700 hover:underline">
            {t("camp.bank.title")}
          </Link>
        }
      />
      <Card title={t("camp.bank.importPage.title")}>
        <p className="mb-3 text-sm text-slate-600">{t("camp.bank.importPage.intro")}</p>
        <a href="/camp/bank/template.xlsx" className={`${buttonClass("secondary", "sm")} mb-4`} download>
          {t("camp.bank.importPage.template")}
        </a>
        {/* A refusal before the form was read (a file over the limit) names no intent. */}
        {actionData && !checked && !confirmed ? <ActionFeedback reply={actionData} /> : null}
        <ActionFeedback reply={confirmed} intent="confirm" />
        <Issues reply={confirmed} />
        <Form method="post" encType="multipart/form-data" className="space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="check" />
          {checked?.status === "success" ? null : <ActionFeedback reply={checked} intent="check" />}
          <Issues reply={checked} />
          <ChoiceField
            field={fields.format}
            type="radio"
            legend={t("camp.bank.importPage.format")}
            options={[
              { value: "xlsx", label: t("camp.bank.importPage.formatXlsx") },
              { value: "gift", label: t("camp.bank.importPage.formatGift") },
            ]}
          />
          <div>
            <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-700">
              {t("camp.bank.importPage.file")}
            </label>
            <input {...getInputProps(fields.file, { type: "file" })} accept=".xlsx,.txt,.gift,text/plain" className="mt-1 block w-full max-w-full text-sm" />
            <FieldErrors field={fields.file} />
          </div>
          <TextField field={fields.category} label={t("camp.bank.importPage.category")} hint={t("camp.bank.importPage.categoryHint")} />
          <ChoiceField
            field={fields.duties}
            legend={t("camp.bank.importPage.defaultDuties")}
            hint={t("camp.bank.importPage.defaultDutiesHint")}
            options={Object.values(Duty).map((duty) => ({ value: duty, label: t(`duty.${duty}`) }))}
          />
          <SelectField
            field={fields.difficulty}
            label={t("camp.bank.importPage.defaultDifficulty")}
            placeholder={t("camp.bank.importPage.noDefault")}
            options={[1, 2, 3, 4, 5].map((value) => ({ value: String(value), label: difficultyLabel(value) }))}
            className="sm:max-w-xs"
          />
          <SubmitButton intent="check" pendingLabel={t("camp.bank.importPage.checking")}>
            {t("camp.bank.importPage.check")}
          </SubmitButton>
        </Form>
        {preview ? <Preview preview={preview} /> : null}
      </Card>
    </div>
  );
}
