import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildUser, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { addSession, createCourse, publishCourse } from "./catalogue.server.ts";
import { codeFor, qrPayloadFor, stepAt } from "./check-in-code.ts";
import { enrol } from "./enrolment.server.ts";
import { trainingYear } from "./ledger.server.ts";
import { courseSchema, sessionSchema } from "./schemas.ts";

/**
 * The organiser's check-in screen and the counselor's phone check-in as each kind of person
 * reaches them: denials, bad input in Chinese, the happy path and "已签到" the second time.
 */
type Route = { loader: (args: never) => Promise<unknown>; action: (args: never) => Promise<unknown> };
let screen: Route;
let phone: Route;
let organiser: BuiltUser;
let seated: BuiltUser;
let waiting: BuiltUser;
let sessionId: string;

beforeAll(async () => {
  screen = (await import("~/routes/training.sessions.$sessionId.check-in.tsx")) as unknown as Route;
  phone = (await import("~/routes/training.check-in.tsx")) as unknown as Route;
  organiser = await buildUser({ roles: ["ADMIN"] });
  const platform = await prisma.trainingPlatform.findUniqueOrThrow({ where: { code: "LECTURE" } });
  const courseId = await createCourse(
    courseSchema.parse({ title: "签到页面测试培训", platformId: platform.id, level: "SCHOOL", year: trainingYear(new Date()), capacity: 1 }),
    organiser.id,
  );
  const start = new Date();
  sessionId = await addSession(courseId, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 2 * 3_600_000), hours: 2 }), organiser.id);
  await publishCourse(courseId, organiser.id);
  [seated, waiting] = [await buildUser(), await buildUser()];
  await enrol(courseId, seated);
  await enrol(courseId, waiting); // capacity 1: on the waitlist
});

const screenAs = (user: { username: string }, form?: Record<string, string>) =>
  asUser(user.username, (form ? screen.action : screen.loader) as never, `/training/sessions/${sessionId}/check-in`, { params: { sessionId }, form });
const phoneAs = (user: { username: string }, form?: Record<string, string>, query = "") =>
  asUser(user.username, (form ? phone.action : phone.loader) as never, `/training/check-in${query}`, { form });
const secret = async () => (await prisma.trainingSession.findUniqueOrThrow({ where: { id: sessionId } })).checkInSecret;
type Reply = { status: string; notice?: string; error?: string; confirm?: { message: string } };

describe("the organiser's check-in screen", () => {
  it("is refused to counselors and to a college admin (a school course), and shown to its organiser", async () => {
    expect((await screenAs(seated)).status).toBe(403);
    expect((await screenAs(await buildUser({ roles: ["COLLEGE_ADMIN"] }))).status).toBe(403);
    expect((await screenAs(await buildUser({ roles: ["MENTOR"], college: null }))).status).toBe(403);
    expect((await screenAs(seated, { intent: "open" })).status).toBe(403);
    const page = await screenAs(organiser);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ display: null, enrolled: 1, checkedIn: 0, roster: [{ id: seated.id, checkedInAt: null }] });
  });

  it("opens check-in and then shows a 6-digit code and a QR code of the phone page's link", async () => {
    expect(((await screenAs(organiser, { intent: "open" })).data as Reply).notice).toContain("签到已开放");
    const page = (await screenAs(organiser)).data as { display: { code: string; url: string; svg: string } };
    expect(page.display.code).toMatch(/^\d{6}$/);
    expect(page.display.url).toMatch(new RegExp(`^http://localhost/training/check-in\\?p=${sessionId}\\.\\d+\\.`));
    expect(page.display.svg).toMatch(/^<svg[^>]*viewBox/);
  });
});

