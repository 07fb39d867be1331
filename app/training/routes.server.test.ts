import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildCollege, buildMentor, buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { addSession, createCourse, publishCourse } from "./catalogue.server.ts";
import { trainingYear } from "./ledger.server.ts";
import { courseSchema, sessionSchema, type CourseInput } from "./schemas.ts";

/**
 * The training pages (我的培训菜单, the catalogue, a course's page, course create/edit) through
 * their loaders and actions: who may and who may not, bad input answered in Chinese with nothing
 * written, and the happy paths.
 */
let menu: typeof import("~/routes/training._index.tsx");
let catalogue: typeof import("~/routes/training.courses._index.tsx");
let detail: typeof import("~/routes/training.courses.$courseId.tsx");
let create: typeof import("~/routes/training.courses.new.tsx");
let edit: typeof import("~/routes/training.courses.$courseId_.edit.tsx");
let roster: typeof import("~/routes/training.courses.$courseId_.roster.tsx");

let admin: BuiltUser;
let mentor: BuiltUser;
const YEAR = trainingYear(new Date());
const platformId = async (code: string) => (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code } })).id;
const reply = (response: { data: unknown }) => response.data as { intent: string; status: string; notice?: string; error?: string; confirm?: { message: string } };

beforeAll(async () => {
  [menu, catalogue, detail, create, edit, roster] = await Promise.all([
    import("~/routes/training._index.tsx"),
    import("~/routes/training.courses._index.tsx"),
    import("~/routes/training.courses.$courseId.tsx"),
    import("~/routes/training.courses.new.tsx"),
    import("~/routes/training.courses.$courseId_.edit.tsx"),
    import("~/routes/training.courses.$courseId_.roster.tsx"),
  ]);
  admin = await buildUser({ roles: ["ADMIN"] });
  mentor = (await buildMentor()).user as BuiltUser;
}, 120_000);

/** A published school course with one session next week. */
async function publishedCourse(overrides: Partial<CourseInput> = {}) {
  const input = courseSchema.parse({ title: unique("课程"), platformId: await platformId("LECTURE"), level: "SCHOOL", year: YEAR, ...overrides });
  const id = await createCourse(input, admin.id);
  const start = new Date(Date.now() + 7 * 86_400_000);
  await addSession(id, sessionSchema.parse({ startsAt: start, endsAt: new Date(start.getTime() + 2 * 3_600_000), hours: 2 }), admin.id);
  await publishCourse(id, admin.id);
  return { id, title: input.title };
}

describe("我的培训菜单 (/training)", () => {
  it("shows a counselor the required course of their stage and an elective ranked by their specialty, with the reason", async () => {
    const counselor = await buildUser({ stage: "NOVICE", specialties: ["CRISIS"] });
    const required = await publishedCourse({ targets: [{ stage: "NOVICE", kind: "REQUIRED" }] });
    const elective = await publishedCourse({ duties: ["CRISIS"], targets: [{ stage: "NOVICE", kind: "ELECTIVE" }] });
    const response = await asUser(counselor.username, menu.loader, "/training");
    expect(response.status).toBe(200);
    const data = response.data as { menu: { requiredCourses: Array<{ id: string; status: string }>; electives: Array<{ id: string; reason: { key: string; duty: string | null } }> } };
    expect(data.menu.requiredCourses).toContainEqual(expect.objectContaining({ id: required.id, status: "NOT_ENROLLED" }));
    expect(data.menu.electives[0]).toMatchObject({ id: elective.id, reason: { key: "training.reasons.specialty", duty: "CRISIS" } });
  });

  it("sends 学工部 (who follows no menu) to the catalogue and refuses a mentor", async () => {
    const forAdmin = await asUser(admin.username, menu.loader, "/training");
    expect(forAdmin.status).toBe(302);
    expect(forAdmin.response?.headers.get("Location")).toBe("/training/courses");
    expect((await asUser(mentor.username, menu.loader, "/training")).status).toBe(403);
  });
});

