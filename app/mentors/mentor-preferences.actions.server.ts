import type { SessionUser } from "~/auth/session.server.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { addPreference, findPreference, movePreference, removePreference, setTargets } from "./preferences.server.ts";
import { addPreferenceSchema, preferenceIntent, targetsSchema } from "./schemas.ts";

/** The studio an action of its preferences page is about: 404 when missing or archived. */
export async function loadPreferencesStudio(user: Pick<SessionUser, "id">, studioId: string | undefined) {
  const access = await loadStudioAccess(user, studioId);
  if (access.studio.archivedAt) throw new Response("Not Found", { status: 404 });
  return access;
}

/** A studio's preferred mentors (add, reorder, remove — which asks first) and its directions' mentor targets. */
export const action = intentAction({
  load: ({ params }, user) => loadPreferencesStudio(user, params.studioId),
  intents: (intent) => {
    const preference = async ({ ctx }: { ctx: Awaited<ReturnType<typeof loadPreferencesStudio>> }, { preferenceId }: { preferenceId: string }) =>
      (await findPreference(ctx.studio.id, preferenceId)) ?? notFound();
    const move = (step: -1 | 1) =>
      intent({
        schema: preferenceIntent(step < 0 ? "up" : "down"),
        target: preference,
        authorize: ({ user, ctx }) => permit(user, "matching:state-preferences", ctx.resource),
        run: async ({ user, t, ctx }, _input, row) => {
          await movePreference(user.id, ctx.studio.id, row.id, step);
          return { notice: t("mentors.preferences.moved") };
        },
      });
    return {
      add: intent({
        schema: addPreferenceSchema,
        authorize: ({ user, ctx }) => permit(user, "matching:state-preferences", ctx.resource),
        run: async ({ user, t, ctx }, { mentorId }) => {
          await addPreference(user.id, ctx.studio.id, mentorId);
          return { notice: t("mentors.preferences.added") };
        },
      }),
      up: move(-1),
      down: move(1),
      remove: intent({
        schema: preferenceIntent("remove"),
        target: preference,
        authorize: ({ user, ctx }) => permit(user, "matching:state-preferences", ctx.resource),
        confirm: ({ t }, _input, row) => ({ message: t("mentors.preferences.removeConfirm", { name: row.name }), confirmLabel: t("mentors.preferences.removeConfirmButton") }),
        run: async ({ user, t, ctx }, _input, row) => {
          await removePreference(user.id, ctx.studio.id, row.id);
          return { notice: t("mentors.preferences.removed") };
        },
      }),
      targets: intent({
        schema: targetsSchema,
        authorize: ({ user, ctx }) => permit(user, "matching:state-preferences", ctx.resource),
        keepForm: true,
        run: async ({ user, t, ctx }, { directionId, internal, external }) => {
          await setTargets(user.id, ctx.studio.id, directionId, internal, external);
          return { notice: t("mentors.preferences.targetsSaved") };
        },
      }),
    };
  },
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
