import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadSheet } from "./access.server.ts";
import { sheetSchema } from "./schemas.ts";
import { saveSheet } from "./sheets.server.ts";

/** A judge's score sheet (/camp/judging/:assignmentId): save a draft, submit once (asked first). */
export const sheetAction = intentAction({
  load: ({ params }, user) => loadSheet(user, params.assignmentId),
  intents: (intent) => ({
    saveDraft: intent({
      schema: sheetSchema,
      authorize: ({ user, ctx }) => permit(user, "camp-entry:score", ctx.entry),
      run: async ({ user, ctx, t }, input) => {
        await saveSheet(ctx.assignmentId, input, user.id, { submit: false });
        return { notice: t("camp.judged.sheet.draftSaved") };
      },
      keepForm: true,
    }),
    submit: intent({
      schema: sheetSchema.extend({ name: z.string().max(100).optional().default("") }),
      authorize: ({ user, ctx }) => permit(user, "camp-entry:score", ctx.entry),
      // Submitting locks the sheet: ask first (with or without JavaScript, the kit's prompt posts the sheet again).
      confirm: ({ t }, { name }) => ({ message: t("camp.judged.sheet.submitQuestion", { name }), confirmLabel: t("camp.judged.sheet.submit") }),
      run: async ({ user, ctx, t }, input) => {
        await saveSheet(ctx.assignmentId, input, user.id, { submit: true });
        return { notice: t("camp.judged.sheet.submitted") };
      },
      keepForm: true,
    }),
  }),
});
