import pg from "pg";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { buildCollege, buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { addSession, createCourse, publishCourse } from "./catalogue.server.ts";
import { codeFor, qrPayloadFor, stepAt } from "./check-in-code.ts";
import { checkIn, closeCheckIn, markAttendance, openCheckIn } from "./check-in.server.ts";
import { enrol } from "./enrolment.server.ts";
import { decideExternalRecord, recordExternalTraining } from "./external.server.ts";
import { ledgerOf, recordCorrection, trainingYear, writeHoursEntry } from "./ledger.server.ts";
import { MENU_REQUIRED_SHOWN, menuFor, progressOf, shortfallList } from "./progress.server.ts";
import { correctionSchema, courseSchema, externalRecordSchema, sessionSchema } from "./schemas.ts";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (isUserError(error) ? error.key : Promise.reject(error)),
  );
const YEAR = trainingYear(new Date());
const platform = (code: string) => prisma.trainingPlatform.findUniqueOrThrow({ where: { code } });

/** A published school course with one 3-hour session now, its check-in open, and `enrolled` people enrolled. */
async function openSession(enrolled: BuiltUser[], options: { platform?: string; capacity?: number } = {}) {
  const organiser = await buildUser({ roles: ["ADMIN"] });
  const courseId = await createCourse(
    courseSchema.parse({ title: "签到测试培训", platformId: (await platform(options.platform ?? "LECTURE")).id, level: "SCHOOL", year: YEAR, capacity: options.capacity ?? 100 }),
    organiser.id,
  );
  const start = new Date();
  const sessionId = await addSession(courseId, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 3 * 3_600_000), hours: 3 }), organiser.id);
  await publishCourse(courseId, organiser.id);
  for (const person of enrolled) await enrol(courseId, person);
  await openCheckIn(sessionId, organiser.id);
  const { checkInSecret } = await prisma.trainingSession.findUniqueOrThrow({ where: { id: sessionId } });
  return { organiser, courseId, sessionId, secret: checkInSecret };
}

