import { z } from "zod";
import { findResultAccess } from "~/camp/access.server.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { setRecommendationDismissed } from "./recommendations.server.ts";

const recommendationSchema = z.object({
  campId: z.string({ error: "camp.release.recommendation.notFound" }).min(1, "camp.release.recommendation.notFound").max(40, "camp.release.recommendation.notFound"),
  courseId: z.string({ error: "camp.release.recommendation.notFound" }).min(1, "camp.release.recommendation.notFound").max(40, "camp.release.recommendation.notFound"),
});

/** One's own results in the camp the form names (404 when one did not take part): the policy decides on it. */
const ownResult = async (user: { id: string }, campId: string) => {
  const resource = await findResultAccess(user, campId, user.id);
  if (!resource) throw new Response("Not Found", { status: 404 });
  return resource;
};

/**
 * 不感兴趣 / 恢复 on a course a camp recommended: posted from the training menu (/training) and from
 * one's results page, so both routes export this action. It always acts on the signed-in person's
 * own recommendation; "camp-recommendation:dismiss" lets only them, once the results are released.
 */
export const recommendationAction = intentAction({
  intents: (intent) => {
    /** 不感兴趣 (dismissed) or 恢复 (not): the same form, rule and service, each with its notice. */
    const setDismissed = (dismissed: boolean) =>
      intent({
        schema: recommendationSchema,
        target: ({ user }, { campId }) => ownResult(user, campId),
        authorize: ({ user }, _input, resource) => permit(user, "camp-recommendation:dismiss", resource),
        run: async ({ user, t }, { campId, courseId }) => {
          const { title } = await setRecommendationDismissed(campId, user.id, courseId, dismissed, user.id);
          return { notice: t(dismissed ? "camp.release.recommendation.dismissed" : "camp.release.recommendation.restored", { title }) };
        },
      });
    return { dismissRecommendation: setDismissed(true), restoreRecommendation: setDismissed(false) };
  },
});
