import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCamp } from "./access.server.ts";
import { addPaperRule, removePaperRule } from "./rules.server.ts";
import { paperRuleSchema } from "./schemas.ts";

/** /camp/:campId/test/rules: add a paper rule, remove one (asked first). The service refuses once the camp has opened. */
export const rulesAction = intentAction({
  load: ({ params }, user) => loadCamp(user, params.campId),
  intents: (intent) => ({
    add: intent({
      schema: paperRuleSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      run: async ({ user, ctx, t }, input) => {
        await addPaperRule(ctx.campId, input, user.id);
        return { notice: t("camp.test.rules.added") };
      },
    }),
    remove: intent({
      schema: z.object({ ruleId: z.string().min(1).max(40) }),
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      confirm: ({ t }) => ({ message: t("camp.test.rules.removeConfirm"), confirmLabel: t("camp.test.rules.remove") }),
      run: async ({ user, ctx, t }, input) => {
        await removePaperRule(ctx.campId, input.ruleId, user.id);
        return { notice: t("camp.test.rules.removed") };
      },
    }),
  }),
});