describe("the catalogue (/training/courses)", () => {
  it("filters by stage, group, duty and platform, and a counselor does not see drafts", async () => {
    const tag = unique("筛选");
    const forStage = await publishedCourse({ title: `${tag}甲`, duties: ["CAREER"], targets: [{ stage: "GROWING", kind: "ELECTIVE" }] });
    const forGroup = await publishedCourse({ title: `${tag}乙`, platformId: await platformId("ONLINE"), targets: [{ group: "BACKBONE", kind: "REQUIRED" }] });
    const draft = await createCourse(courseSchema.parse({ title: `${tag}丙`, platformId: await platformId("LECTURE"), level: "SCHOOL", year: YEAR }), admin.id);
    const counselor = await buildUser();
    const ids = async (who: string, query: string) =>
      ((await asUser(who, catalogue.loader, `/training/courses?q=${encodeURIComponent(tag)}${query}`)).data as { courses: Array<{ id: string }> }).courses.map((c) => c.id).sort();
    expect(await ids(counselor.username, "")).toEqual([forStage.id, forGroup.id].sort());
    expect(await ids(counselor.username, "&stage=GROWING")).toEqual([forStage.id]);
    expect(await ids(counselor.username, "&group=BACKBONE")).toEqual([forGroup.id]);
    expect(await ids(counselor.username, "&duty=CAREER")).toEqual([forStage.id]);
    expect(await ids(counselor.username, `&platformId=${await platformId("ONLINE")}`)).toEqual([forGroup.id]);
    expect(await ids(counselor.username, "&stage=NOT_A_STAGE")).toEqual([forStage.id, forGroup.id].sort());
    expect(await ids(admin.username, "")).toEqual([forStage.id, forGroup.id, draft].sort());
  });

  it("paginates, and refuses a mentor", async () => {
    const counselor = await buildUser();
    const first = (await asUser(counselor.username, catalogue.loader, "/training/courses")).data as { total: number; pages: number; courses: unknown[]; mayCreate: boolean };
    expect(first.courses.length).toBe(Math.min(first.total, 20));
    expect(first.pages).toBe(Math.max(1, Math.ceil(first.total / 20)));
    expect(first.mayCreate).toBe(false);
    expect((await asUser(mentor.username, catalogue.loader, "/training/courses")).status).toBe(403);
  });
});