describe("checking in on a phone", () => {
  it("is refused to people who take no training (a mentor) and says in Chinese who may check in", async () => {
    // The page itself is open to them (a meeting may invite a mentor), without training sessions;
    // a training session's code is refused.
    const mentor = await buildUser({ roles: ["MENTOR"], college: null });
    const page = await phoneAs(mentor);
    expect(page.status).toBe(200);
    expect((page.data as { sessions: Array<{ id: string }> }).sessions.map((s) => s.id)).not.toContain(sessionId);
    const mentorTries = await phoneAs(mentor, { intent: "checkIn", sessionId, code: codeFor(await secret(), sessionId, stepAt(new Date())) });
    expect(mentorTries.status).toBe(403);
    expect(await prisma.trainingAttendance.count({ where: { sessionId, userId: mentor.id } })).toBe(0);
    const code = codeFor(await secret(), sessionId, stepAt(new Date()));
    const refused = await phoneAs(waiting, { intent: "checkIn", sessionId, code });
    expect(refused.status).toBe(403);
    expect((refused.data as Reply).error).toBe("只有已报名（不含候补）的人员可以签到。");
  });

  it("answers bad input, an old code and a forged QR code in Chinese and records nothing", async () => {
    const empty = await phoneAs(seated, { intent: "checkIn", sessionId, code: "" });
    expect(empty.status).toBe(400);
    const key = await secret();
    const old = await phoneAs(seated, { intent: "checkIn", sessionId, code: codeFor(key, sessionId, stepAt(new Date()) - 4) });
    expect(old.status).toBe(400);
    expect((old.data as Reply).error).toBe("签到码已过期，请输入屏幕上最新的签到码或重新扫码。");
    const forged = await phoneAs(seated, { intent: "checkIn", payload: `${sessionId}.${stepAt(new Date())}.AAAAAAAAAAAAAAAAAAAAAA` });
    expect(forged.status).toBe(400);
    expect((forged.data as Reply).error).toBe("二维码无效，请扫描组织方屏幕上的签到二维码。");
    expect(await prisma.trainingAttendance.count({ where: { sessionId } })).toBe(0);
  });

  it("lists the open session, checks in with the code once, and says 已签到 with the QR link after", async () => {
    const before = (await phoneAs(seated)).data as { sessions: Array<{ id: string; checkedInAt: unknown }> };
    expect(before.sessions).toEqual([expect.objectContaining({ id: sessionId, checkedInAt: null })]);
    const key = await secret();
    const first = await phoneAs(seated, { intent: "checkIn", sessionId, code: codeFor(key, sessionId, stepAt(new Date())) });
    expect((first.data as Reply).notice).toBe("签到成功。");
    const again = await phoneAs(seated, { intent: "checkIn", payload: qrPayloadFor(key, sessionId, stepAt(new Date())) });
    expect((again.data as Reply).notice).toMatch(/^已签到（.+）。$/);
    expect(await prisma.trainingAttendance.count({ where: { sessionId, userId: seated.id } })).toBe(1);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: seated.id, source: "ATTENDANCE" } })).toBe(1);
    const page = (await screenAs(organiser)).data as { checkedIn: number };
    expect(page.checkedIn).toBe(1);
  });
});

describe("marking by hand", () => {
  it("is the organiser's, asks first, and counts someone already checked in without writing twice", async () => {
    const other = await buildUser({ roles: ["COLLEGE_ADMIN"] });
    expect((await screenAs(other, { intent: "mark", userId: seated.id })).status).toBe(403);
    const asked = (await screenAs(organiser, { intent: "mark", userId: seated.id, name: seated.name })).data as Reply;
    expect(asked.status).toBe("confirm");
    expect(asked.confirm?.message).toContain("只能由学工部更正");
    const done = (await screenAs(organiser, { intent: "mark", userId: seated.id, name: seated.name, confirmed: "yes" })).data as Reply;
    expect(done.notice).toBe(`${seated.name}已经签到过了。`);
    const refused = await screenAs(organiser, { intent: "mark", userId: waiting.id, name: waiting.name, confirmed: "yes" });
    expect(refused.status).toBe(403);
    expect((refused.data as Reply).error).toBe("只有已报名（不含候补）的人员可以签到。");
    expect(await prisma.trainingAttendance.count({ where: { sessionId } })).toBe(1);
  });
});
