import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { calendarFeedPath, resetCalendarFeed } from "./calendar.server.ts";

/** /training/calendar: make the private feed link, or reset it (asks first: the old link stops working). */
export const calendarFeedAction = intentAction({
  intents: (intent) => ({
    create: intent({
      schema: z.object({}),
      authorize: ({ user }) => permit(user, "training:calendar-feed", null),
      run: async ({ user, request }) => {
        const token = await resetCalendarFeed(user.id, user.id);
        return { data: { url: `${new URL(request.url).origin}${calendarFeedPath(token)}` } };
      },
    }),
    reset: intent({
      schema: z.object({}),
      authorize: ({ user }) => permit(user, "training:calendar-feed", null),
      confirm: ({ t }) => ({ message: t("training.calendar.resetConfirm"), confirmLabel: t("training.calendar.reset") }),
      run: async ({ user, request }) => {
        const token = await resetCalendarFeed(user.id, user.id);
        return { data: { url: `${new URL(request.url).origin}${calendarFeedPath(token)}` } };
      },
    }),
  }),
});
