import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { action as calendarAction, loader as calendarPage } from "~/routes/training.calendar._index.tsx";
import { loader as feed } from "~/routes/training.calendar.$file.tsx";
import { buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { addSession, createCourse, publishCourse } from "./catalogue.server.ts";
import { enrol } from "./enrolment.server.ts";
import { sendSessionReminders } from "./reminders.server.ts";
import { courseSchema, sessionSchema } from "./schemas.ts";

/** The calendar feed (.ics behind a private token) and the reminders before a session. */

const YEAR = new Date().getUTCFullYear();

async function courseWithSession(organiser: BuiltUser, title: string, startsIn: number, capacity = 10) {
  const platformId = (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code: "LECTURE" } })).id;
  const id = await createCourse(courseSchema.parse({ title, platformId, level: "SCHOOL", year: YEAR, capacity }), organiser.id);
  const start = new Date(Date.now() + startsIn);
  const sessionId = await addSession(id, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 2 * 3_600_000), place: "图书馆报告厅", hours: 2 }), organiser.id);
  await publishCourse(id, organiser.id);
  return { id, sessionId };
}

const feedUrl = (reply: unknown) => (reply as { data: { url: string } }).data.url;
const feedOf = (url: string) => asUser(null, feed, new URL(url).pathname, { params: { file: new URL(url).pathname.split("/").pop()! } });

describe("the calendar feed", () => {
  it("lists the person's enrolled sessions at the private link; a wrong, reset or malformed token is 404", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const person = await buildUser();
    const title = unique("日历课程");
    const course = await courseWithSession(admin, title, 3 * 86_400_000);
    const other = await courseWithSession(admin, `${title}-未报名`, 4 * 86_400_000);
    await enrol(course.id, person);

    expect((await asUser(person.username, calendarPage, "/training/calendar")).data).toEqual({ feed: null });
    const made = await asUser(person.username, calendarAction, "/training/calendar", { form: { intent: "create" } });
    const url = feedUrl(made.data);
    expect(url).toMatch(/^http:\/\/localhost\/training\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // Only the hash is kept.
    const row = await prisma.trainingCalendarFeed.findUniqueOrThrow({ where: { userId: person.id } });
    expect(url).not.toContain(row.tokenHash);

    const answer = await feedOf(url);
    expect(answer.status).toBe(200);
    expect(answer.response!.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const body = await answer.response!.text();
    expect(body).toContain("BEGIN:VCALENDAR");
    expect(body).toContain(`UID:training-session-${course.sessionId}@fudao-studio`);
    expect(body).toContain(`SUMMARY:${title}`);
    expect(body).toContain("LOCATION:图书馆报告厅");
    expect(body).not.toContain(other.sessionId);

    const wrong = url.replace(/\/[^/]+\.ics$/, `/${"A".repeat(43)}.ics`);
    expect((await feedOf(wrong)).status).toBe(404);
    expect((await feedOf(url.replace(/\.ics$/, ""))).status).toBe(404);

    // Resetting asks first; once confirmed, the old link is gone and the new one works.
    const asked = await asUser(person.username, calendarAction, "/training/calendar", { form: { intent: "reset" } });
    expect((asked.data as { status: string }).status).toBe("confirm");
    expect((await feedOf(url)).status).toBe(200);
    const reset = await asUser(person.username, calendarAction, "/training/calendar", { form: { intent: "reset", confirmed: "yes" } });
    const fresh = feedUrl(reset.data);
    expect((await feedOf(url)).status).toBe(404);
    expect((await feedOf(fresh)).status).toBe(200);
  });

  it("is for counselors: 学工部 and mentors are refused the page and the action", async () => {
    for (const roles of [["ADMIN"], ["MENTOR"]] as const) {
      const user = await buildUser({ roles: [...roles] });
      expect((await asUser(user.username, calendarPage, "/training/calendar")).status).toBe(403);
      expect((await asUser(user.username, calendarAction, "/training/calendar", { form: { intent: "create" } })).status).toBe(403);
    }
  });
});

describe("reminders before a session", () => {
  it("tells everyone enrolled (not waitlisted) once, when the session is less than a day away", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const [seated, waiting] = [await buildUser(), await buildUser()];
    const title = unique("提醒课程");
    const soon = await courseWithSession(admin, title, 5 * 3_600_000, 1);
    const later = await courseWithSession(admin, `${title}-下周`, 7 * 86_400_000);
    await enrol(soon.id, seated);
    await enrol(soon.id, waiting);
    await enrol(later.id, seated);

    await sendSessionReminders();
    const notices = await prisma.notification.findMany({ where: { type: "training.reminders.sessionSoon", userId: { in: [seated.id, waiting.id] } } });
    expect(notices.map((n) => [n.userId, (n.data as { course: string }).course, n.link])).toEqual([[seated.id, title, `/training/courses/${soon.id}`]]);

    // A second pass (or a second server) does not remind again.
    await Promise.all([sendSessionReminders(), sendSessionReminders()]);
    expect(await prisma.notification.count({ where: { type: "training.reminders.sessionSoon", userId: { in: [seated.id, waiting.id] } } })).toBe(1);
    expect((await prisma.trainingSession.findUniqueOrThrow({ where: { id: later.sessionId } })).reminderSentAt).toBeNull();
  });
});
