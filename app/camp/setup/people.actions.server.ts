import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCampAccess } from "../access.server.ts";
import { addJudge, addPerson, personName, removeJudge, removePerson, saveTargets } from "./people.server.ts";
import { personSchema, targetsSchema, userIdSchema } from "./schemas.ts";

/** /camp/:campId/people: targets, named participants and judges, for the organisers (the service refuses what the camp's state no longer allows). */
export const peopleAction = intentAction({
  load: ({ params }, user) => loadCampAccess(user, params.campId),
  intents: (intent) => ({
    saveTargets: intent({
      schema: targetsSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      keepForm: true,
      run: async ({ user, ctx, t }, input) => {
        await saveTargets(ctx.campId, input, user.id);
        return { notice: t("camp.setup.people.targetsSaved") };
      },
    }),
    addPerson: intent({
      schema: personSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      run: async ({ user, ctx, t }, input) => {
        const { name } = await addPerson(ctx.campId, input.username, user.id);
        return { notice: t("camp.setup.people.personAdded", { name }) };
      },
    }),
    removePerson: intent({
      schema: userIdSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      confirm: async ({ t }, input) => ({ message: t("camp.setup.people.removePersonConfirm", { name: await personName(input.userId) }), confirmLabel: t("camp.setup.people.remove") }),
      run: async ({ user, ctx, t }, input) => {
        await removePerson(ctx.campId, input.userId, user.id);
        return { notice: t("camp.setup.people.removed") };
      },
    }),
    addJudge: intent({
      schema: personSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      run: async ({ user, ctx, t }, input) => {
        const { name } = await addJudge(ctx.campId, input.username, user.id);
        return { notice: t("camp.setup.people.judgeAdded", { name }) };
      },
    }),
    removeJudge: intent({
      schema: userIdSchema,
      authorize: ({ user, ctx }) => permit(user, "camp:manage", ctx),
      confirm: async ({ t }, input) => ({ message: t("camp.setup.people.removeJudgeConfirm", { name: await personName(input.userId) }), confirmLabel: t("camp.setup.people.remove") }),
      run: async ({ user, ctx, t }, input) => {
        await removeJudge(ctx.campId, input.userId, user.id);
        return { notice: t("camp.setup.people.removed") };
      },
    }),
  }),
});
