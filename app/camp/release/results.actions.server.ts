import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { computeForCheck, releaseResults } from "./release.server.ts";

/** The release page's intents: compute (to check), then release (asks first; SCORING → RELEASED). */
export const resultsAction = intentAction({
  load: async ({ params }, user) => ({ resource: await loadCampAccess(user, params.campId) }),
  intents: (intent) => ({
    compute: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "camp:release", ctx.resource),
      run: async ({ user, ctx, t }) => ({ notice: t("camp.release.release.computed", { ...(await computeForCheck(ctx.resource.campId, user.id)) }) }),
    }),
    release: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "camp:release", ctx.resource),
      confirm: ({ t }) => ({ message: t("camp.release.release.confirm"), confirmLabel: t("camp.release.release.release") }),
      run: async ({ user, ctx, t }) => {
        const summary = await releaseResults(ctx.resource.campId, user.id);
        return { notice: t("camp.release.release.released", { participants: summary.participants }) };
      },
    }),
  }),
});
