import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { FieldErrors, inputClass } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import type { action } from "../import-mentors.actions.server.ts";

/** Import mentors from Excel: upload, read the check report, confirm; new external accounts' passwords are shown once. */
export function ImportMentorsPage() {
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const report = replyFor(reply, "check")?.data;
  const done = replyFor(reply, "import");
  const [form, fields] = useForm<{ file: File }>({ id: "mentor-file", lastResult: replyFor(reply, "check")?.form, shouldValidate: "onSubmit" });
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <Link to="/mentors" className="text-sm text-brand-700 hover:underline">
        ← {t("mentors.profile.backToPool")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("mentors.import.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("mentors.import.intro")}</p>
        <a href="/mentors/import/template.xlsx" download className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
          {t("mentors.import.template")}
        </a>
      </div>

      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <input type="hidden" name="intent" value="check" />
        <div>
          <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-700">
            {t("mentors.import.file")}
          </label>
          <input {...getInputProps(fields.file, { type: "file" })} required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className={`${inputClass} w-80`} />
          <FieldErrors field={fields.file} />
        </div>
        <SubmitButton intent="check" pendingLabel={t("mentors.import.uploading")}>
          {t("mentors.import.upload")}
        </SubmitButton>
      </Form>

      <ActionFeedback reply={reply} intent={["", "check", "import"]} />

      {report ? (
        <section aria-labelledby="import-report" className="space-y-4">
          <h2 id="import-report" className="text-lg font-semibold">
            {t("mentors.import.report")}
          </h2>
          {report.ok ? (
            <p role="status" className="rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
              {t("mentors.import.rowsOk", { count: report.rows.length, created: report.created, updated: report.updated })}
            </p>
          ) : (
            <div role="alert" className="rounded-md bg-red-50 px-4 py-2 text-sm text-red-800">
              {t("mentors.import.rowsBad", { count: report.errors.length })}
            </div>
          )}
          {report.errors.length ? (
            <DataTable
              caption={t("mentors.import.errorsCaption")}
              rows={report.errors}
              rowKey={(e) => String(e.row)}
              columns={[
                { key: "row", header: t("mentors.import.rowColumn"), primary: true, className: "w-24", cell: (e) => t("mentors.import.row", { row: e.row }) },
                {
                  key: "problem",
                  header: t("mentors.import.problem"),
                  className: "text-red-700",
                  cell: (e) => (
                    <ul className="list-disc space-y-0.5 pl-4">
                      {e.problems.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          ) : null}
          {report.ok ? (
            <>
              <DataTable
                caption={t("mentors.import.previewCaption")}
                rows={report.rows}
                rowKey={(r) => String(r.row)}
                columns={[
                  {
                    key: "row",
                    header: t("mentors.import.rowColumn"),
                    className: "text-slate-500",
                    cell: (r) => `${r.row} · ${r.action === "create" ? t("mentors.import.actionCreate") : t("mentors.import.actionUpdate")}`,
                  },
                  { key: "kind", header: t("mentors.import.columns.kind"), cell: (r) => t(`mentorKind.${r.kind}`) },
                  { key: "username", header: t("mentors.import.columns.username"), cell: (r) => r.username },
                  { key: "name", header: t("mentors.import.columns.name"), primary: true, cell: (r) => r.name },
                  { key: "organisation", header: t("mentors.import.columns.organisation"), cell: (r) => r.organisation },
                  { key: "expertise", header: t("mentors.pool.expertise"), className: "text-xs", cell: (r) => r.duties.map((d) => t(`duty.${d}`)).join("、") },
                  { key: "capacity", header: t("mentors.import.columns.capacity"), numeric: true, cell: (r) => r.capacity },
                ]}
              />
              <Form method="post">
                <input type="hidden" name="intent" value="import" />
                <input type="hidden" name="rows" value={report.raw} />
                <SubmitButton intent="import" pendingLabel={t("mentors.import.confirming")}>
                  {t("mentors.import.confirm", { count: report.rows.length })}
                </SubmitButton>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}

      {done?.status === "success" ? (
        <section className="space-y-3">
          {done.data?.passwords.length ? (
            <div className="rounded-lg border border-amber-200 bg-amber-50 p-4">
              <h2 className="text-sm font-semibold text-amber-900">{t("mentors.import.passwordsTitle")}</h2>
              <p className="text-xs text-amber-800">{t("mentors.import.passwordsHint")}</p>
              <DataTable
                caption={t("mentors.import.passwordsTitle")}
                rows={done.data.passwords}
                rowKey={(p) => p.username}
                columns={[
                  { key: "username", header: t("mentors.import.columns.username"), cell: (p) => p.username },
                  { key: "name", header: t("mentors.import.columns.name"), primary: true, cell: (p) => p.name },
                  { key: "password", header: t("login.password"), className: "font-mono", cell: (p) => p.password },
                ]}
              />
            </div>
          ) : null}
          <Link to="/mentors" className="text-sm text-brand-700 hover:underline">
            {t("mentors.profile.backToPool")}
          </Link>
        </section>
      ) : null}
    </div>
  );
}
