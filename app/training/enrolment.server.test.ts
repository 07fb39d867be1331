import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { buildCollege, buildStudio, buildUser, type BuiltUser } from "../../tests/support/factories.ts";
import { addSession, createCourse, publishCourse, updateCourse } from "./catalogue.server.ts";
import { assignCohort, enrol, withdraw } from "./enrolment.server.ts";
import { createJointGroup, grantCollegeOverride, setBudget } from "./organisers.server.ts";
import { courseSchema, sessionSchema, type CourseInput } from "./schemas.ts";

/** The key of the UserError a call is refused with (null when it succeeds). */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (isUserError(error) ? error.key : Promise.reject(error)),
  );

const YEAR = new Date().getUTCFullYear();
const platformId = async (code: string) => (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code } })).id;
const admin = () => buildUser({ roles: ["ADMIN"] });

async function courseInput(overrides: Partial<CourseInput> = {}): Promise<CourseInput> {
  return courseSchema.parse({ title: "测试培训", platformId: await platformId("LECTURE"), level: "SCHOOL", year: YEAR, capacity: 20, ...overrides });
}

/** A published course with one session next week. */
async function publishedCourse(actor: BuiltUser, overrides: Partial<CourseInput> = {}) {
  const id = await createCourse(await courseInput(overrides), actor.id);
  const start = new Date(Date.now() + 7 * 86_400_000);
  await addSession(id, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 3 * 3_600_000), hours: 3 }), actor.id);
  await publishCourse(id, actor.id);
  return id;
}

const counselors = async (n: number, college?: { id: string }) => {
  const people: BuiltUser[] = [];
  const shared = college ?? (await buildCollege());
  for (let i = 0; i < n; i += 1) people.push(await buildUser({ college: shared }));
  return people;
};
const statuses = (courseId: string) =>
  prisma.trainingEnrolment.findMany({ where: { courseId }, orderBy: [{ queuedAt: "asc" }, { id: "asc" }], select: { userId: true, status: true } });