describe("check-in with rotating codes", () => {
  it("records one attendance and its ledger entry; a second check-in says 已签到 and writes nothing", async () => {
    const person = await buildUser();
    const { sessionId, secret } = await openSession([person]);
    const now = new Date();
    const first = await checkIn(person, { sessionId, code: codeFor(secret, sessionId, stepAt(now)) }, now);
    expect(first.status).toBe("checked-in");
    const again = await checkIn(person, { payload: qrPayloadFor(secret, sessionId, stepAt(now)) }, now);
    expect(again).toMatchObject({ status: "already", notice: "training.notices.alreadyCheckedIn" });
    expect(await prisma.trainingAttendance.count({ where: { sessionId, userId: person.id } })).toBe(1);
    const entries = await prisma.trainingHoursEntry.findMany({ where: { userId: person.id } });
    expect(entries.map((e) => [e.source, Number(e.hours), e.schoolLevel, e.year])).toEqual([["ATTENDANCE", 3, true, YEAR]]);
  });

  it("refuses an expired code, a wrong one, a forged QR payload and a closed check-in, writing nothing", async () => {
    const person = await buildUser();
    const { organiser, sessionId, secret } = await openSession([person]);
    const now = new Date();
    const photographed = codeFor(secret, sessionId, stepAt(now) - 3);
    expect(await refusal(checkIn(person, { sessionId, code: photographed }, now))).toBe("training.errors.codeExpired");
    const oldPayload = qrPayloadFor(secret, sessionId, stepAt(now) - 3);
    expect(await refusal(checkIn(person, { payload: oldPayload }, now))).toBe("training.errors.codeExpired");
    const current = codeFor(secret, sessionId, stepAt(now));
    expect(await refusal(checkIn(person, { sessionId, code: current === "000000" ? "000001" : "000000" }, now))).toBe("training.errors.codeWrong");
    const [id, step] = qrPayloadFor(secret, sessionId, stepAt(now)).split(".");
    expect(await refusal(checkIn(person, { payload: `${id}.${step}.AAAAAAAAAAAAAAAAAAAAAA` }, now))).toBe("training.errors.qrForged");
    expect(await refusal(checkIn(person, { payload: qrPayloadFor("guessed-secret", sessionId, stepAt(now)) }, now))).toBe("training.errors.qrForged");
    await closeCheckIn(sessionId, organiser.id);
    expect(await refusal(checkIn(person, { sessionId, code: current }, now))).toBe("training.errors.checkInClosed");
    expect(await prisma.trainingAttendance.count({ where: { sessionId } })).toBe(0);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: person.id } })).toBe(0);
  });

  it("lets only people enrolled (not waitlisted) check in", async () => {
    const [seated, waiting, stranger] = [await buildUser(), await buildUser(), await buildUser()];
    const { sessionId, secret } = await openSession([seated, waiting], { capacity: 1 });
    const now = new Date();
    const code = codeFor(secret, sessionId, stepAt(now));
    expect(await refusal(checkIn(waiting, { sessionId, code }, now))).toBe("training.errors.checkInNeedsEnrolment");
    expect(await refusal(checkIn(stranger, { sessionId, code }, now))).toBe("training.errors.checkInNeedsEnrolment");
    expect(await refusal(checkIn(seated, { sessionId, code }, now))).toBeNull();
  });

  it("records 40 people checking in at once, each once, even when each taps twice", async () => {
    const college = await buildCollege();
    const people: BuiltUser[] = [];
    for (let i = 0; i < 40; i += 1) people.push(await buildUser({ college }));
    const { sessionId, secret } = await openSession(people);
    const now = new Date();
    const payload = qrPayloadFor(secret, sessionId, stepAt(now));
    const results = await Promise.allSettled(people.flatMap((p) => [checkIn(p, { payload }, now), checkIn(p, { payload }, now)]));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await prisma.trainingAttendance.count({ where: { sessionId } })).toBe(40);
    expect(await prisma.trainingHoursEntry.count({ where: { userId: { in: people.map((p) => p.id) } } })).toBe(40);
  }, 120_000);

  it("lets the organiser mark enrolled people by hand, once each", async () => {
    const [a, b] = [await buildUser(), await buildUser()];
    const { organiser, sessionId } = await openSession([a, b]);
    expect(await markAttendance(sessionId, [a.id, b.id, a.id], organiser.id)).toEqual({ marked: 2, already: 0 });
    expect(await markAttendance(sessionId, [a.id], organiser.id)).toEqual({ marked: 0, already: 1 });
    const stranger = await buildUser();
    expect(await refusal(markAttendance(sessionId, [stranger.id], organiser.id))).toBe("training.errors.checkInNeedsEnrolment");
    expect(await prisma.trainingAttendance.findMany({ where: { sessionId }, select: { method: true } })).toEqual([{ method: "MANUAL" }, { method: "MANUAL" }]);
  });
});

describe("the hours ledger", () => {
  it("is append-only in the database: UPDATE, DELETE and TRUNCATE are refused, whatever the code path", async () => {
    const person = await buildUser();
    const id = await prisma.$transaction((tx) =>
      writeHoursEntry(tx, { userId: person.id, year: YEAR, hours: 4, source: "IMPORT", sourceId: "batch-1", title: "导入", platform: null, level: null, createdById: null }),
    );
    // Through the app's client …
    await expect(prisma.trainingHoursEntry.update({ where: { id }, data: { hours: 40 } })).rejects.toThrow();
    await expect(prisma.trainingHoursEntry.deleteMany({ where: { userId: person.id } })).rejects.toThrow();
    // … and through plain SQL, as psql or a script would: PostgreSQL's own refusal.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      for (const sql of [`UPDATE "TrainingHoursEntry" SET "hours" = 40 WHERE "id" = $1`, `DELETE FROM "TrainingHoursEntry" WHERE "id" = $1`]) {
        await expect(client.query(sql, [id]), sql).rejects.toMatchObject({ code: "23001", message: expect.stringMatching(/append-only/) });
      }
      await expect(client.query(`TRUNCATE "TrainingHoursEntry"`)).rejects.toMatchObject({ code: "23001" });
    } finally {
      await client.end();
    }
    expect(Number((await prisma.trainingHoursEntry.findUniqueOrThrow({ where: { id } })).hours)).toBe(4);
  });

  it("takes corrections as new entries with a reason, pointing at what they correct", async () => {
    const person = await buildUser();
    const admin = await buildUser({ roles: ["ADMIN"] });
    const id = await prisma.$transaction((tx) =>
      writeHoursEntry(tx, { userId: person.id, year: YEAR, hours: 6, source: "IMPORT", sourceId: "batch-2", title: "导入", platform: null, level: "SCHOOL", createdById: null }),
    );
    expect(correctionSchema.safeParse({ year: YEAR, hours: -2, reason: "" }).success).toBe(false);
    await recordCorrection(person.id, correctionSchema.parse({ year: YEAR, hours: -2, reason: "重复导入了一次讲座", correctsEntryId: id }), admin.id);
    const ledger = await ledgerOf(person.id);
    expect(ledger.years).toEqual([{ year: YEAR, hours: 4 }]);
    const correction = ledger.entries.find((e) => e.source === "CORRECTION")!;
    expect(correction).toMatchObject({ hours: -2, sourceId: id, reason: "重复导入了一次讲座", schoolLevel: true });
  });
});

