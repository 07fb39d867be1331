import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { FieldErrors, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDate } from "~/lib/format.ts";
import type { loader } from "~/routes/people.import.tsx";
import { checkRosterSchema } from "../import-schemas.ts";
import type { action, RosterPreview } from "../roster-import.actions.server.ts";

/** A refused confirmation hands the preview back (the file changed its verdict, or the password is missing). */
function previewIn(details: unknown): RosterPreview | undefined {
  return (details as { preview?: RosterPreview } | undefined)?.preview;
}

/** Upload a roster, read its check, then confirm the import. */
export function RosterImportPage() {
  const { collegeName } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const checked = replyFor(reply, "check");
  const confirmed = replyFor(reply, "confirm");
  const preview = checked?.data ?? previewIn(confirmed?.details);
  const [form, fields] = useForm({
    id: "roster-check",
    lastResult: checked?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkRosterSchema }),
    shouldValidate: "onSubmit",
  });

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("people.import.title")}
        subtitle={t("people.import.intro")}
        actions={
          <a href="/people/import/template" className={buttonClass("secondary")} download>
            {t("people.import.template")}
          </a>
        }
      />
      {collegeName ? <Notice tone="info">{t("people.import.scopeCollege", { college: collegeName })}</Notice> : null}
      {/* A file whose check failed says so in its preview below. */}
      {preview?.issueCount ? null : <ActionFeedback reply={confirmed} />}

      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="check" />
        <ActionFeedback reply={checked} />
        {/* An upload refused before it was read (too large, garbled) names no intent. */}
        <ActionFeedback reply={reply} intent="" />
        <div>
          <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-700">
            {t("people.import.file")}
          </label>
          <input
            {...getInputProps(fields.file, { type: "file" })}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className="mt-1 block w-full text-sm"
          />
          <FieldErrors field={fields.file} />
        </div>
        <SubmitButton intent="check" pendingLabel={t("people.import.checking")}>
          {t("people.import.check")}
        </SubmitButton>
      </Form>

      {preview ? <Preview preview={preview} lastResult={confirmed?.form} /> : null}
    </div>
  );
}

function Preview({ preview, lastResult }: { preview: RosterPreview; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t, i18n } = useTranslation();
  const [confirmForm, confirmFields] = useForm<{ initialPassword: string }>({
    id: "roster-confirm",
    lastResult,
  });
  return (
    <section aria-labelledby="preview-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="preview-title" className="text-lg font-semibold">
        {t("people.import.previewTitle", { file: preview.fileName })}
      </h2>
      {preview.issueCount > 0 ? (
        <div className="space-y-2">
          <Notice tone="error">
            {t("people.import.problems", { count: preview.issueCount })}
            {preview.issueCount > preview.issues.length
              ? ` ${t("people.import.problemsShown", {
                  shown: preview.issues.length,
                })}`
              : ""}
          </Notice>
          <ol
            aria-label={t("people.import.problems", {
              count: preview.issueCount,
            })}
            className="max-h-96 list-decimal space-y-1 overflow-y-auto pl-6 text-sm text-red-800"
          >
            {preview.issues.map((issue, index) => (
              <li key={index}>{issue}</li>
            ))}
          </ol>
        </div>
      ) : (
        <Notice tone="success">
          {t("people.import.ready")}{" "}
          {t("people.import.summary", {
            rows: preview.total,
            created: preview.created,
            updated: preview.updated,
          })}
        </Notice>
      )}
      {preview.sample.length ? (
        <DataTable
          caption={t("people.import.sample", { count: preview.sample.length })}
          captionVisible
          rows={preview.sample}
          rowKey={(row) => String(row.line)}
          columns={[
            {
              key: "line",
              header: "#",
              hideOnPhone: true,
              cell: (row) => <span className="text-slate-500">{row.line}</span>,
            },
            {
              key: "username",
              header: t("people.profile.username"),
              cell: (row) => row.username,
            },
            {
              key: "name",
              header: t("people.directory.colName"),
              primary: true,
              cell: (row) => row.name,
            },
            {
              key: "college",
              header: t("people.directory.colCollege"),
              cell: (row) => row.college,
            },
            {
              key: "since",
              header: t("people.profile.since"),
              cell: (row) => (row.counselorSince ? formatDate(row.counselorSince, i18n.language) : "—"),
            },
            {
              key: "title",
              header: t("people.directory.colTitle"),
              cell: (row) => (row.title ? t(`title.${row.title}`) : "—"),
            },
            {
              key: "kind",
              header: "",
              label: "",
              cell: (row) => <span className="text-xs">{row.isNew ? t("people.import.newPerson") : t("people.import.updatePerson")}</span>,
            },
          ]}
        />
      ) : null}
      {preview.token ? (
        <Form method="post" className="space-y-4 border-t border-slate-100 pt-4" {...getFormProps(confirmForm)}>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="token" value={preview.token} />
          {preview.created > 0 ? (
            <TextField
              field={confirmFields.initialPassword}
              type="password"
              autoComplete="new-password"
              label={t("people.import.initialPassword")}
              hint={t("people.import.initialPasswordHint")}
              className="max-w-sm"
            />
          ) : null}
          <div className="flex gap-2">
            <SubmitButton intent="confirm" pendingLabel={t("people.import.importing")}>
              {t("people.import.confirm", { count: preview.total })}
            </SubmitButton>
            <Link to="/people/import" className={buttonClass("secondary")}>
              {t("people.import.cancel")}
            </Link>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
