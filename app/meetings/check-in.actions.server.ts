import { z } from "zod";
import { intentAction } from "~/lib/actions.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import { prisma } from "~/db/client.server.ts";
import { permit } from "~/policy/index.ts";
import { checkIn, sessionOfCheckIn } from "~/training/check-in.server.ts";
import { checkInSchema } from "~/training/schemas.ts";
import { loadMeetingAccess } from "./access.server.ts";
import { checkInToMeeting, closeMeetingCheckIn, markMeetingAttendance, openMeetingCheckIn } from "./attendance.server.ts";

/** The organiser's check-in screen of a meeting: open, close, mark an invitee present by hand. */
export const meetingCheckInScreenAction = intentAction({
  load: ({ params }, user) => loadMeetingAccess(user, params.meetingId),
  intents: (intent) => ({
    open: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      run: async ({ user, ctx, t }) => {
        await openMeetingCheckIn(ctx.meeting.id, user.id);
        return { notice: t("training.checkin.opened") };
      },
    }),
    close: intent({
      schema: z.object({}),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      run: async ({ user, ctx, t }) => {
        await closeMeetingCheckIn(ctx.meeting.id, user.id);
        return { notice: t("training.checkin.closed") };
      },
    }),
    mark: intent({
      schema: z.object({ userId: z.string({ error: "meetings.errors.badChoice" }).min(1, "meetings.errors.badChoice"), name: z.string().max(100).optional().default("") }),
      authorize: ({ user, ctx }) => permit(user, "meeting:manage", ctx.resource),
      // Attendance credits hours to the append-only ledger: ask first.
      confirm: ({ t }, { name }) => ({ message: t("training.checkin.markQuestion", { name }), confirmLabel: t("training.checkin.mark") }),
      run: async ({ user, ctx, t }, { userId, name }) => {
        const { marked } = await markMeetingAttendance(ctx.meeting.id, [userId], user.id);
        return { notice: marked ? t("meetings.live.checkIn.marked", { name }) : t("meetings.live.checkIn.alreadyMarked", { name }) };
      },
    }),
  }),
});

/**
 * The phone check-in page (/training/check-in) for training sessions and meetings alike: the typed
 * code names its session or meeting, the QR payload carries it. A meeting's check-in goes to the
 * meeting service, which says in Chinese why it is refused (not invited, closed, expired, wrong);
 * everything else to the training one, as before.
 */
export const phoneCheckInAction = intentAction({
  intents: (intent) => ({
    checkIn: intent({
      schema: checkInSchema,
      target: async (_call, input) => {
        const id = sessionOfCheckIn(input);
        return id ? prisma.meeting.findUnique({ where: { id }, select: { id: true } }) : null;
      },
      authorize: ({ user }, _input, meeting) => (meeting ? permit(user, "meetings:use", null) : permit(user, "training:view-menu", null)),
      run: async ({ user, t, locale }, input, meeting) => {
        if (meeting) {
          const result = await checkInToMeeting(user, "payload" in input ? { payload: input.payload } : { meetingId: meeting.id, code: input.code });
          return { notice: t(result.notice, { time: formatDateTime(result.at, locale) }) };
        }
        const result = await checkIn(user, input);
        return { notice: t(result.notice, { time: formatDateTime(result.at, locale) }) };
      },
    }),
  }),
});
