import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { FieldErrors, inputClass, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDate } from "~/lib/format.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { abilities, authorize, can, permit } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { MAX_OUTPUT_FILE_BYTES, OUTPUT_FILE_TYPES } from "~/studios/output-files.ts";
import { createOutput, deleteOutput, listOutputs, loadOutput, studioDocuments } from "~/studios/outputs.server.ts";
import { deleteOutputSchema, LEVELS, OUTPUT_TYPES, outputSchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.outputs.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view", access.resource);
  const search = new URL(request.url).searchParams;
  const year = Number(search.get("year")) || undefined;
  const page = Math.max(1, Number(search.get("page")) || 1);
  const [list, documents] = await Promise.all([
    listOutputs(access.studio.id, { year, page }),
    can(user, "output:create", access.resource) ? studioDocuments(access.studio.id) : [],
  ]);
  const currentYear = new Date().getFullYear();
  return data({
    ...list,
    outputs: list.outputs.map((o) => ({
      ...o,
      abilities: abilities(user, "output", { studio: access.resource, viewerIsAuthor: o.authors.some((a) => a.userId === user.id) }),
    })),
    years: Array.from({ length: 8 }, (_, i) => currentYear - i),
    documents,
  });
}

/** A new output comes with its file (multipart, within the size limit); deleting one is a plain post. */
async function readOutputForm(request: Request) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await readUploadForm(request, { maxFileBytes: MAX_OUTPUT_FILE_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw new UserError("studios.errors.fileTooLarge", { mb: MAX_OUTPUT_FILE_BYTES / 1024 / 1024 }, { status: 400 });
    throw new UserError("kit.uploadUnreadable", {}, { status: 400 });
  }
}

export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  readForm: readOutputForm,
  intents: (intent) => ({
    create: intent({
      schema: outputSchema,
      authorize: ({ user, ctx }) => permit(user, "output:create", ctx.resource),
      run: async ({ user, ctx, t }, { file, intent: _intent, ...input }) => {
        await createOutput(ctx.studio.id, input, file, user.id);
        return { notice: t("studios.outputs.created") };
      },
    }),
    delete: intent({
      schema: deleteOutputSchema,
      target: ({ user, ctx }, { outputId }) => loadOutput(ctx.studio.id, outputId, user.id),
      authorize: ({ user, ctx }, _input, { viewerIsAuthor }) => permit(user, "output:edit", { studio: ctx.resource, viewerIsAuthor }),
      confirm: ({ t }, _input, { output }) => ({ message: t("studios.outputs.confirmDelete", { title: output.title }), confirmLabel: t("studios.outputs.delete") }),
      run: async ({ user, t }, _input, { output }) => {
        await deleteOutput(output.id, user.id);
        return { notice: t("studios.outputs.deleted") };
      },
    }),
  }),
});

export default function Outputs() {
  const { outputs, total, page, pages, years, documents } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "output",
    lastResult: replyFor(reply, "create")?.form,
    defaultValue: { level: "SCHOOL" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: outputSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const option = (value: string, label: string) => ({ value, label });
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.outputs.heading")}</StudioPageHeading>
      {/* Deletions, and an upload refused before it was read (its reply names no intent). */}
      <ActionFeedback reply={reply} intent={["delete", ""]} />
      <Form method="get" className="flex items-end gap-2">
        <div>
          <label htmlFor="output-year" className="block text-sm font-medium text-slate-700">
            {t("studios.outputs.year")}
          </label>
          <select id="output-year" name="year" defaultValue={params.get("year") ?? ""} className={inputClass}>
            <option value="">{t("studios.outputs.allYears")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("studios.list.filter")}
        </button>
      </Form>
      {outputs.length === 0 ? (
        <EmptyState>{t("studios.outputs.empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label={t("studios.outputs.heading")}>
          {outputs.map((o) => (
            <li key={o.id} className="flex flex-wrap items-start justify-between gap-3 p-4">
              <div>
                <p className="font-medium">{o.title}</p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  <Badge tone="brand">{t(`outputType.${o.type}`)}</Badge>
                  <Badge>{t(`level.${o.level}`)}</Badge>
                  <span>{formatDate(o.date, i18n.language)}</span>
                  <span>{o.authors.map((a) => a.name).join("、")}</span>
                </p>
                {o.description ? <p className="mt-1 text-sm text-slate-600">{o.description}</p> : null}
                {o.document ? (
                  <p className="mt-1 text-xs">
                    <a href={`/documents/${o.document.id}`} className="text-brand-700 hover:underline">
                      {t("studios.outputs.linkedDocument", { title: o.document.title })}
                    </a>
                  </p>
                ) : null}
              </div>
              <div className="flex gap-2">
                {o.file && o.abilities["output:download"] ? (
                  <a href={`/studios/${chrome.id}/outputs/${o.id}/file`} className={buttonClass("secondary", "sm")} aria-label={t("studios.outputs.downloadLabel", { name: o.file.name })}>
                    {t("studios.outputs.download")}
                  </a>
                ) : null}
                {o.abilities["output:edit"] ? (
                  <ConfirmButton
                    intent="delete"
                    fields={{ outputId: o.id }}
                    label={t("studios.outputs.delete")}
                    ariaLabel={t("studios.outputs.deleteLabel", { title: o.title })}
                    question={t("studios.outputs.confirmDelete", { title: o.title })}
                  />
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} total={total} />
      {chrome.abilities["output:create"] ? (
        <Card title={t("studios.outputs.create")}>
          <Form method="post" encType="multipart/form-data" className="grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <div className="sm:col-span-2">
              <ActionFeedback reply={reply} intent="create" />
            </div>
            <TextField field={fields.title} label={t("studios.outputs.title")} className="sm:col-span-2" />
            <SelectField field={fields.type} label={t("studios.outputs.type")} placeholder={t("studios.create.choose")} options={OUTPUT_TYPES.map((o) => option(o, t(`outputType.${o}`)))} />
            <SelectField field={fields.level} label={t("studios.outputs.level")} options={LEVELS.map((l) => option(l, t(`level.${l}`)))} />
            <TextField field={fields.date} type="date" label={t("studios.outputs.date")} />
            <SelectField field={fields.documentId} label={t("studios.outputs.document")} placeholder={t("studios.outputs.noDocument")} options={documents.map((d) => option(d.id, d.title))} />
            <TextField field={fields.authors} label={t("studios.outputs.authors")} hint={t("studios.outputs.authorsHint")} className="sm:col-span-2" />
            <TextAreaField field={fields.description} label={t("studios.outputs.description")} rows={2} className="sm:col-span-2" />
            <div className="sm:col-span-2">
              <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-700">
                {t("studios.outputs.file")}
              </label>
              <input {...getInputProps(fields.file, { type: "file" })} accept={Object.keys(OUTPUT_FILE_TYPES).join(",")} className="mt-1 block w-full text-sm" />
              <FieldErrors field={fields.file} />
            </div>
            <div className="sm:col-span-2">
              <SubmitButton intent="create" pendingLabel={t("studios.outputs.submitting")}>
                {t("studios.outputs.submit")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
