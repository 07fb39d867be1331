import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadMeetingAccess } from "./access.server.ts";
import { confirmMinutes, setNoteTaker } from "./minutes.server.ts";

/** The minutes page: choosing note-takers, and confirming (签发) the minutes of a closed meeting. */
export const minutesAction = intentAction({
  load: ({ params }, user) => loadMeetingAccess(user, params.meetingId),
  intents: (intent) => ({
    noteTaker: intent({
      schema: z.object({
        userId: z.string({ error: "meetings.errors.badChoice" }).min(1, "meetings.errors.badChoice"),
        noteTaker: z.enum(["yes", "no"], { error: "meetings.errors.badChoice" }),
        name: z.string().max(100).optional().default(""),
      }),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      run: async ({ user, ctx, t }, { userId, noteTaker, name }) => {
        await setNoteTaker(ctx.meeting.id, userId, noteTaker === "yes", user.id);
        return { notice: noteTaker === "yes" ? t("meetings.live.minutes.noteTakerSet", { name }) : t("meetings.live.minutes.noteTakerRemoved", { name }) };
      },
    }),
    confirm: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      confirm: ({ t }) => ({ message: t("meetings.live.minutes.confirmQuestion"), confirmLabel: t("meetings.live.minutes.confirm") }),
      run: async ({ user, ctx, t }) => {
        await confirmMinutes(ctx.meeting.id, user);
        return { notice: t("meetings.live.minutes.confirmedNotice") };
      },
    }),
  }),
});
