import type { TFunction } from "i18next";
import { intentAction } from "~/lib/actions.server.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { dropUpload, keepUpload, takeUpload } from "~/people/roster.server.ts";
import { permit } from "~/policy/index.ts";
import { issueText, type ImportIssue } from "../question-draft.ts";
import { checkImport, importQuestions, type ImportFormat, type ImportSummary } from "./import.server.ts";
import { importConfirmSchema, importUploadSchema } from "./schemas.ts";

/**
 * /camp/bank/import: `check` reads the uploaded file (read with readUploadForm, so any file name
 * works) and shows what it would import, keeping a good file as the training imports do;
 * `confirm` imports that kept file, checked again, whole or not at all. A file with problems is
 * refused (422) with every problem in the person's language, line (and column) first.
 */

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const SHOWN_ISSUES = 200;

function refuse(t: TFunction, errors: ImportIssue[], format: ImportFormat): never {
  const issues = errors.slice(0, SHOWN_ISSUES).map((issue) => issueText(t, issue, format));
  throw new UserError("camp.bank.importPage.problems", { count: errors.length }, { status: 422, details: { issues } });
}

async function readForm(request: Request) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await readUploadForm(request, { maxFileBytes: MAX_IMPORT_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw new UserError("camp.bank.importPage.errors.tooLarge", { max: MAX_IMPORT_BYTES / 1024 / 1024 }, { status: 413 });
    throw new Response("Bad Request", { status: 400 });
  }
}

export type ImportPreview = { fileName: string; token: string; format: ImportFormat; category: string; duties: string[]; difficulty: number | null; summary: ImportSummary };

export const bankImportAction = intentAction({
  readForm,
  intents: (intent) => ({
    check: intent({
      schema: importUploadSchema,
      authorize: ({ user }) => permit(user, "camp-bank:manage", null),
      run: async ({ user, t }, { file, format, ...defaults }) => {
        const buffer = Buffer.from(await file.arrayBuffer());
        const checked = await checkImport(buffer, format, defaults);
        if (!checked.ok) refuse(t, checked.errors, format);
        const token = await keepUpload(user.id, file.name, buffer);
        const preview: ImportPreview = {
          fileName: file.name,
          token,
          format,
          category: defaults.category,
          duties: defaults.duties,
          difficulty: defaults.difficulty ?? null,
          summary: checked.summary,
        };
        return { data: preview };
      },
    }),
    confirm: intent({
      schema: importConfirmSchema,
      authorize: ({ user }) => permit(user, "camp-bank:manage", null),
      run: async ({ user, t }, { token, format, ...defaults }) => {
        const upload = await takeUpload(user.id, token);
        if (!upload) throw new UserError("camp.bank.importPage.expired", {}, { status: 410 });
        const result = await importQuestions(upload.buffer, format, defaults, upload.fileName, user.id);
        await dropUpload(token);
        if (!result.ok) refuse(t, result.errors, format);
        return { notice: t("camp.bank.importPage.imported", { count: result.summary.total }) };
      },
    }),
  }),
});
