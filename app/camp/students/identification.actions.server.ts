import { z } from "zod";
import { findAttemptAccess } from "~/camp/access.server.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { identificationRound, saveItem, startIdentification, submitIdentification } from "./round.server.ts";
import { emptySchema, saveItemSchema } from "./schemas.ts";

/**
 * /camp/:campId/identification: start (once), save one photo's answers, submit. Saving and
 * submitting are the taker's alone while the attempt runs ("camp-attempt:take"); the services
 * check the deadline again in the statement that writes, so an answer one moment late is refused.
 */

const attemptField = z.object({ attemptId: z.string().min(1).max(60) });

async function loadRound(campId: string | undefined, user: { id: string }) {
  const camp = await loadCampAccess(user, campId);
  const round = await identificationRound(camp.campId);
  if (!round) throw new Response("Not Found", { status: 404 });
  return { camp, round };
}

async function attemptOf(user: { id: string }, campId: string, attemptId: string) {
  const attempt = await findAttemptAccess(user, attemptId);
  if (!attempt || attempt.camp.campId !== campId) throw new Response("Not Found", { status: 404 });
  return attempt;
}

export const identificationAction = intentAction({
  load: ({ params }, user) => loadRound(params.campId, user),
  intents: (intent) => ({
    start: intent({
      schema: emptySchema,
      authorize: ({ user, ctx }) => permit(user, "camp:view", ctx.camp),
      run: async ({ user, ctx }) => {
        await startIdentification(ctx.round, user.id);
      },
    }),
    save: intent({
      schema: saveItemSchema.extend(attemptField.shape),
      target: ({ user, ctx }, input) => attemptOf(user, ctx.camp.campId, input.attemptId),
      authorize: ({ user }, _input, attempt) => permit(user, "camp-attempt:take", attempt),
      run: async ({ user }, input) => {
        await saveItem(input.attemptId, input, user.id);
        return { data: { position: input.position } };
      },
      keepForm: true,
    }),
    submit: intent({
      schema: attemptField,
      target: ({ user, ctx }, input) => attemptOf(user, ctx.camp.campId, input.attemptId),
      authorize: ({ user }, _input, attempt) => permit(user, "camp-attempt:take", attempt),
      confirm: ({ t }) => ({ message: t("camp.students.round.submitQuestion"), confirmLabel: t("camp.students.round.submit") }),
      run: async ({ user }, input) => {
        await submitIdentification(input.attemptId, { userId: user.id });
      },
    }),
  }),
});
