import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadSessionAccess } from "./access.server.ts";
import { closeCheckIn, markAttendance, openCheckIn } from "./check-in.server.ts";

/** The organiser's check-in screen: open, close, mark someone present by hand. */
export const checkInScreenAction = intentAction({
  load: ({ params }, user) => loadSessionAccess(user, params.sessionId),
  intents: (intent) => ({
    open: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "training-course:manage", ctx.resource),
      run: async ({ user, ctx, t }) => {
        await openCheckIn(ctx.sessionId, user.id);
        return { notice: t("training.checkin.opened") };
      },
    }),
    close: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "training-course:manage", ctx.resource),
      run: async ({ user, ctx, t }) => {
        await closeCheckIn(ctx.sessionId, user.id);
        return { notice: t("training.checkin.closed") };
      },
    }),
    mark: intent({
      schema: z.object({ userId: z.string({ error: "training.errors.badChoice" }).min(1, "training.errors.badChoice"), name: z.string().max(100).optional().default("") }),
      authorize: ({ user, ctx }) => permit(user, "training-course:manage", ctx.resource),
      // Attendance credits hours to the append-only ledger: only 学工部 can take it back.
      confirm: ({ t }, { name }) => ({ message: t("training.checkin.markQuestion", { name }), confirmLabel: t("training.checkin.mark") }),
      run: async ({ user, ctx, t }, { userId, name }) => {
        const { marked } = await markAttendance(ctx.sessionId, [userId], user.id);
        return { notice: marked ? t("training.checkin.marked", { name }) : t("training.checkin.alreadyMarked", { name }) };
      },
    }),
  }),
});
