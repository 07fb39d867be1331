import { intentAction } from "~/lib/actions.server.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { permit } from "~/policy/index.ts";
import { explainedError, explainText } from "./explain-text.ts";
import { checkRows, importMentors, importRowsSchema, MAX_FILE_MB, readWorkbook } from "./import.server.ts";
import { checkImportSchema } from "./schemas.ts";

/**
 * The upload is multipart, the confirmation a plain form. An upload the reader refuses (too large,
 * garbled) is a refusal before any intent is read (decision 054): the page shows it all the same.
 */
async function readImportForm(request: Request): Promise<FormData> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) return request.formData();
  try {
    return await readUploadForm(request, { maxFileBytes: MAX_FILE_MB * 1024 * 1024 });
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw new UserError("mentors.import.fileTooLarge", { max: MAX_FILE_MB }, { status: 413 });
    throw new UserError("kit.uploadUnreadable", {}, { status: 400 });
  }
}

/** 学工部 uploads a workbook (every row is checked and reported) and then imports the checked rows at once. */
export const action = intentAction({
  readForm: readImportForm,
  intents: (intent) => ({
    check: intent({
      schema: checkImportSchema,
      authorize: ({ user }) => permit(user, "mentor:curate", null),
      run: async ({ t }, { file }) => {
        const read = await readWorkbook(await file.arrayBuffer());
        if (!read.ok) throw explainedError(read.error, 400);
        const check = await checkRows(read.rows);
        return {
          data: {
            ok: check.ok,
            raw: JSON.stringify(read.rows),
            rows: check.rows.map((r) => ({ row: r.row, action: r.action, kind: r.kind, username: r.username, name: r.name, organisation: r.organisation, duties: r.duties, capacity: r.capacity })),
            errors: check.ok ? [] : check.errors.map((e) => ({ row: e.row, problems: e.problems.map((p) => explainText(t, p)) })),
            created: check.rows.filter((r) => r.action === "create").length,
            updated: check.rows.filter((r) => r.action === "update").length,
          },
        };
      },
    }),
    import: intent({
      schema: importRowsSchema,
      authorize: ({ user }) => permit(user, "mentor:curate", null),
      run: async ({ user, t }, { rows }) => {
        const outcome = await importMentors(user.id, rows);
        return { notice: t("mentors.import.done", { created: outcome.created, updated: outcome.updated }), data: { passwords: outcome.passwords } };
      },
    }),
  }),
});
