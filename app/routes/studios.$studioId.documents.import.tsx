import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser, type SessionUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { SelectField } from "~/components/kit/fields.tsx";
import { formatCount } from "~/documents/body-limit.ts";
import { importFile, MAX_IMPORT_BYTES } from "~/documents/import.server.ts";
import { DOCUMENT_TYPES, importOptionsSchema } from "~/documents/schemas.ts";
import { translateKey } from "~/i18n/keys.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { readUploadForm, UploadTooLargeError, UploadUnreadableError } from "~/lib/uploads.server.ts";
import { isUserError, UserError } from "~/lib/user-error.ts";
import { authorize, permit } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("documents.importer.title")]);

const MAX_FILES = 20;

async function importAccess(user: SessionUser, studioId: string | undefined) {
  const access = await loadStudioAccess(user, studioId);
  // Before the upload is read: people who may not import are refused without receiving their files.
  authorize(user, "studio:create-document", access.resource);
  return access;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await importAccess(await requireUser(request), params.studioId);
  // Said before choosing files (decision 097): the import refuses longer bodies.
  return data({ maxChars: (await getSchoolSettings()).documentMaxChars });
}

type FileResult = { file: string; ok: true; documentId: string; title: string; images: number; skippedImages: number } | { file: string; ok: false; reason: string };

/** Several .docx / .md files at once; each becomes a document or says why it could not. */
export const action = intentAction({
  load: ({ params }, user) => importAccess(user, params.studioId),
  readForm: async (request) => {
    try {
      return await readUploadForm(request, { maxFileBytes: MAX_IMPORT_BYTES, maxFiles: MAX_FILES });
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw new UserError("documents.errors.importTooLarge", {}, { status: 413 });
      if (error instanceof UploadUnreadableError) throw new UserError("kit.uploadUnreadable", {}, { status: 400 });
      throw error;
    }
  },
  intents: (intent) => ({
    import: intent({
      schema: importOptionsSchema,
      authorize: ({ user, ctx }) => permit(user, "studio:create-document", ctx.resource),
      run: async ({ user, ctx, t, form }, { type }) => {
        const files = form.getAll("files").filter((file): file is File => file instanceof File && file.size > 0);
        if (!files.length) throw new UserError("documents.importer.noFiles", {}, { status: 400 });
        if (files.length > MAX_FILES) throw new UserError("documents.importer.tooMany", { max: MAX_FILES }, { status: 400 });
        const results: FileResult[] = [];
        for (const file of files) {
          try {
            const result = await importFile({ studioId: ctx.studio.id, userId: user.id, filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), type });
            results.push({ file: file.name, ok: true, ...result });
          } catch (error) {
            // One file's refusal is reported beside it; the others are still imported.
            if (!isUserError(error)) throw error;
            results.push({ file: file.name, ok: false, reason: translateKey(t, error.key, error.params) });
          }
        }
        return { data: { results } };
      },
    }),
  }),
});

export default function ImportDocuments() {
  const studio = useStudio();
  const reply = useActionData<typeof action>();
  const { maxChars } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === "submitting";
  const results = replyFor(reply, "import")?.data?.results ?? [];
  const imported = results.filter((result) => result.ok).length;
  const [form, fields] = useForm({
    id: "import-documents",
    lastResult: replyFor(reply, "import")?.form,
    defaultValue: { type: "RESEARCH_NOTE" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importOptionsSchema }),
  });
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link to={`/studios/${studio.id}/documents`} className="text-sm text-brand-700 hover:underline">
        ← {t("documents.page.back", { studio: studio.name })}
      </Link>
      <StudioPageHeading>{t("documents.importer.title")}</StudioPageHeading>
      <p className="text-sm text-slate-600">{t("documents.importer.intro")}</p>
      <p className="text-sm text-slate-600" id="import-limit">
        {t("documents.importer.limit", { max: formatCount(maxChars) })}
      </p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-busy={busy}>
        <input type="hidden" name="intent" value="import" />
        <div>
          <label htmlFor="import-files" className="block text-sm font-medium text-slate-700">
            {t("documents.importer.files")}
          </label>
          <input id="import-files" name="files" type="file" multiple required aria-describedby="import-limit" accept=".docx,.md,.markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown" className="mt-1 block w-full rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:text-brand-700 hover:file:bg-brand-100" />
        </div>
        <SelectField field={fields.type} label={t("documents.importer.type")} options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`documentType.${type}`) }))} />
        <SubmitButton intent="import" size="sm" pendingLabel={t("documents.importer.submitting")}>
          {t("documents.importer.submit")}
        </SubmitButton>
        {busy ? <p role="status" className="text-sm text-slate-600">{t("documents.importer.submitting")}</p> : null}
      </Form>
      {reply?.status === "error" ? <ActionFeedback reply={reply} /> : null}
      {results.length ? (
        <section aria-labelledby="import-results" className="space-y-2">
          <h2 id="import-results" role="status" className="text-base font-semibold">
            {t("documents.importer.done", { count: imported })}
          </h2>
          <ul className="space-y-1 text-sm">
            {results.map((result, index) => (
              <li key={index} className={result.ok ? "text-slate-800" : "text-red-700"}>
                {result.ok ? (
                  <>
                    <Link to={`/documents/${result.documentId}`} className="text-brand-700 hover:underline">
                      {t("documents.importer.imported", { title: result.title })}
                    </Link>
                    {result.images ? t("documents.importer.importedImages", { count: result.images }) : null}
                    {result.skippedImages ? t("documents.importer.skippedImages", { count: result.skippedImages }) : null}
                  </>
                ) : (
                  t("documents.importer.failed", { file: result.file, reason: result.reason })
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
