import type { TFunction } from "i18next";
import { z } from "zod";
import { translateKnown } from "~/i18n/keys.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { permit, requireOwnScope } from "~/policy/index.ts";
import { dropUpload, keepUpload, takeUpload } from "~/people/roster.server.ts";
import { importCatalogue, type CataloguePreviewRow } from "./catalogue-io.server.ts";
import { importHours, type HoursPreviewRow } from "./hours-import.server.ts";
import { MAX_SHEET_BYTES, type SheetIssue } from "./sheet.server.ts";

/**
 * /training/import: a catalogue file or an external platform's hours. `catalogue` / `hours` check
 * the file row by row (nothing is written) and show what it would create, keeping a good file the
 * way the roster import does (`keepUpload`); `confirmCatalogue` / `confirmHours` import that kept
 * file, checked again, whole or not at all. A file with problems is refused (422) with every
 * problem in the person's language, row and column first.
 */

const fileSchema = z.object({
  file: z
    .instanceof(File, { message: "training.io.errors.fileRequired" })
    .refine((file) => file.size > 0 && file.name !== "", "training.io.errors.fileRequired"),
});
const confirmSchema = z.object({ token: z.string().min(1).max(100) });

const SHOWN_ISSUES = 200;
/** Rows the preview lists; the count says how many there are in all. */
const SHOWN_ROWS = 50;

function refuse(t: TFunction, issues: SheetIssue[]): never {
  const lines = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const message = translateKnown(t, issue.message, issue.params);
    if (!issue.line) return message;
    return issue.column ? t("training.io.issueLine", { line: issue.line, column: issue.column, message }) : t("training.io.issueRow", { line: issue.line, message });
  });
  throw new UserError("training.io.problems", { count: issues.length }, { status: 422, details: { issues: lines } });
}

/** The upload (multipart) or the confirmation (a plain form). */
async function readForm(request: Request) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await readUploadForm(request, { maxFileBytes: MAX_SHEET_BYTES });
  } catch (error) {
    throw new Response(error instanceof UploadTooLargeError ? "Payload Too Large" : "Bad Request", { status: error instanceof UploadTooLargeError ? 413 : 400 });
  }
}

/** The kept file of a check, only for who uploaded it; gone (expired, already imported) is said in words. */
async function keptFile(userId: string, token: string) {
  const upload = await takeUpload(userId, token);
  if (!upload) throw new UserError("training.more.import.expired", {}, { status: 410 });
  return upload;
}

export type CataloguePreview = { kind: "catalogue"; fileName: string; token: string; courses: number; sessions: number; rows: CataloguePreviewRow[] };
export type HoursPreview = { kind: "hours"; fileName: string; token: string; entries: number; rows: HoursPreviewRow[] };

export const trainingImportAction = intentAction({
  readForm,
  intents: (intent) => ({
    catalogue: intent({
      schema: fileSchema,
      // Who may organise for which organiser is decided row by row (training:organise); the page is for those who look after a slice.
      authorize: ({ user }) => permit(user, "training:view-scope", requireOwnScope(user)),
      run: async ({ user, t }, { file }) => {
        const buffer = Buffer.from(await file.arrayBuffer());
        const result = await importCatalogue(user, buffer, file.name, { dryRun: true });
        if (result.issues.length) refuse(t, result.issues);
        const token = await keepUpload(user.id, file.name, buffer);
        return { data: { kind: "catalogue" as const, fileName: file.name, token, courses: result.courses, sessions: result.sessions, rows: result.preview.slice(0, SHOWN_ROWS) } satisfies CataloguePreview };
      },
    }),
    hours: intent({
      schema: fileSchema,
      authorize: ({ user }) => permit(user, "training:import-hours", requireOwnScope(user)),
      run: async ({ user, t }, { file }) => {
        const buffer = Buffer.from(await file.arrayBuffer());
        const result = await importHours(user, buffer, file.name, { dryRun: true });
        if (result.issues.length) refuse(t, result.issues);
        const token = await keepUpload(user.id, file.name, buffer);
        return { data: { kind: "hours" as const, fileName: file.name, token, entries: result.entries, rows: result.preview.slice(0, SHOWN_ROWS) } satisfies HoursPreview };
      },
    }),
    confirmCatalogue: intent({
      schema: confirmSchema,
      authorize: ({ user }) => permit(user, "training:view-scope", requireOwnScope(user)),
      run: async ({ user, t }, { token }) => {
        const upload = await keptFile(user.id, token);
        // Checked again: the catalogue may have changed since the preview.
        const result = await importCatalogue(user, upload.buffer, upload.fileName);
        await dropUpload(token);
        if (result.issues.length) refuse(t, result.issues);
        return { notice: t("training.io.imported", { count: result.courses }) };
      },
    }),
    confirmHours: intent({
      schema: confirmSchema,
      authorize: ({ user }) => permit(user, "training:import-hours", requireOwnScope(user)),
      run: async ({ user, t }, { token }) => {
        const upload = await keptFile(user.id, token);
        const result = await importHours(user, upload.buffer, upload.fileName);
        await dropUpload(token);
        if (result.issues.length) refuse(t, result.issues);
        return { notice: t("training.io.imported", { count: result.entries }) };
      },
    }),
  }),
});