describe("external training", () => {
  async function evidence(owner: BuiltUser) {
    return prisma.uploadedFile.create({ data: { name: "结业证书.pdf", mimeType: "application/pdf", size: 10, sha256: "0", storagePath: "uploads/test.pdf", uploadedById: owner.id } });
  }

  it("is recorded with evidence, approved into the ledger with its kind, and decided once", async () => {
    const college = await buildCollege();
    const person = await buildUser({ college });
    const approver = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const national = await platform("NATIONAL");
    const input = externalRecordSchema.parse({ title: "全国辅导员骨干示范培训", platformId: national.id, startsOn: `${YEAR}-03-01`, endsOn: `${YEAR}-03-05`, hours: 24, evidenceFileId: (await evidence(person)).id });
    const recordId = await recordExternalTraining(input, person.id);
    await decideExternalRecord(recordId, { decision: "APPROVED", note: "" }, approver);
    expect(await refusal(decideExternalRecord(recordId, { decision: "REJECTED", note: "重复" }, approver))).toBe("training.errors.recordDecided");
    const entries = await prisma.trainingHoursEntry.findMany({ where: { userId: person.id } });
    expect(entries.map((e) => [e.source, e.sourceId, Number(e.hours), e.nationalOrProvincial, e.schoolLevel])).toEqual([["EXTERNAL", recordId, 24, true, true]]);
    expect(await prisma.notification.count({ where: { userId: person.id, type: "training.notices.externalApproved" } })).toBe(1);
  });

  it("refuses a platform that is organised rather than recorded, and someone else's file as evidence", async () => {
    const person = await buildUser();
    const other = await buildUser();
    const lecture = await platform("LECTURE");
    const online = await platform("ONLINE");
    const base = { title: "自学", startsOn: `${YEAR}-03-01`, endsOn: `${YEAR}-03-01`, hours: 2 };
    expect(await refusal(recordExternalTraining(externalRecordSchema.parse({ ...base, platformId: lecture.id, evidenceFileId: (await evidence(person)).id }), person.id))).toBe(
      "training.errors.platformNotExternal",
    );
    expect(await refusal(recordExternalTraining(externalRecordSchema.parse({ ...base, platformId: online.id, evidenceFileId: (await evidence(other)).id }), person.id))).toBe(
      "training.errors.evidenceRequired",
    );
    expect(await prisma.externalTrainingRecord.count({ where: { userId: person.id } })).toBe(0);
  });
});

