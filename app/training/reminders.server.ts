import { prisma, type Db } from "~/db/client.server.ts";
import { recurringPass } from "~/infra/background-task.ts";
import { formatDateTime } from "~/lib/format.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { whoMay } from "~/policy/index.ts";

/**
 * Reminders before a session (开课提醒): an in-app notification to everyone enrolled (not
 * waitlisted) in a published course, once, when the session is less than a day away. A session
 * is claimed by setting `reminderSentAt` in the same transaction as its notifications, so two
 * servers, or a restart, never remind twice, and a session added late (already inside the day)
 * is reminded at the next pass. The waitlist promotion notice is sent by enrolment itself.
 */

export const REMINDER_LEAD_MS = 24 * 3_600_000;
const PASS_EVERY_MS = 60_000;
const BATCH = 200;

/** One pass: reminds of the sessions starting within the lead time; returns how many people were told. */
export async function sendSessionReminders(now = new Date(), db: typeof prisma = prisma): Promise<number> {
  const { count, deliver } = await db.$transaction(async (tx) => {
    // SKIP LOCKED: a second server running the same pass takes other sessions, or none.
    const due = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT s."id" FROM "TrainingSession" s JOIN "TrainingCourse" c ON c."id" = s."courseId"
      WHERE s."reminderSentAt" IS NULL AND c."status" = 'PUBLISHED'
        AND s."startsAt" > ${now} AND s."startsAt" <= ${new Date(now.getTime() + REMINDER_LEAD_MS)}
      ORDER BY s."startsAt", s."id" LIMIT ${BATCH} FOR UPDATE OF s SKIP LOCKED`;
    if (!due.length) return { count: 0, deliver: () => {} };
    const ids = due.map((row) => row.id);
    await tx.trainingSession.updateMany({ where: { id: { in: ids } }, data: { reminderSentAt: now } });
    const sessions = await tx.trainingSession.findMany({
      where: { id: { in: ids } },
      orderBy: { startsAt: "asc" },
      select: {
        startsAt: true,
        place: true,
        onlineUrl: true,
        course: {
          select: {
            id: true,
            title: true,
            // Only people who take training are reminded (an account whose role changed keeps its enrolment row).
            enrolments: { where: { status: "ENROLLED", user: { active: true, ...whoMay("training:view-menu") } }, select: { userId: true }, orderBy: { userId: "asc" } },
          },
        },
      },
    });
    const items = sessions.flatMap((session) =>
      session.course.enrolments.map((enrolment) => ({
        userId: enrolment.userId,
        type: "training.reminders.sessionSoon",
        data: { course: session.course.title, time: formatDateTime(session.startsAt, "zh-CN"), place: session.place || session.onlineUrl || "—" },
        link: `/training/courses/${session.course.id}`,
      })),
    );
    return { count: items.length, deliver: await createNotifications(tx, items) };
  });
  deliver();
  return count;
}

/** On the job queue (decision 113): once a minute across all instances; the claim above keeps each reminder once even if a pass is retried. */
export const sessionRemindersPass = recurringPass({
  name: "training-reminders",
  everyMs: PASS_EVERY_MS,
  expireInSeconds: 300,
  pass: sendSessionReminders,
  done: (told) => `已提醒 ${told} 人即将开始的培训场次。`,
  failed: (error) => `发送培训开课提醒失败：${error}`,
});
