import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { withGapsWritten } from "~/people/gaps.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "./access.server.ts";
import { adminEditSchema, changeLeaderSchema, leaderEditSchema } from "./schemas.ts";
import { changeLeader, updateStudioDetails, updateStudioOfficial } from "./studios.server.ts";

/**
 * The studio's settings: the leader changes what the studio says about itself ("studio:manage");
 * what 学工部 approved — name, duty, level, budget, the leader — only 学工部 ("studio:administer").
 */
export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  intents: (intent) => ({
    details: intent({
      schema: leaderEditSchema,
      authorize: ({ user, ctx }) => permit(user, "studio:manage", ctx.resource),
      run: async ({ ctx, user, t }, input) => {
        await updateStudioDetails(ctx.studio.id, input, user.id);
        return { notice: t("studios.edit.savedDetails") };
      },
      keepForm: true,
    }),
    official: intent({
      schema: adminEditSchema,
      authorize: ({ user, ctx }) => permit(user, "studio:administer", ctx.resource),
      run: async (call, input) => {
        await updateStudioOfficial(call.ctx.studio.id, input, call.user.id);
        return { notice: call.t("studios.edit.savedOfficial") };
      },
      keepForm: true,
    }),
    leader: intent({
      schema: changeLeaderSchema,
      authorize: ({ user, ctx }) => permit(user, "studio:administer", ctx.resource),
      run: async (call, input) => {
        const settings = await getSchoolSettings();
        await changeLeader(call.ctx.studio.id, input, call.user.id, settings).catch((error: unknown) => {
          throw withGapsWritten(error, call.t, call.locale);
        });
        return { notice: call.t("studios.edit.leaderChanged") };
      },
    }),
  }),
});
