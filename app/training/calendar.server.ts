import crypto from "node:crypto";
import ical from "ical-generator";
import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import { whereCan, type Actor } from "~/policy/index.ts";

/**
 * The personal calendar feed (decision 058): an .ics of the sessions a person is enrolled in, at a
 * private URL that phone and desktop calendars subscribe to (they cannot sign in, so the link is
 * the key). Only the token's SHA-256 is kept: the link is shown once, when it is made or reset,
 * and resetting makes the old one answer 404.
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export const calendarFeedPath = (token: string) => `/training/calendar/${token}.ics`;

/** Whether the person has a feed link at all (the page offers "make" or "reset"). */
export async function calendarFeedState(userId: string, db: Db = prisma) {
  const feed = await db.trainingCalendarFeed.findUnique({ where: { userId }, select: { createdAt: true } });
  return feed ? { createdAt: feed.createdAt } : null;
}

/** Makes the person's feed link, or replaces it (the old link stops working at once). Returns the new token, shown once. */
export async function resetCalendarFeed(userId: string, actorId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await prisma.$transaction(async (tx) => {
    const before = await tx.trainingCalendarFeed.findUnique({ where: { userId }, select: { userId: true } });
    await tx.trainingCalendarFeed.upsert({
      where: { userId },
      create: { userId, tokenHash: hashToken(token) },
      update: { tokenHash: hashToken(token), createdAt: new Date() },
    });
    await recordAudit(tx, { actorId, action: before ? "training.calendar-reset" : "training.calendar-create", entityType: "TrainingCalendarFeed", entityId: userId });
  });
  return token;
}

/** The person a feed token belongs to, as an actor for the policy; null for an unknown token or a disabled account. */
export async function calendarFeedOwner(token: string, db: Db = prisma): Promise<Actor | null> {
  if (!TOKEN.test(token)) return null;
  const feed = await db.trainingCalendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { user: { select: { id: true, roles: true, collegeId: true, active: true } } },
  });
  if (!feed?.user.active) return null;
  return { id: feed.user.id, roles: feed.user.roles, collegeId: feed.user.collegeId };
}

/**
 * An event another feature puts in the same feed (the meetings a person is invited to, their action
 * items' due days): the route gathers them, so training imports none of those features.
 */
export interface FeedEvent {
  id: string;
  start: Date;
  end: Date;
  allDay?: boolean;
  summary: string;
  location?: string | null;
  url: string;
  description?: string;
}

/** The .ics text of the owner's enrolled sessions (published courses; the last year and everything ahead), and `extra` events. */
export async function calendarFeedBody(owner: Actor, origin: string, { now = new Date(), extra = [] }: { now?: Date; extra?: readonly FeedEvent[] } = {}, db: Db = prisma): Promise<string> {
  const since = new Date(now.getTime() - 366 * 86_400_000);
  const enrolments = await db.trainingEnrolment.findMany({
    where: { AND: [whereCan(owner, "training-enrolment:view"), { userId: owner.id, status: "ENROLLED", course: { status: "PUBLISHED" } }] },
    orderBy: { courseId: "asc" },
    select: {
      course: {
        select: {
          id: true,
          title: true,
          speaker: true,
          sessions: { where: { endsAt: { gte: since } }, orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, endsAt: true, place: true, onlineUrl: true, hours: true } },
        },
      },
    },
  });
  const calendar = ical({ name: "辅导员培训", prodId: { company: "fudao-studio", product: "training", language: "ZH" }, ttl: 3600 });
  for (const { course } of enrolments) {
    for (const session of course.sessions) {
      const link = `${origin}/training/courses/${course.id}`;
      calendar.createEvent({
        id: `training-session-${session.id}@fudao-studio`,
        start: session.startsAt,
        end: session.endsAt,
        summary: course.title,
        location: session.place || session.onlineUrl || null,
        url: session.onlineUrl ?? link,
        description: [course.speaker ? `主讲：${course.speaker}` : null, `${Number(session.hours)} 学时`, link].filter(Boolean).join("\n"),
      });
    }
  }
  for (const event of extra) calendar.createEvent({ ...event, location: event.location || null });
  return calendar.toString();
}
