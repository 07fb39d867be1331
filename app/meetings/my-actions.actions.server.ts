import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadActionItemAccess } from "./access.server.ts";
import { updateActionItem } from "./action-items.server.ts";
import { actionUpdateSchema } from "./schemas.ts";

/** 我的督办事项: the owner (or an organiser of its series) records a new status and a note. */
export const myActionsAction = intentAction({
  intents: (intent) => ({
    update: intent({
      schema: actionUpdateSchema.extend({ actionItemId: z.string({ error: "meetings.errors.badChoice" }).min(1, "meetings.errors.badChoice") }),
      target: ({ user }, { actionItemId }) => loadActionItemAccess(user, actionItemId),
      authorize: ({ user }, _input, item) => permit(user, "action-item:update", item.resource),
      run: async ({ user, t }, { status, note }, item) => {
        await updateActionItem(item.actionItem.id, { status, note }, user.id);
        return { notice: t("meetings.live.actions.updated", { title: item.actionItem.title }) };
      },
    }),
  }),
});
