import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCampAccess } from "../access.server.ts";
import { emptySchema } from "./schemas.ts";
import { closeCamp, openCamp } from "./transitions.server.ts";

/** The camp page's transitions: open (DRAFT → OPEN) and close to scoring (OPEN → SCORING), each asked first. */
export const campAction = intentAction({
  load: ({ params }, user) => loadCampAccess(user, params.campId),
  intents: (intent) => ({
    open: intent({
      schema: emptySchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      confirm: ({ t }) => ({ message: t("camp.setup.page.openConfirm"), confirmLabel: t("camp.setup.page.open") }),
      run: async ({ user, ctx, t }) => {
        const { participants } = await openCamp(ctx.campId, user.id);
        return { notice: t("camp.setup.page.opened", { count: participants }) };
      },
    }),
    close: intent({
      schema: emptySchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      confirm: ({ t }) => ({ message: t("camp.setup.page.closeConfirm"), confirmLabel: t("camp.setup.page.close") }),
      run: async ({ user, ctx, t }) => {
        await closeCamp(ctx.campId, user.id);
        return { notice: t("camp.setup.page.closed") };
      },
    }),
  }),
});
