import type { TFunction } from "i18next";
import { z } from "zod";
import { translateKnown } from "~/i18n/keys.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { permit, requireOwnScope } from "~/policy/index.ts";
import { importCatalogue } from "./catalogue-io.server.ts";
import { importHours } from "./hours-import.server.ts";
import { MAX_SHEET_BYTES, type SheetIssue } from "./sheet.server.ts";

/**
 * /training/import: a catalogue file or an external platform's hours, each checked row by row
 * and written whole or not at all. A file with problems is refused (422) with every problem in
 * the person's language, row and column first.
 */

const fileSchema = z.object({
  file: z
    .instanceof(File, { message: "training.io.errors.fileRequired" })
    .refine((file) => file.size > 0 && file.name !== "", "training.io.errors.fileRequired"),
});

const SHOWN_ISSUES = 200;

function refuse(t: TFunction, issues: SheetIssue[]): never {
  const lines = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const message = translateKnown(t, issue.message, issue.params);
    if (!issue.line) return message;
    return issue.column ? t("training.io.issueLine", { line: issue.line, column: issue.column, message }) : t("training.io.issueRow", { line: issue.line, message });
  });
  throw new UserError("training.io.problems", { count: issues.length }, { status: 422, details: { issues: lines } });
}

async function readForm(request: Request) {
  try {
    return await readUploadForm(request, { maxFileBytes: MAX_SHEET_BYTES });
  } catch (error) {
    throw new Response(error instanceof UploadTooLargeError ? "Payload Too Large" : "Bad Request", { status: error instanceof UploadTooLargeError ? 413 : 400 });
  }
}

export const trainingImportAction = intentAction({
  readForm,
  intents: (intent) => ({
    catalogue: intent({
      schema: fileSchema,
      // Who may organise for which organiser is decided row by row (training:organise); the page is for those who look after a slice.
      authorize: ({ user }) => permit(user, "training:view-scope", requireOwnScope(user)),
      run: async ({ user, t }, { file }) => {
        const result = await importCatalogue(user, Buffer.from(await file.arrayBuffer()), file.name);
        if (result.issues.length) refuse(t, result.issues);
        return { notice: t("training.io.imported", { count: result.courses }) };
      },
    }),
    hours: intent({
      schema: fileSchema,
      authorize: ({ user }) => permit(user, "training:import-hours", requireOwnScope(user)),
      run: async ({ user, t }, { file }) => {
        const result = await importHours(user, Buffer.from(await file.arrayBuffer()), file.name);
        if (result.issues.length) refuse(t, result.issues);
        return { notice: t("training.io.imported", { count: result.entries }) };
      },
    }),
  }),
});
