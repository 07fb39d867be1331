import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { createQuota } from "./quotas.server.ts";
import { quotaSchema } from "./schemas.ts";

/** Creates a quota and ranks its candidates, then opens its page. */
export const action = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: quotaSchema,
      authorize: ({ user }) => permit(user, "quota:manage", null),
      run: async ({ user }, input) => {
        const quota = await createQuota(input, user.id);
        return { redirectTo: `/quotas/${quota.id}?created=1` };
      },
    }),
  }),
});
