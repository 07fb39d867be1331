import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { addAgendaItem, moveMeeting, updateAgendaItem } from "~/meetings/agenda.server.ts";
import { updateSeries } from "~/meetings/series.server.ts";
import { updatePersonalProfile, updateRecord } from "~/people/profile.server.ts";
import { recordSchema } from "~/people/schemas.ts";
import { updateProject } from "~/studios/projects.server.ts";
import { updateStudioDetails, updateStudioOfficial } from "~/studios/studios.server.ts";
import { createCourse, updateCourse } from "~/training/catalogue.server.ts";
import { courseSchema } from "~/training/schemas.ts";
import { buildCast, buildMeetingSeries, buildProject, buildQuestion, buildUser } from "../../tests/support/factories.ts";
import { whileAnotherSaves } from "../../tests/support/races.ts";
import { campForm } from "../../tests/support/camp-setup-forms.ts";
import { asUser } from "../../tests/support/signed-in.ts";

/**
 * Issue 27, item 5: two people edit the same record from pages opened on the same version. The
 * second save is refused with "已被他人修改" (409) listing what is stored now and what they typed;
 * nothing of the first is overwritten. Saving again on the version now stored keeps theirs.
 */
const conflictOf = async (work: Promise<unknown>) => {
  const outcome = await work.then(
    () => null,
    (error: unknown) => error,
  );
  if (!isUserError(outcome)) throw outcome ?? new Error("saved: expected 已被他人修改");
  expect(outcome).toMatchObject({ key: "kit.editedByOthers", status: 409 });
  return (outcome.details as { conflict: { version: string; fields: Array<{ label: string; theirs: unknown; yours: unknown }> } }).conflict;
};
const versionOf = async (studioId: string) => (await prisma.studio.findUniqueOrThrow({ where: { id: studioId } })).updatedAt.toISOString();
const official = (studio: { name: string }, description: string) => ({
  name: studio.name,
  duty: "MENTAL_HEALTH" as const,
  level: "SCHOOL" as const,
  budgetYuan: 10000,
  platform: "",
  description,
});

