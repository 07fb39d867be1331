import { intentAction } from "~/lib/actions.server.ts";
import { withGapsWritten } from "~/people/gaps.ts";
import { permit } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "./access.server.ts";
import { joinIntents } from "./join-intents.server.ts";
import { changeMemberRole, findMembership, inviteToStudio, removeMember } from "./membership.server.ts";
import { inviteSchema, removeMemberSchema, roleChangeSchema } from "./schemas.ts";

/**
 * The team page: answer applications, invite and withdraw invitations, change a member's role
 * (an ineligible backbone needs an override reason) and remove a member (asks first). Each intent
 * is authorised by its own rule alone, so a broken rule is not hidden behind another.
 */
export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  intents: (intent) => {
    /** A member named by the form, of this studio (404 otherwise). */
    const member = async ({ ctx }: { ctx: Awaited<ReturnType<typeof loadStudioAccess>> }, { membershipId }: { membershipId: string }) => {
      const membership = await findMembership(membershipId);
      if (!membership || membership.studioId !== ctx.studio.id) throw new Response("Not Found", { status: 404 });
      return membership;
    };
    return {
      ...joinIntents(intent),
      invite: intent({
        schema: inviteSchema,
        authorize: ({ user, ctx }) => permit(user, "studio:invite", ctx.resource),
        run: async ({ user, ctx, t }, { username, message }) => {
          await inviteToStudio(ctx.studio.id, username, message, user, await getSchoolSettings());
          return { notice: t("studios.team.invitedDone") };
        },
      }),
      role: intent({
        schema: roleChangeSchema,
        target: member,
        authorize: ({ user, ctx }) => permit(user, "studio:manage", ctx.resource),
        run: async ({ user, t, locale }, { role, overrideReason }, membership) => {
          await changeMemberRole(membership.id, role, overrideReason, user.id, await getSchoolSettings()).catch((error: unknown) => {
            throw withGapsWritten(error, t, locale);
          });
          return { notice: t("studios.team.roleChanged", { name: membership.user.name, role: t(`studioRole.${role}`) }) };
        },
      }),
      remove: intent({
        schema: removeMemberSchema,
        target: member,
        authorize: ({ user, ctx }) => permit(user, "studio:manage", ctx.resource),
        confirm: ({ t }, _input, membership) => ({ message: t("studios.team.confirmRemove", { name: membership.user.name }), confirmLabel: t("studios.team.remove") }),
        run: async ({ user, t }, _input, membership) => {
          await removeMember(membership.id, user.id, "removed");
          return { notice: t("studios.team.removed", { name: membership.user.name }) };
        },
      }),
    };
  },
});
