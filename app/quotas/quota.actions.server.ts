import { intentAction } from "~/lib/actions.server.ts";
import { authorize, permit } from "~/policy/index.ts";
import { cancelQuota, decideQuota, quotaHeading, rankCandidates, savePicks } from "./quotas.server.ts";
import { noInputSchema, picksSchema } from "./schemas.ts";

/** The quota page's intents: rank again, save one page's ticks, confirm the choice, cancel. */
export const action = intentAction({
  // Quotas are 学工部's alone: anyone else is refused before the quota is even looked up.
  load: async ({ params }, user) => {
    authorize(user, "quota:manage", null);
    return quotaHeading(params.quotaId!);
  },
  intents: (intent) => ({
    rank: intent({
      schema: noInputSchema,
      authorize: ({ user }) => permit(user, "quota:manage", null),
      run: async ({ user, ctx, t }) => {
        const { count } = await rankCandidates(ctx.id, user.id);
        return { notice: t("quotas.page.ranked", { count }) };
      },
    }),
    pick: intent({
      schema: picksSchema,
      authorize: ({ user }) => permit(user, "quota:manage", null),
      run: async ({ user, ctx, t }, input) => {
        const { count } = await savePicks(ctx.id, input, user.id);
        return { notice: t("quotas.page.picksSaved", { count }) };
      },
    }),
    decide: intent({
      schema: noInputSchema,
      authorize: ({ user }) => permit(user, "quota:manage", null),
      confirm: ({ ctx, t }) => ({
        message: t("quotas.page.decideConfirm", { count: ctx.chosen, title: ctx.title }),
        confirmLabel: t("quotas.page.decide"),
      }),
      run: async ({ user, ctx, t }) => {
        const { notified } = await decideQuota(ctx.id, user);
        return { notice: t("quotas.page.decidedNotice", { count: notified }) };
      },
    }),
    cancel: intent({
      schema: noInputSchema,
      authorize: ({ user }) => permit(user, "quota:manage", null),
      confirm: ({ ctx, t }) => ({ message: t("quotas.page.cancelConfirm", { title: ctx.title }), confirmLabel: t("quotas.page.cancel") }),
      run: async ({ user, ctx, t }) => {
        await cancelQuota(ctx.id, user);
        return { notice: t("quotas.page.cancelledNotice") };
      },
    }),
  }),
});
