import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { createPlatform, removePlatform, updatePlan } from "../plans.server.ts";
import { updateTrainingSettings } from "../settings.server.ts";
import { platformById, renamePlatform } from "./admin.server.ts";
import { addPlatformSchema, planFormSchema, platformIdSchema, renamePlatformSchema, rulesFormSchema } from "./schemas.ts";

/** /training/settings: stage plans, national rules and platforms (学工部). */
export const settingsAction = intentAction({
  intents: (intent) => ({
    savePlan: intent({
      schema: planFormSchema,
      keepForm: true,
      authorize: ({ user }) => permit(user, "training:administer", null),
      run: async ({ user, t }, { stage, ...plan }) => {
        await updatePlan(stage, plan, user.id);
        return { notice: t("training.admin.plans.saved", { name: plan.name }) };
      },
    }),
    saveRules: intent({
      schema: rulesFormSchema,
      keepForm: true,
      authorize: ({ user }) => permit(user, "training:administer", null),
      run: async ({ user, t }, rules) => {
        await updateTrainingSettings(rules, user.id);
        return { notice: t("training.admin.rules.saved") };
      },
    }),
    addPlatform: intent({
      schema: addPlatformSchema,
      authorize: ({ user }) => permit(user, "training:administer", null),
      run: async ({ user, t, locale }, platform) => {
        await createPlatform(platform, user.id);
        return { notice: t("training.admin.platforms.added", { name: locale.startsWith("zh") ? platform.nameZh : platform.nameEn }) };
      },
    }),
    renamePlatform: intent({
      schema: renamePlatformSchema,
      keepForm: true,
      target: (_call, { platformId }) => platformById(platformId),
      authorize: ({ user }) => permit(user, "training:administer", null),
      run: async ({ user, t, locale }, { platformId, ...names }) => {
        await renamePlatform(platformId, names, user.id);
        return { notice: t("training.admin.platforms.renamed", { name: locale.startsWith("zh") ? names.nameZh : names.nameEn }) };
      },
    }),
    removePlatform: intent({
      schema: platformIdSchema,
      target: (_call, { platformId }) => platformById(platformId),
      authorize: ({ user }) => permit(user, "training:administer", null),
      confirm: ({ t, locale }, _input, platform) => ({
        message: t("training.admin.platforms.removeQuestion", { name: locale.startsWith("zh") ? platform.nameZh : platform.nameEn }),
        confirmLabel: t("training.admin.platforms.remove"),
      }),
      run: async ({ user, t, locale }, { platformId }, platform) => {
        await removePlatform(platformId, user.id);
        return { notice: t("training.admin.platforms.removed", { name: locale.startsWith("zh") ? platform.nameZh : platform.nameEn }) };
      },
    }),
  }),
});
