import { intentAction } from "~/lib/actions.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { prisma } from "~/db/client.server.ts";
import { permit } from "~/policy/index.ts";
import { loadStudioAccess } from "./access.server.ts";
import { joinIntents } from "./join-intents.server.ts";
import { removeMember } from "./membership.server.ts";
import { leaveStudioSchema } from "./schemas.ts";

/** The studio page: answer an invitation, withdraw an application, or leave the studio (asks first). */
export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  intents: (intent) => ({
    ...joinIntents(intent),
    leave: intent({
      schema: leaveStudioSchema,
      authorize: ({ user, ctx }) => permit(user, "studio:leave", ctx.resource),
      confirm: ({ t, ctx }) => ({ message: t("studios.page.confirmLeave", { studio: ctx.studio.name }), confirmLabel: t("studios.page.leave") }),
      run: async (call) => {
        const { ctx, user, t } = call;
        const membership = await prisma.studioMembership.findUnique({ where: { studioId_userId: { studioId: ctx.studio.id, userId: user.id } } });
        if (!membership) throw new UserError("studios.errors.memberMissing");
        await removeMember(membership.id, user.id, "left");
        return { notice: t("studios.page.left") };
      },
    }),
  }),
});
