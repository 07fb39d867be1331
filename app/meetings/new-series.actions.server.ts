import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { meetingOrganiserResource } from "./access.server.ts";
import { accountsByUsername } from "./pages.server.ts";
import { seriesFormSchema } from "./series-form.ts";
import { createSeries } from "./series.server.ts";

/** Creates a series for an organiser the person may organise for, generates its first months, and opens it. */
export const action = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: seriesFormSchema,
      authorize: async ({ user }, input) => permit(user, "meeting-series:create", await meetingOrganiserResource(user, input)),
      run: async ({ user }, { months, people, ...input }) => {
        const named = await accountsByUsername(people);
        const series = await createSeries({ ...input, targets: [...input.targets, ...named.map((userId) => ({ kind: "PERSON" as const, userId }))] }, user.id, { months });
        return { redirectTo: `/meetings/series/${series.id}?created=1` };
      },
    }),
  }),
});
