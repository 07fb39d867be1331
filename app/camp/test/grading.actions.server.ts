import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { shortAnswerGradeSchema } from "./schemas.ts";
import { findShortAnswerAccess, gradeShortAnswer } from "./short-answers.server.ts";

/** /camp/grading: a judge grades one short answer assigned to them (again, to correct it). */
export const gradingAction = intentAction({
  intents: (intent) => ({
    grade: intent({
      schema: shortAnswerGradeSchema,
      target: async ({ user }, input) => {
        const answer = await findShortAnswerAccess(user, input.attemptId, input.position);
        if (!answer) throw new Response("Not Found", { status: 404 });
        return answer;
      },
      authorize: ({ user }, _input, answer) => permit(user, "camp-short-answer:grade", answer),
      keepForm: true,
      run: async ({ user, t }, input) => {
        await gradeShortAnswer(input, user.id);
        return { notice: t("camp.test.grading.saved") };
      },
    }),
  }),
});
