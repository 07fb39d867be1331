import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { importFile, MAX_IMPORT_BYTES } from "~/documents/import.server.ts";
import { DOCUMENT_TYPES, importOptionsSchema } from "~/documents/schemas.ts";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { studioPageTitle } from "~/studios/studio-context.ts";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("documents.importer.title")]);

const MAX_FILES = 20;

async function studioFor(request: Request, studioId: string) {
  const user = await requireUser(request);
  const { studio, resource } = await loadStudioAccess(user, studioId);
  authorize(user, "studio:create-document", resource);
  return { user, studio };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { studio } = await studioFor(request, params.studioId!);
  return data({ studio: { id: studio.id, name: studio.name } });
}

type FileResult = { file: string; ok: true; documentId: string; title: string; images: number; skippedImages: number } | { file: string; ok: false; reason: string };

/** Several .docx / .md files at once; each becomes a document or says why it could not. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, studio } = await studioFor(request, params.studioId!);
  const t = await getFixedT(request);
  let form: FormData;
  try {
    form = await readUploadForm(request, { maxFileBytes: MAX_IMPORT_BYTES, maxFiles: MAX_FILES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return data({ error: t("documents.errors.importTooLarge"), results: [] as FileResult[] }, { status: 413 });
    return data({ error: t("kit.uploadUnreadable"), results: [] as FileResult[] }, { status: 400 });
  }
  const options = importOptionsSchema.safeParse({ type: form.get("type") });
  if (!options.success) return data({ error: t("documents.errors.typeRequired"), results: [] as FileResult[] }, { status: 400 });
  const files = form.getAll("files").filter((file): file is File => file instanceof File && file.size > 0);
  if (!files.length) return data({ error: t("documents.importer.noFiles"), results: [] as FileResult[] }, { status: 400 });
  if (files.length > MAX_FILES) return data({ error: t("documents.importer.tooMany", { max: MAX_FILES }), results: [] as FileResult[] }, { status: 400 });
  const results: FileResult[] = [];
  for (const file of files) {
    try {
      const result = await importFile({ studioId: studio.id, userId: user.id, filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), type: options.data.type });
      results.push({ file: file.name, ok: true, ...result });
    } catch (error) {
      if (!isUserError(error)) throw error;
      results.push({ file: file.name, ok: false, reason: translateKey(t, error.key, error.params) });
    }
  }
  return data({ error: null, results });
}

export default function ImportDocuments() {
  const { studio } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === "submitting";
  const imported = answer?.results.filter((result) => result.ok).length ?? 0;
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <Link to={`/studios/${studio.id}/documents`} className="text-sm text-brand-700 hover:underline">
        ← {t("documents.page.back", { studio: studio.name })}
      </Link>
      <h1 className="text-2xl font-bold">{t("documents.importer.title")}</h1>
      <p className="text-sm text-slate-600">{t("documents.importer.intro")}</p>
      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-busy={busy}>
        <div>
          <label htmlFor="import-files" className="block text-sm font-medium text-slate-700">
            {t("documents.importer.files")}
          </label>
          <input id="import-files" name="files" type="file" multiple required accept=".docx,.md,.markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown" className="mt-1 block w-full rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:text-brand-700 hover:file:bg-brand-100" />
        </div>
        <div>
          <label htmlFor="import-type" className="block text-sm font-medium text-slate-700">
            {t("documents.importer.type")}
          </label>
          <select id="import-type" name="type" defaultValue="RESEARCH_NOTE" className={inputClass}>
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`documentType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} className={buttonClass("primary", "sm")}>
          {busy ? t("documents.importer.submitting") : t("documents.importer.submit")}
        </button>
        {busy ? <p role="status" className="text-sm text-slate-600">{t("documents.importer.submitting")}</p> : null}
      </Form>
      {answer?.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {answer.error}
        </p>
      ) : null}
      {answer?.results.length ? (
        <section aria-labelledby="import-results" className="space-y-2">
          <h2 id="import-results" role="status" className="text-base font-semibold">
            {t("documents.importer.done", { count: imported })}
          </h2>
          <ul className="space-y-1 text-sm">
            {answer.results.map((result, index) => (
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
