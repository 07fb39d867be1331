import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCamp } from "./access.server.ts";
import { assignShortAnswers } from "./short-answers.server.ts";

/** /camp/:campId/test/attempts: give the submitted papers' short answers to judges (blind). */
export const attemptsAction = intentAction({
  load: ({ params }, user) => loadCamp(user, params.campId),
  intents: (intent) => ({
    assign: intent({
      schema: z.object({ perAnswer: z.coerce.number({ error: "camp.test.errors.badJudgeCount" }).int("camp.test.errors.badJudgeCount").min(1, "camp.test.errors.badJudgeCount").max(15, "camp.test.errors.badJudgeCount") }),
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      run: async ({ user, ctx, t }, input) => {
        const answers = await assignShortAnswers(ctx.campId, input.perAnswer, user.id);
        return { notice: t("camp.test.attempts.assigned", { answers }) };
      },
    }),
  }),
});
