import type { TFunction } from "i18next";
import { translateKey } from "~/i18n/keys.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { readUploadForm, UploadTooLargeError, UploadUnreadableError } from "~/lib/uploads.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { authorize, permit, requireOwnScope } from "~/policy/index.ts";
import { listColleges } from "./directory.server.ts";
import { checkRosterSchema, confirmRosterSchema } from "./import-schemas.ts";
import type { RosterIssue } from "./roster-format.ts";
import { checkRoster, dropUpload, importRoster, keepUpload, MAX_ROSTER_BYTES, takeUpload, type RosterCheck } from "./roster.server.ts";

/** Problems listed on the page; the count says how many there are in all. */
const SHOWN_ISSUES = 200;

/**
 * Roster import: `check` reads the uploaded file and previews it (nothing is written), keeping a
 * valid file for `confirm`, which imports it in one transaction. 学工部 imports for the whole
 * school, a college admin for their own college; anyone else is refused before the body is read.
 */
export const action = intentAction({
  load: async (_args, user) => {
    const scope = requireOwnScope(user);
    authorize(user, "people:import", scope);
    return { scope };
  },
  readForm: readRosterForm,
  intents: (intent) => ({
    check: intent({
      schema: checkRosterSchema,
      keepForm: true,
      authorize: ({ user, ctx }) => permit(user, "people:import", ctx.scope),
      run: async ({ user, t }, { file }) => {
        const buffer = Buffer.from(await file.arrayBuffer());
        const check = await checkRoster(user, buffer, file.name);
        const token = check.issues.length ? null : await keepUpload(user.id, file.name, buffer);
        return { data: await previewOf(check, file.name, t, token) };
      },
    }),
    confirm: intent({
      schema: confirmRosterSchema,
      authorize: ({ user, ctx }) => permit(user, "people:import", ctx.scope),
      run: async ({ user, t }, { token, initialPassword }) => {
        const upload = await takeUpload(user.id, token);
        if (!upload) throw new UserError("people.import.expired", {}, { status: 410 });
        // Checked again: the database may have changed since the preview.
        const check = await checkRoster(user, upload.buffer, upload.fileName);
        if (check.issues.length) {
          await dropUpload(token);
          const preview = await previewOf(check, upload.fileName, t, null);
          throw new UserError("people.import.problems", { count: check.issues.length }, { status: 422, details: { preview } });
        }
        if (check.created > 0 && !initialPassword) {
          const preview = await previewOf(check, upload.fileName, t, token);
          throw new UserError("people.errors.passwordTooShort", {}, { status: 400, details: { preview } });
        }
        const result = await importRoster(user, check, { initialPassword: initialPassword ?? "", fileName: upload.fileName });
        await dropUpload(token);
        return { notice: t("people.import.done", { created: result.created, updated: result.updated }) };
      },
    }),
  }),
});

/** The upload (multipart) or the confirmation (a plain form); an upload too large or unreadable is refused in words. */
async function readRosterForm(request: Request): Promise<FormData> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await readUploadForm(request, { maxFileBytes: MAX_ROSTER_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw new UserError("people.import.errors.tooLarge", { mb: MAX_ROSTER_BYTES / 1024 / 1024 }, { status: 413 });
    if (error instanceof UploadUnreadableError) throw new UserError("kit.uploadUnreadable", {}, { status: 400 });
    throw error;
  }
}

/** What the page shows of a checked file: counts, the problems in words, and the first rows. */
async function previewOf(check: RosterCheck, fileName: string, t: TFunction, token: string | null) {
  const colleges = new Map((await listColleges()).map((c) => [c.id, c.name]));
  return {
    fileName,
    /** Set when the file may be imported: names the kept upload for `confirm`. */
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
export type RosterPreview = Awaited<ReturnType<typeof previewOf>>;

function describeIssues(issues: RosterIssue[], t: TFunction) {
  return issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const message = translateKey(t, `people.import.errors.${issue.code}`, issue.params);
    return issue.line ? t("people.import.issueLine", { line: issue.line, column: issue.column ?? "", message }) : message;
  });
}
