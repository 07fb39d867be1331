import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadStudioAccess } from "./access.server.ts";
import { deleteDirection, listDirections, saveDirection } from "./directions.server.ts";
import { createDirectionSchema, deleteDirectionSchema, updateDirectionSchema } from "./schemas.ts";

/** The studio's research directions: add, change, delete (the leader and 学工部, "studio:manage"). */
export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  intents: (intent) => ({
    create: intent({
      schema: createDirectionSchema,
      authorize: ({ user, ctx }) => permit(user, "studio:manage", ctx.resource),
      run: async (call, { intent: _intent, ...input }) => {
        await saveDirection(call.ctx.studio.id, undefined, input, call.user.id);
        return { notice: call.t("studios.directions.created") };
      },
    }),
    update: intent({
      schema: updateDirectionSchema,
      target: ({ ctx }, { directionId }) => directionOf(ctx.studio.id, directionId),
      authorize: ({ user, ctx }) => permit(user, "studio:manage", ctx.resource),
      run: async (call, { intent: _intent, directionId: _id, ...input }, direction) => {
        await saveDirection(call.ctx.studio.id, direction.id, input, call.user.id);
        return { notice: call.t("studios.directions.updated") };
      },
    }),
    delete: intent({
      schema: deleteDirectionSchema,
      target: ({ ctx }, { directionId }) => directionOf(ctx.studio.id, directionId),
      authorize: ({ user, ctx }) => permit(user, "studio:manage", ctx.resource),
      confirm: ({ t }, _input, direction) => ({
        message: t("studios.directions.confirmDelete", { name: direction.name }),
        confirmLabel: t("studios.directions.delete"),
      }),
      run: async ({ ctx, user, t }, _input, direction) => {
        await deleteDirection(ctx.studio.id, direction.id, user.id);
        return { notice: t("studios.directions.deleted") };
      },
    }),
  }),
});

/** One of this studio's directions (another studio's is as missing as none: 404). */
async function directionOf(studioId: string, directionId: string) {
  const direction = (await listDirections(studioId)).find((d) => d.id === directionId);
  if (!direction) throw new Response("Not Found", { status: 404 });
  return direction;
}