describe("a course's page (/training/courses/:id)", () => {
  it("enrols, puts the next person on a full course on the waitlist with their position, and withdrawing (asked first) promotes them", async () => {
    const course = await publishedCourse({ capacity: 1 });
    const [first, second] = [await buildUser(), await buildUser()];
    const url = `/training/courses/${course.id}`;
    const params = { courseId: course.id };
    const enrolled = await asUser(first.username, detail.action, url, { params, form: { intent: "enrol" } });
    expect(reply(enrolled)).toMatchObject({ status: "success", notice: "报名成功。" });
    const waiting = await asUser(second.username, detail.action, url, { params, form: { intent: "enrol" } });
    expect(reply(waiting)).toMatchObject({ status: "success", notice: "名额已满，你已进入候补名单。" });
    const page = (await asUser(second.username, detail.loader, url, { params })).data as { course: { viewerEnrolment: { status: string; waitlistPosition: number } } };
    expect(page.course.viewerEnrolment).toMatchObject({ status: "WAITLISTED", waitlistPosition: 1 });

    // Enrolling twice is not offered (403); withdrawing asks first and changes nothing until confirmed.
    expect((await asUser(first.username, detail.action, url, { params, form: { intent: "enrol" } })).status).toBe(403);
    const asked = await asUser(first.username, detail.action, url, { params, form: { intent: "withdraw" } });
    expect(reply(asked).status).toBe("confirm");
    expect(reply(asked).confirm?.message).toContain(course.title);
    expect((await prisma.trainingEnrolment.findUniqueOrThrow({ where: { courseId_userId: { courseId: course.id, userId: first.id } } })).status).toBe("ENROLLED");
    const done = await asUser(first.username, detail.action, url, { params, form: { intent: "withdraw", confirmed: "yes" } });
    expect(reply(done)).toMatchObject({ status: "success", notice: "你已退出该培训。" });
    expect((await prisma.trainingEnrolment.findUniqueOrThrow({ where: { courseId_userId: { courseId: course.id, userId: second.id } } })).status).toBe("ENROLLED");
  });

  it("lets only its organisers publish, cancel and see the roster; a mentor cannot enrol", async () => {
    const course = await publishedCourse();
    const counselor = await buildUser();
    const params = { courseId: course.id };
    const url = `/training/courses/${course.id}`;
    expect((await asUser(counselor.username, detail.action, url, { params, form: { intent: "cancel", confirmed: "yes" } })).status).toBe(403);
    expect((await asUser(counselor.username, roster.loader, `${url}/roster`, { params })).status).toBe(403);
    expect((await asUser(counselor.username, edit.loader, `${url}/edit`, { params })).status).toBe(403);
    expect((await asUser(mentor.username, detail.action, url, { params, form: { intent: "enrol" } })).status).toBe(403);
    expect((await prisma.trainingCourse.findUniqueOrThrow({ where: { id: course.id } })).status).toBe("PUBLISHED");

    const asked = await asUser(admin.username, detail.action, url, { params, form: { intent: "cancel" } });
    expect(reply(asked).status).toBe("confirm");
    expect((await prisma.trainingCourse.findUniqueOrThrow({ where: { id: course.id } })).status).toBe("PUBLISHED");
    expect(reply(await asUser(admin.username, detail.action, url, { params, form: { intent: "cancel", confirmed: "yes" } }))).toMatchObject({ status: "success", notice: "培训已取消。" });
    expect((await prisma.trainingCourse.findUniqueOrThrow({ where: { id: course.id } })).status).toBe("CANCELLED");
    expect((await asUser(admin.username, roster.loader, `${url}/roster`, { params })).status).toBe(200);
  });

  it("a college admin assigns their own college's people to a school course, never another college's", async () => {
    const college = await buildCollege();
    const other = await buildCollege();
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college });
    const mine = [await buildUser({ college }), await buildUser({ college })];
    const theirs = await buildUser({ college: other });
    const course = await publishedCourse();
    const params = { courseId: course.id };
    const url = `/training/courses/${course.id}`;
    const bad = await asUser(collegeAdmin.username, detail.action, url, { params, form: { intent: "assign", kind: "stage", stage: "NOBODY" } });
    expect(bad.status).toBe(400);
    const assign = (collegeId: string) => asUser(collegeAdmin.username, detail.action, url, { params, form: { intent: "assign", kind: "college", collegeId, confirmed: "yes" } });
    expect(reply(await assign(other.id))).toMatchObject({ status: "success", notice: "已安排：新报名 0 人，候补 0 人，已在名单中 0 人。" });
    expect(reply(await assign(college.id))).toMatchObject({ status: "success", notice: "已安排：新报名 2 人，候补 0 人，已在名单中 0 人。" });
    const enrolled = await prisma.trainingEnrolment.findMany({ where: { courseId: course.id }, select: { userId: true, source: true } });
    expect(enrolled.map((e) => e.userId).sort()).toEqual(mine.map((p) => p.id).sort());
    expect(enrolled.every((e) => e.source === "ASSIGNED")).toBe(true);
    expect(enrolled.some((e) => e.userId === theirs.id)).toBe(false);
    // A counselor may not assign at all.
    expect((await asUser(mine[0]!.username, detail.action, url, { params, form: { intent: "assign", kind: "college", collegeId: college.id, confirmed: "yes" } })).status).toBe(403);
  });
});