describe("studio settings: 学工部 and the leader save at once", () => {
  it("the second save is refused with both descriptions, and the first is kept", async () => {
    const { studio, admin, leader } = await buildCast();
    const version = await versionOf(studio.id);
    // The leader's page is older than 学工部's save.
    await updateStudioOfficial(studio.id, { ...official(studio, "学工部核定的工作室简介。"), version }, admin.id);
    const conflict = await conflictOf(updateStudioDetails(studio.id, { description: "负责人写的新简介。", platform: "", version }, leader.id));
    expect(conflict.fields).toEqual([{ label: "studios.create.description", theirs: "学工部核定的工作室简介。", yours: "负责人写的新简介。" }]);
    expect((await prisma.studio.findUniqueOrThrow({ where: { id: studio.id } })).description).toBe("学工部核定的工作室简介。");
    expect(conflict.version).toBe(await versionOf(studio.id));
    expect(await prisma.auditLog.count({ where: { action: "studio.update", entityId: studio.id } })).toBe(0);
    // Having seen both, the leader saves again on the version stored now: theirs is kept.
    await updateStudioDetails(studio.id, { description: "负责人写的新简介。", platform: "", version: conflict.version }, leader.id);
    expect((await prisma.studio.findUniqueOrThrow({ where: { id: studio.id } })).description).toBe("负责人写的新简介。");
  });

  it("at the same moment: the save that waited for the other is refused", async () => {
    const { studio, leader } = await buildCast();
    const version = await versionOf(studio.id);
    const outcome = await whileAnotherSaves([[`UPDATE "Studio" SET description = $1, "updatedAt" = now() WHERE id = $2`, ["同时保存的简介。", studio.id]]], () =>
      updateStudioDetails(studio.id, { description: "负责人的简介。", platform: "", version }, leader.id),
    );
    expect(outcome.status).toBe("rejected");
    const conflict = await conflictOf(Promise.reject((outcome as PromiseRejectedResult).reason));
    expect(conflict.fields).toEqual([{ label: "studios.create.description", theirs: "同时保存的简介。", yours: "负责人的简介。" }]);
    expect((await prisma.studio.findUniqueOrThrow({ where: { id: studio.id } })).description).toBe("同时保存的简介。");
  });

  it("学工部's official save on an old version lists each field that differs, with labels for enums", async () => {
    const { studio, admin, leader } = await buildCast();
    const version = await versionOf(studio.id);
    await updateStudioDetails(studio.id, { description: "负责人的简介。", platform: "心理中心", version }, leader.id);
    const conflict = await conflictOf(updateStudioOfficial(studio.id, { ...official(studio, "学工部的简介。"), duty: "CAREER", version }, admin.id));
    expect(conflict.fields).toEqual([
      { label: "studios.create.duty", theirs: { key: "duty.MENTAL_HEALTH" }, yours: { key: "duty.CAREER" } },
      { label: "studios.create.platform", theirs: "心理中心", yours: "" },
      { label: "studios.create.description", theirs: "负责人的简介。", yours: "学工部的简介。" },
    ]);
    expect(await prisma.studio.findUniqueOrThrow({ where: { id: studio.id } })).toMatchObject({ duty: "MENTAL_HEALTH", description: "负责人的简介。" });
  });

  it("a stale version whose fields nobody else changed differently saves; no version saves as before", async () => {
    const { studio, leader } = await buildCast();
    const version = await versionOf(studio.id);
    await updateStudioDetails(studio.id, { description: "同样的简介。", platform: "", version }, leader.id);
    // The same text from a second tab: nothing of the other is lost.
    await updateStudioDetails(studio.id, { description: "同样的简介。", platform: "", version }, leader.id);
    await updateStudioDetails(studio.id, { description: "脚本写的简介。", platform: "" }, leader.id);
    expect((await prisma.studio.findUniqueOrThrow({ where: { id: studio.id } })).description).toBe("脚本写的简介。");
  });

  it("through the page: 409, the sentence, both values, and the form keeps what was typed", async () => {
    const { studio, leader } = await buildCast();
    const admin = await buildUser({ roles: ["ADMIN"] });
    const edit = await import("~/routes/studios.$studioId.edit.tsx");
    const page = await asUser(leader.username, edit.loader, `/studios/${studio.id}/edit`, { params: { studioId: studio.id } });
    const { version } = page.data as { version: string };
    const save = (username: string, form: Record<string, string>) => asUser(username, edit.action, `/studios/${studio.id}/edit`, { params: { studioId: studio.id }, form });
    expect((await save(admin.username, { intent: "official", ...stringsOf(official(studio, "学工部的简介。")), foundedOn: "2024-09-01", version })).status).toBe(200);
    const second = await save(leader.username, { intent: "details", description: "负责人的简介。", platform: "", version });
    expect(second.status).toBe(409);
    expect(second.data).toMatchObject({
      intent: "details",
      status: "error",
      error: expect.stringMatching(/^已被他人修改/),
      details: { conflict: { fields: [{ label: "studios.create.description", theirs: "学工部的简介。", yours: "负责人的简介。" }] } },
      form: { initialValue: { description: "负责人的简介。" } },
    });
    expect((await prisma.studio.findUniqueOrThrow({ where: { id: studio.id } })).description).toBe("学工部的简介。");
    // A version that is not one is bad input, not a conflict.
    expect((await save(leader.username, { intent: "details", description: "x", platform: "", version: "昨天" })).status).toBe(400);
  });
});

const stringsOf = (values: Record<string, string | number>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));