describe("enrolment under concurrency", () => {
  it("never seats more than the capacity when 60 people enrol at once, waitlists the rest in order, and promotes FIFO", async () => {
    const organiser = await admin();
    const courseId = await publishedCourse(organiser, { capacity: 20 });
    const people = await counselors(60);
    const results = await Promise.allSettled(people.map((person) => enrol(courseId, person)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await statuses(courseId);
    expect(rows.filter((r) => r.status === "ENROLLED")).toHaveLength(20);
    expect(rows.filter((r) => r.status === "WAITLISTED")).toHaveLength(40);
    // Seats went to the first 20 in the queue: the queue is the order of the seat decisions.
    expect(rows.slice(0, 20).every((r) => r.status === "ENROLLED")).toBe(true);

    const waiting = rows.filter((r) => r.status === "WAITLISTED").map((r) => r.userId);
    const seated = rows.filter((r) => r.status === "ENROLLED").map((r) => r.userId);
    // Five seated people withdraw at the same time: the first five waiting get their seats, in order, and are told.
    await Promise.all(seated.slice(0, 5).map((userId) => withdraw(courseId, people.find((p) => p.id === userId)!)));
    const after = await statuses(courseId);
    expect(after.filter((r) => r.status === "ENROLLED")).toHaveLength(20);
    const promoted = after.filter((r) => waiting.slice(0, 5).includes(r.userId));
    expect(promoted.map((r) => r.status)).toEqual(Array(5).fill("ENROLLED"));
    expect(after.find((r) => r.userId === waiting[5])!.status).toBe("WAITLISTED");
    const notices = await prisma.notification.findMany({ where: { type: "training.notices.waitlistPromoted", userId: { in: waiting } } });
    expect(notices.map((n) => n.userId).sort()).toEqual(waiting.slice(0, 5).sort());
  }, 120_000);

  it("refuses enrolling twice, outside the window and in a draft, writing nothing", async () => {
    const organiser = await admin();
    const courseId = await publishedCourse(organiser, { capacity: 1 });
    const [first, second] = await counselors(2);
    expect(await enrol(courseId, first!)).toEqual({ status: "ENROLLED" });
    expect(await refusal(enrol(courseId, first!))).toBe("training.errors.alreadyEnrolled");
    expect(await enrol(courseId, second!)).toEqual({ status: "WAITLISTED" });
    expect(await refusal(enrol(courseId, second!))).toBe("training.errors.alreadyWaitlisted");

    const later = await publishedCourse(organiser, { enrolOpensAt: new Date(Date.now() + 86_400_000) });
    expect(await refusal(enrol(later, first!))).toBe("training.errors.enrolNotOpen");
    const closed = await publishedCourse(organiser, { enrolClosesAt: new Date(Date.now() - 60_000), enrolOpensAt: new Date(Date.now() - 86_400_000) });
    expect(await refusal(enrol(closed, first!))).toBe("training.errors.enrolClosed");
    const draft = await createCourse(await courseInput(), organiser.id);
    expect(await refusal(enrol(draft, first!))).toBe("training.errors.notPublished");
    expect(await prisma.trainingEnrolment.count({ where: { courseId: { in: [later, closed, draft] } } })).toBe(0);
  });

  it("assigns a cohort in one go, reporting enrolled, waitlisted and already in, within the assigner's own college", async () => {
    const organiser = await admin();
    const college = await buildCollege();
    const people = await counselors(5, college);
    const outsider = await buildUser();
    const courseId = await publishedCourse(organiser, { capacity: 3 });
    await enrol(courseId, people[0]!);
    const result = await assignCohort(courseId, { kind: "college", collegeId: college.id }, { kind: "school" }, organiser);
    expect(result).toEqual({ enrolled: 2, waitlisted: 2, alreadyIn: 1 });
    expect(await prisma.trainingEnrolment.count({ where: { courseId, userId: outsider.id } })).toBe(0);
    expect(await prisma.notification.count({ where: { type: { in: ["training.notices.assigned", "training.notices.assignedWaitlisted"] }, userId: { in: people.map((p) => p.id) } } })).toBe(4);

    // A college admin assigning "a stage" reaches only their own college's people.
    const other = await publishedCourse(organiser, { capacity: undefined });
    const fromCollege = await assignCohort(other, { kind: "stage", stage: "NOVICE" }, { kind: "college", collegeId: college.id }, organiser);
    // The five built people are all 初任期 (the factories' default).
    expect(fromCollege.enrolled).toBe(people.length);
    expect(await prisma.trainingEnrolment.count({ where: { courseId: other, user: { collegeId: { not: college.id } } } })).toBe(0);

    const studio = await buildStudio();
    const studioCourse = await publishedCourse(organiser, { capacity: undefined });
    expect((await assignCohort(studioCourse, { kind: "studio", studioId: studio.id }, { kind: "school" }, organiser)).enrolled).toBe(studio.members.length);
  });
});

describe("the catalogue refuses bad input and changes nothing", () => {
  it("capacity below the people enrolled, overlapping sessions, a window or session that ends before it starts", async () => {
    const organiser = await admin();
    const courseId = await publishedCourse(organiser, { capacity: 5 });
    for (const person of await counselors(3)) await enrol(courseId, person);
    expect(await refusal(updateCourse(courseId, await courseInput({ capacity: 2 }), organiser.id))).toBe("training.errors.capacityBelowEnrolled");
    expect((await prisma.trainingCourse.findUniqueOrThrow({ where: { id: courseId } })).capacity).toBe(5);

    const session = await prisma.trainingSession.findFirstOrThrow({ where: { courseId } });
    const overlapping = sessionSchema.parse({ startsAt: new Date(session.startsAt.getTime() + 3_600_000), endsAt: new Date(session.endsAt.getTime() + 3_600_000), hours: 2 });
    expect(await refusal(addSession(courseId, overlapping, organiser.id))).toBe("training.errors.sessionsOverlap");
    expect(await prisma.trainingSession.count({ where: { courseId } })).toBe(1);

    const backwards = sessionSchema.safeParse({ startsAt: "2026-12-10T14:00", endsAt: "2026-12-10T13:00", hours: 2 });
    expect(backwards.success ? null : backwards.error.issues.map((i) => i.message)).toEqual(["training.errors.endsBeforeStart"]);
    const window = courseSchema.safeParse({ title: "x", platformId: "p", level: "SCHOOL", year: YEAR, enrolOpensAt: "2026-12-10T14:00", enrolClosesAt: "2026-12-09T14:00" });
    expect(window.success ? null : window.error.issues.map((i) => i.message)).toEqual(["training.errors.windowOrder"]);
  });

  it("a larger capacity seats the people waiting at once", async () => {
    const organiser = await admin();
    const courseId = await publishedCourse(organiser, { capacity: 1 });
    const [a, b, c] = await counselors(3);
    for (const person of [a!, b!, c!]) await enrol(courseId, person);
    await updateCourse(courseId, await courseInput({ capacity: 2 }), organiser.id);
    expect((await statuses(courseId)).map((r) => r.status)).toEqual(["ENROLLED", "ENROLLED", "WAITLISTED"]);
  });
});

describe("two levels: the ≥6 rule, joint groups, the override, budgets", () => {
  it("lets a college with six full-time counselors organise alone, refuses one with five until 学工部 overrides in writing", async () => {
    const organiser = await admin();
    const [big, small] = [await buildCollege(), await buildCollege()];
    await counselors(6, big);
    await counselors(5, small);
    await buildUser({ college: small, roles: ["COLLEGE_ADMIN"] });
    const input = async (collegeId: string) => courseInput({ level: "COLLEGE", collegeId, costYuan: 0 });
    expect(await refusal(createCourse(await input(big.id), organiser.id))).toBeNull();
    expect(await refusal(createCourse(await input(small.id), organiser.id))).toBe("training.errors.collegeTooSmall");
    expect(await prisma.trainingCourse.count({ where: { collegeId: small.id } })).toBe(0);

    // Through its joint group, it can.
    const groupId = await createJointGroup({ name: `联合组-${small.id}`, collegeIds: [small.id] }, organiser.id);
    expect(await refusal(createCourse(await courseInput({ level: "COLLEGE", jointGroupId: groupId }), organiser.id))).toBeNull();
    // A college cannot be in two groups.
    expect(await refusal(createJointGroup({ name: `另一组-${small.id}`, collegeIds: [small.id] }, organiser.id))).toBe("training.errors.collegeInOtherGroup");

    await grantCollegeOverride(small.id, "该学院承担全校新生心理普查，需单独组织专题培训。", organiser.id);
    expect(await refusal(createCourse(await input(small.id), organiser.id))).toBeNull();
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "training.college-override-grant", entityId: small.id } });
    expect(audit.data).toEqual({ reason: "该学院承担全校新生心理普查，需单独组织专题培训。" });

    // A part-time counselor does not count: six with one part-time is five.
    const mixed = await buildCollege();
    const six = await counselors(6, mixed);
    await prisma.counselorProfile.update({ where: { userId: six[0]!.id }, data: { fullTime: false } });
    expect(await refusal(createCourse(await input(mixed.id), organiser.id))).toBe("training.errors.collegeTooSmall");
  });

  it("refuses an organiser that does not fit the level", async () => {
    const organiser = await admin();
    const college = await buildCollege();
    expect(await refusal(createCourse(await courseInput({ level: "SCHOOL", collegeId: college.id }), organiser.id))).toBe("training.errors.organiserMismatch");
    expect(await refusal(createCourse(await courseInput({ level: "COLLEGE" }), organiser.id))).toBe("training.errors.organiserMismatch");
  });

  it("refuses a cost over the organiser's budget for the year, and one with no budget set", async () => {
    const organiser = await admin();
    const college = await buildCollege();
    await counselors(6, college);
    const input = async (cost: number) => courseInput({ level: "COLLEGE", collegeId: college.id, costYuan: cost });
    expect(await refusal(createCourse(await input(500), organiser.id))).toBe("training.errors.noBudget");
    await setBudget({ level: "COLLEGE", collegeId: college.id }, { year: YEAR, amountYuan: 1000 }, organiser.id);
    expect(await refusal(createCourse(await input(600), organiser.id))).toBeNull();
    expect(await refusal(createCourse(await input(600), organiser.id))).toBe("training.errors.overBudget");
    expect(await refusal(createCourse(await input(400), organiser.id))).toBeNull();
    expect(await prisma.trainingCourse.count({ where: { collegeId: college.id } })).toBe(2);
  });
});
