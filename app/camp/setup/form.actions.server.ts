import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCampAccess } from "../access.server.ts";
import { createCamp, updateCamp } from "./camps.server.ts";
import { campSchema } from "./schemas.ts";

/** /camp/new: 学工部 creates a camp (a draft) and goes to its page. */
export const newCampAction = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: campSchema,
      authorize: ({ user }) => permit(user, "camp:create", null),
      run: async ({ user }, input) => {
        const camp = await createCamp(input, user.id);
        return { redirectTo: `/camp/${camp.id}` };
      },
    }),
  }),
});

/** /camp/:campId/edit: the organisers change the set-up (the service refuses what the camp's state no longer allows). */
export const editCampAction = intentAction({
  load: ({ params }, user) => loadCampAccess(user, params.campId),
  intents: (intent) => ({
    update: intent({
      schema: campSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      keepForm: true,
      run: async ({ user, ctx, t }, input) => {
        await updateCamp(ctx.campId, input, user.id);
        return { notice: t("camp.setup.form.saved") };
      },
    }),
  }),
});