describe("a project edited by its principal and the leader at once", () => {
  it("the second save is refused with the fields that differ, members by name; nothing of the first is lost", async () => {
    const { studio, leader, backbone, newcomer } = await buildCast();
    const project = await buildProject({ studio, principal: backbone, members: [newcomer], title: "朋辈互助课题" });
    const version = (await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).updatedAt.toISOString();
    const input = { title: "朋辈互助课题", level: "SCHOOL" as const, status: "PLANNING" as const, description: "", principalId: backbone.id, memberIds: [newcomer.id] };
    await updateProject(studio.id, project.id, { ...input, status: "IN_PROGRESS", memberIds: [], version }, backbone.id);
    const conflict = await conflictOf(updateProject(studio.id, project.id, { ...input, title: "朋辈互助课题（修订）", version }, leader.id));
    expect(conflict.fields).toEqual([
      { label: "studios.projects.title", theirs: "朋辈互助课题", yours: "朋辈互助课题（修订）" },
      { label: "studios.projects.status", theirs: { key: "projectStatus.IN_PROGRESS" }, yours: { key: "projectStatus.PLANNING" } },
      { label: "studios.projects.members", theirs: backbone.name, yours: [backbone.name, newcomer.name].sort((a, b) => a.localeCompare(b, "zh-CN")).join("、") },
    ]);
    const stored = await prisma.project.findUniqueOrThrow({ where: { id: project.id }, include: { members: true } });
    expect(stored).toMatchObject({ title: "朋辈互助课题", status: "IN_PROGRESS" });
    expect(stored.members.map((m) => m.userId)).toEqual([backbone.id]);
  });
});

describe("a profile edited by its owner and by 学工部 at once", () => {
  it("the owner's stale save of their own part is refused with both phone numbers; the record form too", async () => {
    const person = await buildUser();
    const admin = await buildUser({ roles: ["ADMIN"] });
    const version = (await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).updatedAt.toISOString();
    const personal = { intent: "personal" as const, specialties: [], specialtyTags: [] };
    await updatePersonalProfile(person.id, { ...personal, phone: "13800000001", version }, admin.id);
    const conflict = await conflictOf(updatePersonalProfile(person.id, { ...personal, phone: "13900000002", specialties: ["CAREER"], version }, person.id));
    expect(conflict.fields).toEqual([
      { label: "people.profile.phone", theirs: "13800000001", yours: "13900000002" },
      { label: "people.profile.specialties", theirs: [], yours: [{ key: "duty.CAREER" }] },
    ]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).phone).toBe("13800000001");

    const record = recordSchema.parse({ intent: "record", name: person.name, title: "LECTURER", fullTime: "yes" });
    const now = (await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).updatedAt.toISOString();
    await updateRecord(person.id, { ...record, position: "专职辅导员", version: now }, admin.id);
    const stale = await conflictOf(updateRecord(person.id, { ...record, position: "学院团委书记", version: now }, admin.id));
    expect(stale.fields).toEqual([{ label: "people.profile.position", theirs: "专职辅导员", yours: "学院团委书记" }]);
    expect((await prisma.counselorProfile.findUniqueOrThrow({ where: { userId: person.id } })).position).toBe("专职辅导员");
  });
});

describe("a training course edited by two organisers at once", () => {
  it("the second save is refused with both titles and capacities; the first is kept", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const platformId = (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code: "LECTURE" } })).id;
    const year = new Date().getUTCFullYear();
    const input = courseSchema.parse({ title: "心理危机干预专题培训", platformId, level: "SCHOOL", year, capacity: 30 });
    const courseId = await createCourse(input, admin.id);
    const version = (await prisma.trainingCourse.findUniqueOrThrow({ where: { id: courseId } })).updatedAt.toISOString();
    await updateCourse(courseId, { ...input, capacity: 40, version }, admin.id);
    const conflict = await conflictOf(updateCourse(courseId, { ...input, title: "心理危机干预专题培训（二期）", capacity: 25, version }, admin.id));
    expect(conflict.fields).toEqual([
      { label: "training.course.formTitle", theirs: "心理危机干预专题培训", yours: "心理危机干预专题培训（二期）" },
      { label: "training.course.formCapacity", theirs: "40", yours: "25" },
    ]);
    expect(await prisma.trainingCourse.findUniqueOrThrow({ where: { id: courseId } })).toMatchObject({ title: "心理危机干预专题培训", capacity: 40 });
  });
});

