import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadSeriesAccess } from "./access.server.ts";
import { accountsByUsername } from "./pages.server.ts";
import { seriesEditFormSchema } from "./series-form.ts";
import { updateSeries } from "./series.server.ts";

/** Changes a series (its organisers); back on its page with how many untouched meetings followed. */
export const action = intentAction({
  load: ({ params }, user) => loadSeriesAccess(user, params.seriesId),
  intents: (intent) => ({
    update: intent({
      schema: seriesEditFormSchema,
      authorize: ({ user, ctx }) => permit(user, "meeting-series:manage", ctx.resource),
      run: async ({ user, ctx }, { people, ...input }) => {
        const named = await accountsByUsername(people);
        const replanned = await updateSeries(ctx.series.id, { ...input, targets: [...input.targets, ...named.map((userId) => ({ kind: "PERSON" as const, userId }))] }, user.id);
        return { redirectTo: `/meetings/series/${ctx.series.id}?updated=${replanned}` };
      },
    }),
  }),
});
