import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCampAccess } from "../access.server.ts";
import { applyCut } from "./cut.server.ts";
import { emptySchema } from "./schemas.ts";

/** /camp/:campId/rounds/:roundId/cut: the organisers apply the cut once (asked first). */
export const cutAction = intentAction({
  load: async ({ params }, user) => ({ camp: await loadCampAccess(user, params.campId), roundId: params.roundId ?? "" }),
  intents: (intent) => ({
    apply: intent({
      schema: emptySchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx.camp),
      confirm: ({ t }) => ({ message: t("camp.setup.cut.applyConfirm"), confirmLabel: t("camp.setup.cut.apply") }),
      run: async ({ user, ctx, t }) => {
        const { advancing } = await applyCut(ctx.camp.campId, ctx.roundId, user.id);
        return { notice: t("camp.setup.cut.applied", { count: advancing }) };
      },
    }),
  }),
});
