import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { isUserError, UserError } from "~/lib/user-error.ts";
import { permit } from "~/policy/index.ts";
import { loadAttempt, loadCamp } from "./access.server.ts";
import { closeOverdueAttempts, startAttempt, submitAttempt } from "./attempts.server.ts";

/** /camp/:campId/test: start the test (once), submit it (with a confirmation naming the unanswered questions, asked by the page). */
export const takeAction = intentAction({
  load: ({ params }, user) => loadCamp(user, params.campId),
  intents: (intent) => ({
    start: intent({
      schema: z.object({}),
      // The attempt this person would take: the taker alone, while the camp is open.
      authorize: ({ user, ctx }) => permit(user, "camp-attempt:take", { camp: ctx, userId: user.id, ended: false }),
      run: async ({ user, ctx }) => {
        await startAttempt(ctx.campId, user.id);
        return { redirectTo: `/camp/${ctx.campId}/test` };
      },
    }),
    submit: intent({
      schema: z.object({ attemptId: z.string({ error: "camp.test.errors.notYours" }).min(1).max(40) }),
      target: ({ user }, input) => loadAttempt(user, input.attemptId),
      // The policy decides whose attempt it is and whether the camp runs; the deadline is checked by
      // submitAttempt under the attempt's row lock, so a late submission gets its message in Chinese.
      authorize: ({ user }, _input, attempt) => permit(user, "camp-attempt:take", { ...attempt, ended: false }),
      run: async ({ user, t }, input) => {
        try {
          await submitAttempt(input.attemptId, user.id);
        } catch (error) {
          if (!isUserError(error) || error.key !== "camp.test.errors.ended") throw error;
          // Past the deadline: the automatic submission takes the paper now, and the person is told.
          await closeOverdueAttempts(new Date(), [input.attemptId]);
          throw new UserError("camp.test.errors.endedAutoSubmitted");
        }
        return { notice: t("camp.test.take.submitted") };
      },
    }),
  }),
});