describe("creating and editing a course (/training/courses/new, /:id/edit)", () => {
  const form = async (overrides: Record<string, string | string[]> = {}) => ({
    intent: "create",
    title: unique("新建课程"),
    platformId: await platformId("LECTURE"),
    level: "SCHOOL",
    year: String(YEAR),
    speakerKind: "INVITED",
    duties: ["CRISIS", "CAREER"],
    "stageKind.NOVICE": "REQUIRED",
    "groupKind.BACKBONE": "ELECTIVE",
    capacity: "30",
    ...overrides,
  });

  it("学工部 creates a draft with its targets and duties, then adds a session and publishes it", async () => {
    const values = await form();
    const created = await asUser(admin.username, create.action, "/training/courses/new", { form: values });
    expect(created.status).toBe(302);
    const course = await prisma.trainingCourse.findFirstOrThrow({ where: { title: String(values.title) }, include: { targets: true } });
    expect(created.response?.headers.get("Location")).toBe(`/training/courses/${course.id}/edit?created=1`);
    expect(course).toMatchObject({ status: "DRAFT", capacity: 30, speakerKind: "INVITED", duties: ["CRISIS", "CAREER"] });
    expect(course.targets.map((t) => [t.stage, t.group, t.kind]).sort()).toEqual([[null, "BACKBONE", "ELECTIVE"], ["NOVICE", null, "REQUIRED"]]);

    const params = { courseId: course.id };
    const url = `/training/courses/${course.id}/edit`;
    const session = { intent: "addSession", startsAt: `${YEAR + 1}-03-10T14:00`, endsAt: `${YEAR + 1}-03-10T17:00`, place: "行政楼 201", hours: "3" };
    expect(reply(await asUser(admin.username, edit.action, url, { params, form: session }))).toMatchObject({ status: "success", notice: "场次已添加。" });
    const overlap = await asUser(admin.username, edit.action, url, { params, form: { ...session, startsAt: `${YEAR + 1}-03-10T16:00`, endsAt: `${YEAR + 1}-03-10T18:00` } });
    expect(overlap.status).toBe(400);
    expect(reply(overlap).error).toMatch(/^该场次与已有场次（.+ 开始）时间重叠。$/);
    expect(await prisma.trainingSession.count({ where: { courseId: course.id } })).toBe(1);
    const published = await asUser(admin.username, detail.action, `/training/courses/${course.id}`, { params, form: { intent: "publish", confirmed: "yes" } });
    expect(reply(published)).toMatchObject({ status: "success", notice: "培训已发布。" });
  });

  it("answers bad input in Chinese and writes nothing", async () => {
    const before = await prisma.trainingCourse.count();
    const noTitle = await asUser(admin.username, create.action, "/training/courses/new", { form: await form({ title: "" }) });
    expect(noTitle.status).toBe(400);
    expect(JSON.stringify(noTitle.data)).toContain("请填写名称。");
    const badWindow = await asUser(admin.username, create.action, "/training/courses/new", {
      form: await form({ enrolOpensAt: `${YEAR}-05-01T09:00`, enrolClosesAt: `${YEAR}-04-01T09:00` }),
    });
    expect(badWindow.status).toBe(400);
    expect(JSON.stringify(badWindow.data)).toContain("报名截止时间必须晚于开始报名时间。");
    expect(await prisma.trainingCourse.count()).toBe(before);

    const course = await publishedCourse({ capacity: 2 });
    await prisma.trainingEnrolment.createMany({ data: [await buildUser(), await buildUser()].map((p) => ({ courseId: course.id, userId: p.id, status: "ENROLLED" as const, source: "SELF" as const })) });
    const params = { courseId: course.id };
    const shrink = await asUser(admin.username, edit.action, `/training/courses/${course.id}/edit`, { params, form: { ...(await form({ title: course.title, capacity: "1" })), intent: "update" } });
    expect(shrink.status).toBe(400);
    expect(reply(shrink).error).toBe("名额不能少于已报名的 2 人。");
    expect((await prisma.trainingCourse.findUniqueOrThrow({ where: { id: course.id } })).capacity).toBe(2);
    const backwards = await asUser(admin.username, edit.action, `/training/courses/${course.id}/edit`, {
      params,
      form: { intent: "addSession", startsAt: `${YEAR + 1}-03-10T14:00`, endsAt: `${YEAR + 1}-03-10T13:00`, hours: "1" },
    });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.data)).toContain("结束时间必须晚于开始时间。");
  });

  it("refuses a counselor, and a college admin organising a school course or another college's", async () => {
    const counselor = await buildUser();
    expect((await asUser(counselor.username, create.loader, "/training/courses/new")).status).toBe(403);
    expect((await asUser(counselor.username, create.action, "/training/courses/new", { form: await form() })).status).toBe(403);
    const collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"] });
    const other = await buildCollege();
    expect((await asUser(collegeAdmin.username, create.loader, "/training/courses/new")).status).toBe(200);
    const before = await prisma.trainingCourse.count();
    expect((await asUser(collegeAdmin.username, create.action, "/training/courses/new", { form: await form() })).status).toBe(403);
    expect((await asUser(collegeAdmin.username, create.action, "/training/courses/new", { form: await form({ level: "COLLEGE", collegeId: other.id }) })).status).toBe(403);
    // Their own college has fewer than 6 full-time counselors: refused with the rule, in Chinese.
    const small = await asUser(collegeAdmin.username, create.action, "/training/courses/new", { form: await form({ level: "COLLEGE", collegeId: collegeAdmin.collegeId! }) });
    expect(reply(small).error).toMatch(/只有 \d+ 名专职辅导员（不足 6 人），院级培训须通过联合培训组组织/);
    expect(await prisma.trainingCourse.count()).toBe(before);
  });
});
