import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadEntry, loadJudgedRound, undrawnEntryOf } from "./access.server.ts";
import { addFurtherJudge, assignRoundJudges } from "./assignment.server.ts";
import { addTopic, drawRemaining, drawTopic, removeTopic, setEntryOrder, updateTopic } from "./round.server.ts";
import { entryIdSchema, entryOrderSchema, furtherJudgeSchema, topicEditSchema, topicIdSchema, topicSchema } from "./schemas.ts";

/**
 * The round page (/camp/:campId/rounds/:roundId): topics, panel and order, the draw, the judges.
 * A contestant's own draw posts here too (from MyJudgedRounds on the camp page): the draw intent
 * is authorised on the entry ("camp-entry:draw"), everything else on the camp ("camp:manage").
 */
export const roundAction = intentAction({
  load: ({ params }, user) => loadJudgedRound(user, params.campId, params.roundId),
  intents: (intent) => ({
    addTopic: intent({
      schema: topicSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx.camp),
      run: async ({ user, ctx, t }, input) => {
        await addTopic(ctx.round.id, input, user.id);
        return { notice: t("camp.judged.notice.topicAdded", { title: input.title }) };
      },
    }),
    editTopic: intent({
      schema: topicEditSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx.camp),
      run: async ({ user, ctx, t }, { topicId, ...input }) => {
        await updateTopic(ctx.round.id, topicId, input, user.id);
        return { notice: t("camp.judged.notice.topicSaved", { title: input.title }) };
      },
      keepForm: true,
    }),
    removeTopic: intent({
      schema: topicIdSchema.extend({ title: z.string().max(200).optional().default("") }),
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx.camp),
      confirm: ({ t }, { title }) => ({ message: t("camp.judged.round.removeTopicQuestion", { title }), confirmLabel: t("camp.judged.round.removeTopic") }),
      run: async ({ user, ctx, t }, { topicId }) => {
        await removeTopic(ctx.round.id, topicId, user.id);
        return { notice: t("camp.judged.notice.topicRemoved") };
      },
    }),
    order: intent({
      schema: entryOrderSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx.camp),
      run: async ({ user, ctx, t }, input) => {
        await setEntryOrder(ctx.round.id, input, user.id);
        return { notice: t("camp.judged.notice.orderSaved") };
      },
      keepForm: true,
    }),
    draw: intent({
      schema: entryIdSchema.extend({ name: z.string().max(100).optional().default("") }),
      target: ({ user, ctx }, { entryId }) => loadEntry(user, entryId, ctx.round.id),
      authorize: ({ user }, _input, entry) => permit(user, "camp-entry:draw", entry.resource),
      confirm: ({ t }, { name }) => ({ message: t("camp.judged.round.drawQuestion", { name }), confirmLabel: t("camp.judged.round.draw") }),
      run: async ({ user, t }, { entryId }) => {
        const drawn = await drawTopic(entryId, user.id);
        return { notice: t("camp.judged.notice.drawn", { title: drawn.title }) };
      },
    }),
    drawAll: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "camp-entry:draw", undrawnEntryOf(ctx.camp)),
      confirm: ({ t }) => ({ message: t("camp.judged.round.drawAllQuestion"), confirmLabel: t("camp.judged.round.drawAll") }),
      run: async ({ user, ctx, t }) => {
        const { drawn } = await drawRemaining(ctx.round.id, user.id);
        return { notice: t("camp.judged.notice.drawnAll", { count: drawn }) };
      },
    }),
    assign: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx.camp),
      confirm: ({ t }) => ({ message: t("camp.judged.round.assignQuestion"), confirmLabel: t("camp.judged.round.assign") }),
      run: async ({ user, ctx, t }) => {
        const { created, kept } = await assignRoundJudges(ctx.round.id, user.id);
        return { notice: t("camp.judged.notice.assigned", { created, kept }) };
      },
    }),
    addJudge: intent({
      schema: furtherJudgeSchema,
      target: ({ user, ctx }, { entryId }) => loadEntry(user, entryId, ctx.round.id),
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx.camp),
      run: async ({ user, t }, { entryId, judgeId }) => {
        await addFurtherJudge(entryId, judgeId, user.id);
        return { notice: t("camp.judged.notice.judgeAdded") };
      },
    }),
  }),
});
