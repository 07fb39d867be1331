import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { createQuestion, editQuestion, getQuestion, setRetired } from "./bank.server.ts";
import { questionFormSchema } from "./schemas.ts";

/**
 * The bank's changes (decision 084), each for 学工部 alone (`camp-bank:manage`): a new question, a
 * new version of one, retiring and restoring. After a save the person lands on the question's page.
 */

const manage = ({ user }: { user: Parameters<typeof permit>[0] }) => permit(user, "camp-bank:manage", null);

/** The question's id from the address; the question itself is loaded after the permission check. */
const questionIdOf = async ({ params }: { params: { questionId?: string } }) => String(params.questionId ?? "");

async function questionOf(questionId: string) {
  const question = await getQuestion(questionId);
  if (!question) throw new Response("Not Found", { status: 404 });
  return question;
}

export const newQuestionAction = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: questionFormSchema,
      authorize: manage,
      run: async ({ user }, input) => {
        const id = await createQuestion(input, user.id);
        return { redirectTo: `/camp/bank/${id}?saved=new` };
      },
    }),
  }),
});

export const editQuestionAction = intentAction({
  load: questionIdOf,
  intents: (intent) => ({
    save: intent({
      schema: questionFormSchema,
      authorize: manage,
      keepForm: true,
      run: async ({ user, ctx: id }, input) => {
        const { number } = await editQuestion(id, input, user.id);
        return { redirectTo: `/camp/bank/${id}?saved=${number ?? "category"}` };
      },
    }),
  }),
});

const noInput = z.object({});

export const questionPageAction = intentAction({
  load: questionIdOf,
  intents: (intent) => ({
    retire: intent({
      schema: noInput,
      authorize: manage,
      target: ({ ctx }) => questionOf(ctx),
      confirm: ({ t }) => ({ message: t("camp.bank.question.retireQuestion"), confirmLabel: t("camp.bank.question.retire") }),
      run: async ({ user, t }, _input, question) => {
        await setRetired(question.id, true, user.id);
        return { notice: t("camp.bank.question.retiredNotice") };
      },
    }),
    restore: intent({
      schema: noInput,
      authorize: manage,
      target: ({ ctx }) => questionOf(ctx),
      run: async ({ user, t }, _input, question) => {
        await setRetired(question.id, false, user.id);
        return { notice: t("camp.bank.question.restoredNotice") };
      },
    }),
  }),
});
