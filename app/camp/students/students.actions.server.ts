import type { TFunction } from "i18next";
import { translateKnown } from "~/i18n/keys.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { permit } from "~/policy/index.ts";
import type { SheetIssue } from "~/training/sheet.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { loadStudent } from "./access.server.ts";
import { importStudents, MAX_UPLOAD_BYTES, type UploadedPart } from "./import.server.ts";
import { deleteAllSchema, deleteStudentSchema, importFilesSchema, importZipSchema } from "./schemas.ts";
import { deleteAllStudents, deleteStudent } from "./students.server.ts";

/**
 * /camp/:campId/students: importing (a sheet with photos, or one .zip), deleting one student,
 * deleting all. Imports are checked whole: a file with problems is refused (422) with every problem
 * in the person's language, row and column first, and nothing is written.
 */

const SHOWN_ISSUES = 200;

function refuse(t: TFunction, issues: SheetIssue[]): never {
  const lines = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const message = translateKnown(t, issue.message, issue.params);
    if (!issue.line) return message;
    return issue.column ? t("camp.import.atCell", { line: issue.line, column: issue.column, message }) : t("camp.import.atRow", { line: issue.line, message });
  });
  throw new UserError("camp.students.upload.problems", { count: issues.length }, { status: 422, details: { issues: lines } });
}

async function readForm(request: Request) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await readUploadForm(request, { maxFileBytes: MAX_UPLOAD_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw new UserError("camp.students.errors.uploadTooLarge", { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }, { status: 413 });
    throw new Response("Bad Request", { status: 400 });
  }
}

const part = async (f: File): Promise<UploadedPart> => ({ name: f.name, bytes: Buffer.from(await f.arrayBuffer()) });

export const studentsAction = intentAction({
  readForm,
  load: ({ params }, user) => loadCampAccess(user, params.campId),
  intents: (intent) => ({
    importFiles: intent({
      schema: importFilesSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:upload-students", ctx),
      run: async ({ user, ctx, t }, input) => {
        const upload = { kind: "files" as const, sheet: await part(input.sheet), photos: await Promise.all(input.photos.filter((p) => p.size > 0).map(part)) };
        const outcome = await importStudents(ctx, upload, user);
        if (!outcome.ok) refuse(t, outcome.issues);
        return { notice: t("camp.students.upload.imported", { students: outcome.students, counselors: outcome.counselors }) };
      },
    }),
    importZip: intent({
      schema: importZipSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:upload-students", ctx),
      run: async ({ user, ctx, t }, input) => {
        const outcome = await importStudents(ctx, { kind: "zip", zip: await part(input.zip) }, user);
        if (!outcome.ok) refuse(t, outcome.issues);
        return { notice: t("camp.students.upload.imported", { students: outcome.students, counselors: outcome.counselors }) };
      },
    }),
    delete: intent({
      schema: deleteStudentSchema,
      target: ({ user, ctx }, input) => loadStudent(user, ctx.campId, input.studentId),
      authorize: ({ user }, _input, student) => permit(user, "camp-student:manage", student.resource),
      confirm: ({ t }) => ({ message: t("camp.students.delete.plainQuestion"), confirmLabel: t("camp.students.delete.one") }),
      run: async ({ user, t }, _input, student) => {
        await deleteStudent(student.id, user.id);
        return { notice: t("camp.students.delete.oneDone") };
      },
    }),
    deleteAll: intent({
      schema: deleteAllSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:upload-students", ctx),
      confirm: ({ t }) => ({ message: t("camp.students.delete.allPlainQuestion"), confirmLabel: t("camp.students.delete.all") }),
      run: async ({ user, ctx, t }, input) => {
        const { deleted, kept } = await deleteAllStudents(ctx, user, input.counselorId);
        return { notice: t("camp.students.delete.allDone", { deleted, kept }) };
      },
    }),
  }),
});
