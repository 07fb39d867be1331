import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { FieldErrors, TextField } from "~/components/kit/fields.tsx";
import { prisma } from "~/db/client.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { formatDate } from "~/lib/format.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { checkRosterSchema, confirmRosterSchema } from "~/people/import-schemas.ts";
import type { RosterIssue } from "~/people/roster-format.ts";
import { checkRoster, dropUpload, importRoster, keepUpload, MAX_ROSTER_BYTES, takeUpload, type RosterCheck } from "~/people/roster.server.ts";
import { authorize, requireOwnScope } from "~/policy/index.ts";

export const meta: MetaFunction = () => [{ title: "导入人员名单 · 辅导员工作室协同平台" }];

const SHOWN_ISSUES = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // 学工部 imports for the whole school; a college admin for their own college.
  const scope = requireOwnScope(user);
  authorize(user, "people:import", scope);
  const college = scope.kind === "college" ? await prisma.college.findUnique({ where: { id: scope.collegeId }, select: { name: true } }) : null;
  return data({ collegeName: college?.name ?? null });
}

function describeIssues(issues: RosterIssue[], t: TFunction) {
  return issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const message = translateKey(t, `people.import.errors.${issue.code}`, issue.params);
    return issue.line ? t("people.import.issueLine", { line: issue.line, column: issue.column ?? "", message }) : message;
  });
}

async function preview(check: RosterCheck, fileName: string, t: TFunction, token: string | null) {
  const colleges = new Map((await prisma.college.findMany({ select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  return {
    fileName,
    token,
    total: check.rows.length,
    created: check.created,
    updated: check.updated,
    issueCount: check.issues.length,
    issues: describeIssues(check.issues, t),
    sample: check.rows.slice(0, 10).map((row) => ({
      line: row.line,
      username: row.username,
      name: row.name,
      college: colleges.get(row.collegeId) ?? "",
      counselorSince: row.counselorSince?.toISOString() ?? null,
      title: row.title ?? null,
      isNew: !check.existing.has(row.username),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "people:import", requireOwnScope(user));
  const t = await getFixedT(request);

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await readUploadForm(request, { maxFileBytes: MAX_ROSTER_BYTES });
    } catch (error) {
      const message =
        error instanceof UploadTooLargeError ? t("people.import.errors.tooLarge", { mb: MAX_ROSTER_BYTES / 1024 / 1024 }) : t("kit.uploadUnreadable");
      return data({ check: { status: "error" as const, error: { file: [message] }, initialValue: null }, preview: null, done: null }, { status: 400 });
    }
    const submission = parseWithZod(form, { schema: checkRosterSchema });
    if (submission.status !== "success") {
      return data({ check: translatedReply(submission, t), preview: null, done: null }, { status: 400 });
    }
    const file = submission.value.file;
    const buffer = Buffer.from(await file.arrayBuffer());
    const check = await checkRoster(user, buffer, file.name);
    const token = check.issues.length ? null : await keepUpload(user.id, file.name, buffer);
    return data({ check: submission.reply(), preview: await preview(check, file.name, t, token), done: null }, { status: check.issues.length ? 422 : 200 });
  }

  const submission = parseWithZod(await request.formData(), { schema: confirmRosterSchema });
  if (submission.status !== "success") {
    return data({ check: translatedReply(submission, t), preview: null, done: null }, { status: 400 });
  }
  const { token, initialPassword } = submission.value;
  const upload = await takeUpload(user.id, token);
  if (!upload) return data({ check: null, preview: null, done: null, expired: t("people.import.expired") }, { status: 410 });
  const check = await checkRoster(user, upload.buffer, upload.fileName);
  if (check.issues.length) {
    await dropUpload(token);
    return data({ check: null, preview: await preview(check, upload.fileName, t, null), done: null }, { status: 422 });
  }
  if (check.created > 0 && !initialPassword) {
    const reply = submission.reply({ fieldErrors: { initialPassword: [t("people.errors.passwordTooShort")] } });
    return data({ check: reply, preview: await preview(check, upload.fileName, t, token), done: null }, { status: 400 });
  }
  const result = await importRoster(user, check, { initialPassword: initialPassword ?? "", fileName: upload.fileName });
  await dropUpload(token);
  return data({ check: null, preview: null, done: result });
}

export default function ImportRoster() {
  const { collegeName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "roster-check",
    lastResult: actionData?.preview?.token ? undefined : actionData?.check,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkRosterSchema }),
    shouldValidate: "onSubmit",
  });
  const [confirmForm, confirmFields] = useForm<{ initialPassword: string }>({
    id: "roster-confirm",
    lastResult: actionData?.preview?.token ? actionData?.check : undefined,
  });
  const preview = actionData?.preview;
  const expired = actionData && "expired" in actionData ? actionData.expired : null;

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
      {expired ? <Notice tone="error">{expired}</Notice> : null}
      {actionData?.done ? (
        <Notice tone="success">{t("people.import.done", { created: actionData.done.created, updated: actionData.done.updated })}</Notice>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="check" />
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

      {preview ? (
        <section aria-labelledby="preview-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="preview-title" className="text-lg font-semibold">
            {t("people.import.previewTitle", { file: preview.fileName })}
          </h2>
          {preview.issueCount > 0 ? (
            <div className="space-y-2">
              <Notice tone="error">
                {t("people.import.problems", { count: preview.issueCount })}
                {preview.issueCount > preview.issues.length ? ` ${t("people.import.problemsShown", { shown: preview.issues.length })}` : ""}
              </Notice>
              <ol aria-label={t("people.import.problems", { count: preview.issueCount })} className="max-h-96 list-decimal space-y-1 overflow-y-auto pl-6 text-sm text-red-800">
                {preview.issues.map((issue, index) => (
                  <li key={index}>{issue}</li>
                ))}
              </ol>
            </div>
          ) : (
            <Notice tone="success">
              {t("people.import.ready")} {t("people.import.summary", { rows: preview.total, created: preview.created, updated: preview.updated })}
            </Notice>
          )}
          {preview.sample.length ? (
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm" aria-label={t("people.import.sample", { count: preview.sample.length })}>
                <caption className="mb-2 text-left text-sm text-slate-600">{t("people.import.sample", { count: preview.sample.length })}</caption>
                <thead className="bg-slate-50 text-left text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="px-2 py-1">#</th>
                    <th scope="col" className="px-2 py-1">{t("people.profile.username")}</th>
                    <th scope="col" className="px-2 py-1">{t("people.directory.colName")}</th>
                    <th scope="col" className="px-2 py-1">{t("people.directory.colCollege")}</th>
                    <th scope="col" className="px-2 py-1">{t("people.profile.since")}</th>
                    <th scope="col" className="px-2 py-1">{t("people.directory.colTitle")}</th>
                    <th scope="col" className="px-2 py-1" />
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {preview.sample.map((row) => (
                    <tr key={row.line}>
                      <td className="px-2 py-1 text-slate-500">{row.line}</td>
                      <td className="px-2 py-1">{row.username}</td>
                      <td className="px-2 py-1">{row.name}</td>
                      <td className="px-2 py-1">{row.college}</td>
                      <td className="px-2 py-1">{row.counselorSince ? formatDate(row.counselorSince, i18n.language) : "—"}</td>
                      <td className="px-2 py-1">{row.title ? t(`title.${row.title}`) : "—"}</td>
                      <td className="px-2 py-1 text-xs">{row.isNew ? t("people.import.newPerson") : t("people.import.updatePerson")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
      ) : null}
    </div>
  );
}
