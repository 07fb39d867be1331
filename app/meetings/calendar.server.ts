import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import type { FeedEvent } from "~/training/calendar.server.ts";
import { meetingsMessages } from "./messages.ts";

/**
 * What meetings add to the personal calendar feed (decision 058): the meetings a person is invited
 * to (not cancelled; the last year and everything ahead) and the due days of the open action items
 * they own. The feed's text is Chinese, like the training events beside it.
 */
const zh = (key: keyof typeof meetingsMessages.live.calendar, params: Record<string, string>) =>
  meetingsMessages.live.calendar[key][0].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? "");

export async function meetingCalendarEvents(owner: Actor, origin: string, now = new Date(), db: Db = prisma): Promise<FeedEvent[]> {
  const since = new Date(now.getTime() - 366 * 86_400_000);
  const [meetings, actions] = await Promise.all([
    db.meeting.findMany({
      where: { AND: [whereCan(owner, "meeting:view"), { invitations: { some: { userId: owner.id } }, status: { not: "CANCELLED" }, endsAt: { gte: since } }] },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, startsAt: true, endsAt: true, place: true, series: { select: { title: true } } },
    }),
    db.actionItem.findMany({
      where: { AND: [whereCan(owner, "action-item:view"), { ownerId: owner.id, status: { in: ["OPEN", "IN_PROGRESS"] } }] },
      orderBy: [{ dueOn: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, title: true, dueOn: true, series: { select: { title: true } } },
    }),
  ]);
  return [
    ...meetings.map((m) => ({
      id: `meeting-${m.id}@fudao-studio`,
      start: m.startsAt,
      end: m.endsAt,
      summary: zh("meeting", { series: m.series.title }),
      location: m.place,
      url: `${origin}/meetings/${m.id}`,
      description: `${origin}/meetings/${m.id}`,
    })),
    ...actions.map((a) => ({
      id: `action-item-${a.id}@fudao-studio`,
      start: a.dueOn,
      end: new Date(a.dueOn.getTime() + 86_400_000),
      allDay: true,
      summary: zh("actionDue", { title: a.title }),
      url: `${origin}/meetings/actions`,
      description: `${a.series.title}\n${origin}/meetings/actions`,
    })),
  ];
}
