import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { archiveCamp, personalDataCounts } from "./archive.server.ts";
import { emptySchema } from "./schemas.ts";

/** /camp/:campId/archive: archiving (RELEASED → ARCHIVED), which deletes the students' personal data; asked first. */
export const archiveAction = intentAction({
  load: ({ params }, user) => loadCampAccess(user, params.campId),
  intents: (intent) => ({
    archive: intent({
      schema: emptySchema,
      authorize: ({ user, ctx }) => permit(user, "camp:archive", ctx),
      confirm: async ({ t, ctx }) => {
        const counts = await personalDataCounts(ctx.campId);
        return { message: t("camp.students.archive.question", counts), confirmLabel: t("camp.students.archive.archive") };
      },
      run: async ({ user, ctx, t }) => {
        const counts = await archiveCamp(ctx.campId, user.id);
        return { notice: t("camp.students.archive.done", counts) };
      },
    }),
  }),
});
