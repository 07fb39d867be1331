import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { setBudget } from "../organisers.server.ts";
import { organiserOfBudgetKey } from "./admin.server.ts";
import { budgetFormSchema } from "./schemas.ts";
import { budgetOwnerName } from "./labels.ts";

/** /training/settings/budgets: one organiser's yearly 专项经费 (学工部). */
export const budgetsAction = intentAction({
  intents: (intent) => ({
    save: intent({
      schema: budgetFormSchema,
      keepForm: true,
      authorize: ({ user }) => permit(user, "training:administer", null),
      run: async ({ user, t }, { ownerKey, ...budget }) => {
        const { organiser, name } = await organiserOfBudgetKey(ownerKey);
        await setBudget(organiser, budget, user.id);
        const kind = organiser.level === "SCHOOL" ? "school" : organiser.collegeId ? "college" : "group";
        return { notice: t("training.admin.budgets.saved", { owner: budgetOwnerName(t, { kind, name }), year: budget.year }) };
      },
    }),
  }),
});
