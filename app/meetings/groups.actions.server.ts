import { z } from "zod";
import { prisma } from "~/db/client.server.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadMeetingAccess } from "./access.server.ts";
import { setGroupReporter } from "./groups.server.ts";
import { splitIntoGroups } from "./meetings.server.ts";
import { groupsSchema } from "./schemas.ts";

/** 分组研讨 (the groups panel posts here wherever it is mounted): split the participants, pick a reporter. */
export const groupsAction = intentAction({
  load: ({ params }, user) => loadMeetingAccess(user, params.meetingId),
  intents: (intent) => ({
    split: intent({
      schema: groupsSchema,
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      // Splitting again replaces the groups and their reporters: ask first when there are some.
      confirm: async ({ t, ctx }) => ((await prisma.discussionGroup.count({ where: { meetingId: ctx.meeting.id } })) ? { message: t("meetings.live.groups.splitQuestion"), confirmLabel: t("meetings.live.groups.split") } : null),
      run: async ({ user, ctx, t }, input) => {
        await splitIntoGroups(ctx.meeting.id, input, user.id);
        const count = await prisma.discussionGroup.count({ where: { meetingId: ctx.meeting.id } });
        return { notice: t("meetings.live.groups.splitDone", { count }) };
      },
    }),
    reporter: intent({
      schema: z.object({
        groupId: z.string({ error: "meetings.errors.badChoice" }).min(1, "meetings.errors.badChoice"),
        userId: z.string({ error: "meetings.errors.badChoice" }).min(1, "meetings.errors.badChoice"),
        name: z.string().max(100).optional().default(""),
        group: z.string().max(40).optional().default(""),
      }),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      run: async ({ user, ctx, t }, { groupId, userId, name, group }) => {
        await setGroupReporter(ctx.meeting.id, groupId, userId, user.id);
        return { notice: t("meetings.live.groups.reporterSet", { name, group }) };
      },
    }),
  }),
});
