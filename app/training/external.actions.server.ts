import { intentAction } from "~/lib/actions.server.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { permit } from "~/policy/index.ts";
import { loadExternalRecordAccess } from "./access.server.ts";
import { MAX_EVIDENCE_BYTES, recordWithEvidence } from "./evidence.server.ts";
import { decideExternalRecord, withdrawExternalRecord } from "./external.server.ts";
import { decideFormSchema, externalFormSchema, recordIdSchema } from "./external-form.ts";

/** The record form posts a file (multipart); the other intents are plain forms. */
async function readForm(request: Request): Promise<FormData> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) return request.formData();
  try {
    return await readUploadForm(request, { maxFileBytes: MAX_EVIDENCE_BYTES });
  } catch (error) {
    throw new Response(error instanceof UploadTooLargeError ? "Payload Too Large" : "Bad Request", { status: error instanceof UploadTooLargeError ? 413 : 400 });
  }
}

export const externalAction = intentAction({
  readForm,
  intents: (intent) => ({
    record: intent({
      schema: externalFormSchema,
      authorize: ({ user }) => permit(user, "training:record-external", null),
      run: async ({ user, t }, { evidence, ...input }) => {
        await recordWithEvidence(input, evidence, user.id);
        return { notice: t("training.external.recorded", { title: input.title }) };
      },
    }),
    decide: intent({
      schema: decideFormSchema,
      target: (_call, { recordId }) => loadExternalRecordAccess(recordId),
      authorize: ({ user }, _input, target) => permit(user, "training-external:decide", target.resource),
      confirm: ({ t }, { decision, title }) =>
        decision === "APPROVED"
          ? { message: t("training.external.approveQuestion", { title }), confirmLabel: t("training.external.approve") }
          : { message: t("training.external.rejectQuestion", { title }), confirmLabel: t("training.external.reject") },
      run: async ({ user, t }, { recordId, decision, note, title }) => {
        await decideExternalRecord(recordId, { decision, note }, user);
        return { notice: t(decision === "APPROVED" ? "training.external.approved" : "training.external.rejected", { title }) };
      },
    }),
    withdraw: intent({
      schema: recordIdSchema,
      target: (_call, { recordId }) => loadExternalRecordAccess(recordId),
      authorize: ({ user }, _input, target) => permit(user, "training-external:withdraw", target.resource),
      confirm: ({ t }, { title }) => ({ message: t("training.external.withdrawQuestion", { title }), confirmLabel: t("training.external.withdraw") }),
      run: async ({ user, t }, { recordId, title }) => {
        await withdrawExternalRecord(recordId, user.id);
        return { notice: t("training.external.withdrawn", { title }) };
      },
    }),
  }),
});
