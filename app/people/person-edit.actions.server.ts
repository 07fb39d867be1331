import { resetPassword } from "~/auth/passwords.server.ts";
import { resetPasswordSchema } from "~/auth/password-schemas.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { addHonour, loadPerson, removeHonour, updateAccount, updatePersonalProfile, updateRecord, type PersonRecord } from "./profile.server.ts";
import { accountSchema, honourSchema, personalProfileSchema, recordSchema, removeHonourSchema } from "./schemas.ts";

/**
 * The edit page of a profile: the person's own part, the official record and honours (the college or
 * 学工部), the account (学工部) and password resets. Each intent is authorised by its own rule alone;
 * each of those rules implies "person:edit-profile", which the page's loader asks for.
 */
export const action = intentAction({
  load: ({ params }) => loadPerson(params.userId),
  intents: (intent) => ({
    personal: intent({
      schema: personalProfileSchema,
      keepForm: true,
      authorize: ({ user, ctx }) => permit(user, "person:edit-profile", ctx.resource),
      run: async ({ user, ctx, t }, input) => {
        await updatePersonalProfile(ctx.person.id, input, user.id);
        return { notice: t("people.edit.savedPersonal") };
      },
    }),
    record: intent({
      schema: recordSchema,
      keepForm: true,
      authorize: ({ user, ctx }) => permit(user, "person:edit-record", ctx.resource),
      run: async ({ user, ctx, t }, input) => {
        await updateRecord(ctx.person.id, input, user.id);
        return { notice: t("people.edit.savedRecord") };
      },
    }),
    "add-honour": intent({
      schema: honourSchema,
      authorize: ({ user, ctx }) => permit(user, "person:edit-record", ctx.resource),
      run: async ({ user, ctx, t }, { name, level, year }) => {
        await addHonour(ctx.person.id, { name, level, year }, user.id);
        return { notice: t("people.edit.savedHonour") };
      },
    }),
    "remove-honour": intent({
      schema: removeHonourSchema,
      target: ({ ctx }, { honourId }) => honourOf(ctx.person, honourId),
      authorize: ({ user, ctx }) => permit(user, "person:edit-record", ctx.resource),
      confirm: ({ t }, _input, honour) => ({ message: t("people.edit.confirmRemoveHonour", { name: honour.name }), confirmLabel: t("people.edit.removeHonour") }),
      run: async ({ user, ctx, t }, _input, honour) => {
        await removeHonour(ctx.person.id, honour.id, user.id);
        return { notice: t("people.edit.removedHonour") };
      },
    }),
    account: intent({
      schema: accountSchema,
      keepForm: true,
      authorize: ({ user, ctx }) => permit(user, "person:manage-account", ctx.resource),
      run: async ({ user, ctx, t }, { roles, collegeId, active }) => {
        await updateAccount(ctx.person.id, { roles, collegeId: collegeId || null, active }, user.id);
        return { notice: t("people.edit.savedAccount") };
      },
    }),
    "reset-password": intent({
      schema: resetPasswordSchema,
      authorize: ({ user, ctx }) => permit(user, "person:reset-password", ctx.account),
      confirm: ({ t, ctx }, { mode }) =>
        mode === "temporary"
          ? { message: t("account.reset.confirmTemporary", { name: ctx.person.name }), confirmLabel: t("account.reset.temporary") }
          : { message: t("account.reset.confirmRequireChange", { name: ctx.person.name }), confirmLabel: t("account.reset.requireChange") },
      run: async ({ user, ctx, t }, { mode }) => {
        const { person } = ctx;
        const { temporaryPassword } = await resetPassword({ actorId: user.id, userId: person.id, mode });
        // Shown this once: only its hash is kept.
        if (temporaryPassword) return { notice: t("account.reset.temporaryDone", { name: person.name, username: person.username }), data: { temporaryPassword } };
        return { notice: t("account.reset.requireChangeDone", { name: person.name }) };
      },
    }),
  }),
});

function honourOf(person: PersonRecord, honourId: string) {
  const honour = person.profile?.honours.find((h) => h.id === honourId);
  if (!honour) throw new Response("Not Found", { status: 404 });
  return honour;
}