describe("plans, the menu and compliance with the national rules", () => {
  const entry = (userId: string, code: { id: string; induction: boolean; nationalOrProvincial: boolean }, hours: number, year = YEAR, level: "SCHOOL" | null = "SCHOOL") =>
    prisma.$transaction((tx) => writeHoursEntry(tx, { userId, year, hours, source: "IMPORT", sourceId: null, title: "测试", platform: code, level, createdById: null }));

  it("says who is short and by how much: induction, 16 school-level hours a year, national or provincial every 5 years, the plan", async () => {
    const college = await buildCollege();
    const novice = await buildUser({ college, stage: "NOVICE" });
    const veteran = await buildUser({ college, stage: "EXPERIENCED" });
    const done = await buildUser({ college, stage: "EXPERIENCED" });
    const [induction, lecture, national] = [await platform("INDUCTION"), await platform("LECTURE"), await platform("NATIONAL")];
    await entry(novice.id, induction, 24);
    await entry(veteran.id, lecture, 10);
    await entry(done.id, lecture, 20);
    await entry(done.id, national, 8, YEAR - 2, null);
    // A national training recorded last year and then corrected away does not count.
    await entry(done.id, national, 8, YEAR - 1, null);
    await entry(done.id, national, -8, YEAR - 1, null);

    const list = await shortfallList({ kind: "college", collegeId: college.id }, new Date(), { onlyShort: false });
    const of = (id: string) => list.rows.find((r) => r.id === id)!.compliance;
    // Novice: 24 of 40 induction hours (and those are school-level), 32 plan hours.
    expect(of(novice.id).induction).toEqual({ applies: true, required: 40, done: 24, short: 16 });
    expect(of(novice.id).schoolLevel.short).toBe(0);
    expect(of(novice.id).plan).toEqual({ required: 32, done: 24, short: 8 });
    expect(of(novice.id).nationalOrProvincial.applies).toBe(false);
    // Veteran (6 years): 6 school-level hours short, no national/provincial training in 5 years.
    expect(of(veteran.id).schoolLevel).toEqual({ required: 16, done: 10, short: 6 });
    expect(of(veteran.id).nationalOrProvincial).toMatchObject({ applies: true, lastYear: null, short: true });
    expect(of(veteran.id).induction.applies).toBe(false);
    // Done: 20 school-level hours (+8 national, two years ago): nothing short but the plan's 24 hours.
    expect(of(done.id).nationalOrProvincial).toMatchObject({ short: false, lastYear: YEAR - 2 });
    expect(of(done.id).plan).toEqual({ required: 24, done: 20, short: 4 });
    expect(list.people).toBe(3);
    // Each person's own page (the menu's top) sums their ledger its own way: it says the same.
    for (const person of [novice, veteran, done]) expect((await progressOf(person.id)).compliance).toEqual(of(person.id));

    const onlyShort = await shortfallList({ kind: "college", collegeId: college.id });
    expect(onlyShort.rows.map((r) => r.id)).toContain(veteran.id);
    expect(onlyShort.shortCount).toBe(3);
  });

  it("moves a person to the next plan when the stage changes, keeping what they completed", async () => {
    const person = await buildUser({ stage: "NOVICE" });
    await entry(person.id, await platform("INDUCTION"), 40);
    const before = await progressOf(person.id);
    expect(before.plan?.name).toBe("新任辅导员基础能力提升计划");
    expect(before.requiredItems.find((i) => i.label === "辅导员岗前培训")?.done).toBe(true);
    // Three years as a counselor: 成长期.
    await prisma.counselorProfile.update({ where: { userId: person.id }, data: { counselorSince: new Date(Date.now() - 3.2 * 365 * 86_400_000) } });
    const after = await progressOf(person.id);
    expect(after.stage).toBe("GROWING");
    expect(after.plan?.name).toBe("骨干辅导员交流培养计划");
    expect(after.hours).toBe(40);
    expect(after.compliance.schoolLevel.done).toBe(40);
  });

  it("shows the required courses still to do soonest first, a page of them at first and all on request", async () => {
    const person = await buildUser({ stage: "EXPERIENCED", groups: ["DEPUTY_SECRETARIES"] });
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const lecture = await platform("LECTURE");
    const ids: string[] = [];
    // Created latest-first, so the order shown is the sessions' and not the catalogue's.
    for (let days = MENU_REQUIRED_SHOWN + 3; days >= 2; days--) {
      const id = await createCourse(courseSchema.parse({ title: `副书记必修第${days}天`, platformId: lecture.id, level: "SCHOOL", year: YEAR, duties: ["IDEOLOGY"], targets: [{ group: "DEPUTY_SECRETARIES", kind: "REQUIRED" }] }), organiser.id);
      const start = new Date(Date.now() + days * 3_600_000);
      await addSession(id, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 1_800_000), hours: 1 }), organiser.id);
      await publishCourse(id, organiser.id);
      ids.unshift(id);
    }
    const mine = (courses: Array<{ id: string }>) => courses.map((c) => c.id).filter((id) => ids.includes(id));
    const first = await menuFor(person.id);
    expect(first.requiredCourses).toHaveLength(MENU_REQUIRED_SHOWN);
    expect(mine(first.requiredCourses)).toEqual(ids.slice(0, MENU_REQUIRED_SHOWN));
    expect(first.requiredToDo).toBeGreaterThanOrEqual(ids.length);
    const all = await menuFor(person.id, { allRequired: true });
    expect(mine(all.requiredCourses)).toEqual(ids);
  });

  it("ranks electives for the person with a one-line reason, after their required courses", async () => {
    const person = await buildUser({ stage: "NOVICE", specialties: ["CAREER"] });
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const lecture = await platform("LECTURE");
    const make = async (title: string, duties: string[], targets: unknown[]) => {
      const id = await createCourse(courseSchema.parse({ title, platformId: lecture.id, level: "SCHOOL", year: YEAR, duties, targets }), organiser.id);
      const start = new Date(Date.now() + 5 * 86_400_000);
      await addSession(id, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), hours: 1 }), organiser.id);
      await publishCourse(id, organiser.id);
      return id;
    };
    const required = await make("菜单测试：新任必修", ["IDEOLOGY"], [{ stage: "NOVICE", kind: "REQUIRED" }]);
    const career = await make("菜单测试：就业指导", ["CAREER"], [{ kind: "ELECTIVE" }]);
    const notForMe = await make("菜单测试：专家专属", ["RESEARCH"], [{ stage: "EXPERT", kind: "ELECTIVE" }]);
    // College-level courses: the person's own college's and its joint group's show, another college's does not.
    const [own, joint, other] = [await make("菜单测试：本院培训", ["CAREER"], []), await make("菜单测试：联合培训", ["CAREER"], []), await make("菜单测试：他院培训", ["CAREER"], [])];
    const [partner, stranger] = [await buildCollege(), await buildCollege()];
    const group = await prisma.jointTrainingGroup.create({ data: { name: unique("菜单测试联合组"), members: { create: [{ collegeId: person.collegeId! }, { collegeId: partner.id }] } } });
    await prisma.trainingCourse.update({ where: { id: own }, data: { level: "COLLEGE", collegeId: person.collegeId } });
    await prisma.trainingCourse.update({ where: { id: joint }, data: { level: "COLLEGE", jointGroupId: group.id } });
    await prisma.trainingCourse.update({ where: { id: other }, data: { level: "COLLEGE", collegeId: stranger.id } });
    const menu = await menuFor(person.id);
    expect(menu.electives.map((c) => c.id)).toEqual(expect.arrayContaining([own, joint]));
    expect(menu.electives.map((c) => c.id)).not.toContain(other);
    expect(menu.requiredCourses.map((c) => c.id)).toContain(required);
    expect(menu.electives.map((c) => c.id)).not.toContain(required);
    expect(menu.electives.map((c) => c.id)).not.toContain(notForMe);
    const careerItem = menu.electives.find((c) => c.id === career)!;
    expect(careerItem.reason).toEqual({ key: "training.reasons.specialty", duty: "CAREER" });
    expect(menu.electives[0]!.score).toBeGreaterThanOrEqual(careerItem.score);

    // Once attended, a required course is only named among the done ones.
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { courseId: required }, select: { id: true } });
    await prisma.trainingAttendance.create({ data: { sessionId: session.id, userId: person.id, method: "MANUAL" } });
    const after = await menuFor(person.id);
    expect(after.requiredCourses.map((c) => c.id)).not.toContain(required);
    expect(after.requiredDone).toContainEqual({ id: required, title: "菜单测试：新任必修" });
    expect(after.empty).toBe(false);
  });
});