describe("a meeting series changed by two organisers at once, and a meeting moved twice", () => {
  it("the second change of the series is refused with both titles and places; the first is kept", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const series = await buildMeetingSeries({ organiser, title: "辅导员例会" }, [new Date(Date.now() + 40 * 86_400_000)]);
    const version = (await prisma.meetingSeries.findUniqueOrThrow({ where: { id: series.id } })).updatedAt.toISOString();
    const base = { title: "辅导员例会", weekOfMonth: 2, weekday: 3, startTime: "14:30", durationMinutes: 90, targets: [] };
    await updateSeries(series.id, { ...base, place: "行政楼 301", version }, organiser.id);
    const conflict = await conflictOf(updateSeries(series.id, { ...base, title: "辅导员月度例会", place: "图书馆报告厅", version }, organiser.id));
    expect(conflict.fields).toEqual([
      { label: "meetings.pages.newSeries.seriesTitle", theirs: "辅导员例会", yours: "辅导员月度例会" },
      { label: "meetings.pages.newSeries.place", theirs: "行政楼 301", yours: "图书馆报告厅" },
    ]);
    expect(await prisma.meetingSeries.findUniqueOrThrow({ where: { id: series.id } })).toMatchObject({ title: "辅导员例会", place: "行政楼 301" });
  });

  it("a meeting moved from a page opened before another move is refused with both times; the first move stands", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const start = new Date(Date.now() + 20 * 86_400_000);
    const series = await buildMeetingSeries({ organiser }, [start]);
    const meeting = series.meetings[0]!;
    const version = meeting.startsAt.toISOString();
    const first = new Date(start.getTime() + 86_400_000);
    const second = new Date(start.getTime() + 2 * 86_400_000);
    await moveMeeting(meeting.id, { startsAt: first, place: "第一会议室", version }, organiser);
    const conflict = await conflictOf(moveMeeting(meeting.id, { startsAt: second, place: "第二会议室", version }, organiser));
    expect(conflict.fields.map((f) => f.label)).toEqual(["meetings.pages.meeting.newTime", "meetings.pages.meeting.newPlace"]);
    expect(conflict.fields[1]).toEqual({ label: "meetings.pages.meeting.newPlace", theirs: "第一会议室", yours: "第二会议室" });
    expect(conflict.version).toBe(first.toISOString());
    expect(await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({ startsAt: first, place: "第一会议室" });
    // Having seen it, moving it again from the time it has now goes through.
    await moveMeeting(meeting.id, { startsAt: second, version: conflict.version }, organiser);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).startsAt).toEqual(second);
  });
});

describe("an agenda item changed by two organisers at once", () => {
  it("the second change is refused with both titles and lengths; the first is kept; saving again on the version now stored goes through", async () => {
    const organiser = await buildUser({ roles: ["ADMIN"] });
    const series = await buildMeetingSeries({ organiser }, [new Date(Date.now() + 20 * 86_400_000)]);
    const meeting = series.meetings[0]!;
    const segmentId = meeting.segmentIds[0]!;
    await addAgendaItem(meeting.id, { segmentId, title: "学习文件精神", minutes: 20 }, organiser.id);
    const item = await prisma.agendaItem.findFirstOrThrow({ where: { meetingId: meeting.id } });
    const version = item.updatedAt.toISOString();
    await updateAgendaItem(item.id, { segmentId, title: "学习全国会议精神", minutes: 30, version }, organiser.id);
    const conflict = await conflictOf(updateAgendaItem(item.id, { segmentId, title: "学习文件", minutes: 15, version }, organiser.id));
    expect(conflict.fields).toEqual([
      { label: "meetings.pages.agenda.title", theirs: "学习全国会议精神", yours: "学习文件" },
      { label: "meetings.pages.agenda.minutes", theirs: "30", yours: "15" },
    ]);
    expect(await prisma.agendaItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ title: "学习全国会议精神", minutes: 30 });
    await updateAgendaItem(item.id, { segmentId, title: "学习文件", minutes: 15, version: conflict.version }, organiser.id);
    expect(await prisma.agendaItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ title: "学习文件", minutes: 15 });
  });
});

describe("a camp's set-up saved by two organisers at once", () => {
  it("the second save is refused with both titles and the round whose schedule differs; nothing of the first is lost", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const [newCamp, editCamp] = await Promise.all([import("~/routes/camp.new.tsx"), import("~/routes/camp.$campId_.edit.tsx")]);
    const title = `能力训练营-${admin.username}`;
    const created = await asUser(admin.username, newCamp.action, "/camp/new", { form: { intent: "create", ...campForm(title) } });
    const campId = created.response!.headers.get("Location")!.split("/").at(-1)!;
    const url = `/camp/${campId}/edit`;
    const page = await asUser(admin.username, editCamp.loader, url, { params: { campId } });
    const { version } = (page.data as { camp: { version: string } }).camp;
    const save = (form: Record<string, string>) => asUser(admin.username, editCamp.action, url, { params: { campId }, form: { intent: "update", ...form, version } });
    expect((await save(campForm(`${title}（甲）`))).status).toBe(200);
    const second = await save({ ...campForm(`${title}（乙）`), "rounds.TALK.opensAt": "2026-12-20T09:00" });
    expect(second.status).toBe(409);
    const reply = second.data as { error: string; details: { conflict: { fields: Array<{ label: string; theirs: unknown; yours: unknown }> } } };
    expect(reply.error).toMatch(/^已被他人修改/);
    expect(reply.details.conflict.fields[0]).toEqual({ label: "camp.setup.form.campTitle", theirs: `${title}（甲）`, yours: `${title}（乙）` });
    expect(reply.details.conflict.fields.map((f) => f.label)).toEqual(["camp.setup.form.campTitle", "campRoundKind.TALK"]);
    expect((await prisma.camp.findUniqueOrThrow({ where: { id: campId } })).title).toBe(`${title}（甲）`);
  });
});

describe("a question of the bank edited from the same version by two people", () => {
  it("the second edit, made from version 1 after version 2 was written, is refused with both texts; version 2 stays current", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const { id } = await buildQuestion({ kind: "SINGLE", stem: "危机干预的第一步是？", options: ["评估风险", "通知家长"], answerKey: { kind: "SINGLE", correct: 0 }, category: "危机" });
    const route = await import("~/routes/camp.bank.$questionId_.edit.tsx");
    const url = `/camp/bank/${id}/edit`;
    const page = await asUser(admin.username, route.loader, url, { params: { questionId: id } });
    const { version } = page.data as { version: string };
    const form = (stem: string, second: string) => ({
      intent: "save",
      kind: "SINGLE",
      category: "危机",
      stem,
      duties: "CRISIS",
      difficulty: "3",
      explanation: "解析",
      "options[0].text": "评估风险",
      "options[0].correct": "on",
      "options[1].text": second,
      version,
    });
    const first = await asUser(admin.username, route.action, url, { params: { questionId: id }, form: form("危机干预的第一步应当是？", "通知家长") });
    expect(first.status).toBe(302);
    const second = await asUser(admin.username, route.action, url, { params: { questionId: id }, form: form("危机干预的第一步是？", "联系辅导员") });
    expect(second.status).toBe(409);
    const reply = second.data as { error: string; details: { conflict: { fields: Array<{ label: string; theirs: unknown; yours: unknown }> } } };
    expect(reply.error).toMatch(/^已被他人修改/);
    expect(reply.details.conflict.fields).toEqual([
      { label: "camp.bank.form.stem", theirs: "危机干预的第一步应当是？", yours: "危机干预的第一步是？" },
      { label: "camp.bank.form.answer", theirs: "A. 评估风险 ✓\nB. 通知家长", yours: "A. 评估风险 ✓\nB. 联系辅导员" },
    ]);
    const question = await prisma.question.findUniqueOrThrow({ where: { id }, include: { currentVersion: true } });
    expect(question.currentVersion).toMatchObject({ number: 2, stem: "危机干预的第一步应当是？" });
    expect(await prisma.questionVersion.count({ where: { questionId: id } })).toBe(2);
  });
});
