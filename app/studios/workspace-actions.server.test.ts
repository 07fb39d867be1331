import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildCast, buildProject, buildStudio, type Cast } from "../../tests/support/factories.ts";
import { asUser, cookieFor } from "../../tests/support/signed-in.ts";
import { MAX_OUTPUT_FILE_BYTES } from "./output-files.ts";

/**
 * The studio workspace pages on the one action protocol (decision 054): projects, a project's page,
 * outputs, activities and evaluations. Each intent authorises through the policy (403, nothing
 * written), answers bad input with the field's Chinese error (400), and destructive intents ask
 * first and change nothing until `confirmed=yes`.
 */
let cast: Cast;
let studioId: string;
let projects: typeof import("~/routes/studios.$studioId.projects._index.tsx");
let project: typeof import("~/routes/studios.$studioId.projects.$projectId.tsx");
let outputs: typeof import("~/routes/studios.$studioId.outputs._index.tsx");
let activities: typeof import("~/routes/studios.$studioId.activities.tsx");
let evaluations: typeof import("~/routes/studios.$studioId.evaluations.tsx");
beforeAll(async () => {
  cast = await buildCast({ studio: { backbone: 2 } });
  studioId = cast.studio.id;
  // The route modules load once, before the tests (their first import compiles much of the app).
  [projects, project, outputs, activities, evaluations] = await Promise.all([
    import("~/routes/studios.$studioId.projects._index.tsx"),
    import("~/routes/studios.$studioId.projects.$projectId.tsx"),
    import("~/routes/studios.$studioId.outputs._index.tsx"),
    import("~/routes/studios.$studioId.activities.tsx"),
    import("~/routes/studios.$studioId.evaluations.tsx"),
  ]);
});

type Reply = { intent: string; status: string; notice?: string; error?: string; confirm?: { message: string; fields: Array<[string, string]> } };
const reply = (response: { data: unknown }) => response.data as Reply;
const text = (response: { data: unknown }) => JSON.stringify(response.data);

describe("projects (studios/:id/projects)", () => {
  const url = () => `/studios/${studioId}/projects`;
  const fields = () => ({ intent: "create", title: "路由测试课题", level: "SCHOOL", status: "PLANNING", principalId: cast.backbone.id });
  const count = () => prisma.project.count({ where: { studioId, title: "路由测试课题" } });

  it("a newcomer cannot open one; an untitled one is refused in Chinese; the leader's opens its page", async () => {
    expect((await asUser(cast.newcomer.username, projects.action, url(), { params: { studioId }, form: fields() })).status).toBe(403);
    const untitled = await asUser(cast.leader.username, projects.action, url(), { params: { studioId }, form: { ...fields(), title: "" } });
    expect(untitled.status).toBe(400);
    expect(text(untitled)).toContain("请填写课题名称。");
    expect(await count()).toBe(0);
    const created = await asUser(cast.leader.username, projects.action, url(), { params: { studioId }, form: fields() });
    expect(created.status).toBe(302);
    const row = await prisma.project.findFirstOrThrow({ where: { studioId, title: "路由测试课题" } });
    expect(created.response?.headers.get("Location")).toBe(`/studios/${studioId}/projects/${row.id}`);
  });

  it("someone outside the studio cannot be on a project: a sentence, nothing written", async () => {
    const before = await prisma.project.count({ where: { studioId } });
    const response = await asUser(cast.leader.username, projects.action, url(), {
      params: { studioId },
      form: { ...fields(), title: "有外人的课题", memberIds: [cast.outsider.id] },
    });
    expect(response.status).toBe(409);
    expect(reply(response)).toMatchObject({ intent: "create", status: "error", error: "课题成员必须是本工作室成员。" });
    expect(await prisma.project.count({ where: { studioId } })).toBe(before);
  });
});

describe("a project's page (studios/:id/projects/:projectId)", () => {
  /** A project led by the first backbone member; the newcomer does one of its two tasks. */
  async function setUp() {
    const built = await buildProject({
      studio: cast.studio,
      principal: cast.backbone,
      members: [cast.newcomer],
      tasks: [{ title: "整理访谈记录", assignee: cast.newcomer }, { title: "撰写开题报告" }],
    });
    const params = { studioId, projectId: built.id };
    const post = (who: { username: string }, form: Record<string, string | string[]>) =>
      asUser(who.username, project.action, `/studios/${studioId}/projects/${built.id}`, { params, form });
    return { ...built, post };
  }

  it("the principal edits it (another backbone member may not); a blank title is refused in Chinese", async () => {
    const { id, post } = await setUp();
    const form = { intent: "update", title: "改过名的课题", level: "SCHOOL", status: "IN_PROGRESS", principalId: cast.backbone.id, memberIds: [cast.newcomer.id] };
    expect((await post(cast.studio.backbone[1]!, form)).status).toBe(403);
    const blank = await post(cast.backbone, { ...form, title: " " });
    expect(blank.status).toBe(400);
    expect(text(blank)).toContain("请填写课题名称。");
    expect((await prisma.project.findUniqueOrThrow({ where: { id } })).title).not.toBe("改过名的课题");
    expect(reply(await post(cast.backbone, form))).toMatchObject({ intent: "update", status: "success", notice: "课题信息已保存。" });
    expect((await prisma.project.findUniqueOrThrow({ where: { id } })).title).toBe("改过名的课题");
  });

  it("deleting the project asks first, is the leader's alone, and then goes back to the list", async () => {
    const { id, title, post } = await setUp();
    // The principal manages the project but may not delete it.
    expect((await post(cast.backbone, { intent: "delete-project", confirmed: "yes" })).status).toBe(403);
    const asked = await post(cast.leader, { intent: "delete-project" });
    expect(reply(asked)).toMatchObject({ intent: "delete-project", status: "confirm", confirm: { message: `确定删除课题“${title}”吗？其任务和里程碑将一并删除。` } });
    expect(await prisma.project.count({ where: { id } })).toBe(1);
    const done = await post(cast.leader, { intent: "delete-project", confirmed: "yes" });
    expect(done.status).toBe(302);
    expect(done.response?.headers.get("Location")).toBe(`/studios/${studioId}/projects`);
    expect(await prisma.project.count({ where: { id } })).toBe(0);
  });

  it("milestones and tasks: a newcomer cannot add them; missing names are refused in Chinese; a milestone is completed", async () => {
    const { id, post } = await setUp();
    expect((await post(cast.newcomer, { intent: "add-task", title: "新任务" })).status).toBe(403);
    const untitledTask = await post(cast.backbone, { intent: "add-task", title: "" });
    expect(untitledTask.status).toBe(400);
    expect(text(untitledTask)).toContain("请填写任务名称。");
    const untitledMilestone = await post(cast.backbone, { intent: "add-milestone", title: "", dueDate: "2026-06-30" });
    expect(untitledMilestone.status).toBe(400);
    expect(text(untitledMilestone)).toContain("请填写里程碑名称。");
    expect(reply(await post(cast.backbone, { intent: "add-milestone", title: "中期检查", dueDate: "2026-06-30" }))).toMatchObject({ status: "success", notice: "里程碑已添加。" });
    const milestone = await prisma.milestone.findFirstOrThrow({ where: { projectId: id } });
    expect((await post(cast.newcomer, { intent: "toggle-milestone", milestoneId: milestone.id })).status).toBe(403);
    expect(reply(await post(cast.backbone, { intent: "toggle-milestone", milestoneId: milestone.id }))).toMatchObject({ notice: "里程碑已更新。" });
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).completedAt).not.toBeNull();
  });

  it("a task's assignee moves it along, nobody else on the team does; another project's task is not found", async () => {
    const { taskIds, post } = await setUp();
    const [mine, other] = taskIds as [string, string];
    expect((await post(cast.newcomer, { intent: "task-status", taskId: other, status: "DONE" })).status).toBe(403);
    expect(reply(await post(cast.newcomer, { intent: "task-status", taskId: mine, status: "DONE" }))).toMatchObject({ status: "success", notice: "任务状态已更新。" });
    expect((await prisma.task.findUniqueOrThrow({ where: { id: mine } })).status).toBe("DONE");
    expect((await prisma.task.findUniqueOrThrow({ where: { id: other } })).status).toBe("TODO");
    const bad = await post(cast.newcomer, { intent: "task-status", taskId: mine, status: "FINISHED" });
    expect(bad.status).toBe(400);
    expect(text(bad)).toContain("请选择列表中的一项。");
    const elsewhere = await buildProject({ studio: await buildStudio(), principal: cast.leader, tasks: [{}] });
    expect((await post(cast.leader, { intent: "task-status", taskId: elsewhere.taskIds[0]!, status: "DONE" })).status).toBe(404);
  });

  it("deleting a task asks first and deletes nothing until confirmed; its assignee may not", async () => {
    const { taskIds, post } = await setUp();
    const task = taskIds[0]!;
    const asked = await post(cast.backbone, { intent: "delete-task", taskId: task });
    expect(reply(asked)).toMatchObject({ status: "confirm", confirm: { message: "确定删除任务“整理访谈记录”吗？", fields: [["intent", "delete-task"], ["taskId", task]] } });
    expect(await prisma.task.count({ where: { id: task } })).toBe(1);
    expect((await post(cast.newcomer, { intent: "delete-task", taskId: task, confirmed: "yes" })).status).toBe(403);
    expect(await prisma.task.count({ where: { id: task } })).toBe(1);
    expect(reply(await post(cast.backbone, { intent: "delete-task", taskId: task, confirmed: "yes" }))).toMatchObject({ status: "success", notice: "任务已删除。" });
    expect(await prisma.task.count({ where: { id: task } })).toBe(0);
  });
});

describe("outputs (studios/:id/outputs)", () => {
  const url = () => `/studios/${studioId}/outputs`;
  const fields = { intent: "create", type: "PAPER", title: "路由测试论文", level: "SCHOOL", date: "2026-05-01", authors: "张三" };

  it("someone outside the studio cannot record one; an untitled one is refused in Chinese; a member records one", async () => {
    const count = () => prisma.output.count({ where: { studioId, title: fields.title } });
    expect((await asUser(cast.outsider.username, outputs.action, url(), { params: { studioId }, form: fields })).status).toBe(403);
    const untitled = await asUser(cast.newcomer.username, outputs.action, url(), { params: { studioId }, form: { ...fields, title: "" } });
    expect(untitled.status).toBe(400);
    expect(text(untitled)).toContain("请填写成果名称。");
    expect(await count()).toBe(0);
    expect(reply(await asUser(cast.newcomer.username, outputs.action, url(), { params: { studioId }, form: fields }))).toMatchObject({ status: "success", notice: "成果已登记。" });
    expect(await count()).toBe(1);
  });

  it("a file over the limit is refused in Chinese before anything is stored", async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...fields, title: "太大的成果" })) form.append(name, value);
    form.append("file", new File([new Uint8Array(MAX_OUTPUT_FILE_BYTES + 1)], "大文件.pdf", { type: "application/pdf" }));
    const request = new Request(`http://localhost${url()}`, { method: "POST", headers: { Cookie: await cookieFor(cast.leader.username) }, body: form });
    const result = (await outputs.action({ request, params: { studioId }, context: {} })) as unknown as { data: Reply; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(result.data).toMatchObject({ status: "error", error: `文件超过 ${MAX_OUTPUT_FILE_BYTES / 1024 / 1024} MB。` });
    expect(await prisma.output.count({ where: { studioId, title: "太大的成果" } })).toBe(0);
  });

  it("deleting asks first and deletes nothing until confirmed; a member who is not an author may not", async () => {
    const output = await prisma.output.create({ data: { studioId, type: "CASE", title: "待删除的成果", date: new Date("2026-01-01") } });
    const form = { intent: "delete", outputId: output.id };
    const asked = await asUser(cast.leader.username, outputs.action, url(), { params: { studioId }, form });
    expect(reply(asked)).toMatchObject({ status: "confirm", confirm: { message: "确定删除成果“待删除的成果”吗？上传的文件也会删除。" } });
    expect(await prisma.output.count({ where: { id: output.id } })).toBe(1);
    expect((await asUser(cast.newcomer.username, outputs.action, url(), { params: { studioId }, form: { ...form, confirmed: "yes" } })).status).toBe(403);
    expect(await prisma.output.count({ where: { id: output.id } })).toBe(1);
    expect(reply(await asUser(cast.leader.username, outputs.action, url(), { params: { studioId }, form: { ...form, confirmed: "yes" } }))).toMatchObject({ notice: "成果已删除。" });
    expect(await prisma.output.count({ where: { id: output.id } })).toBe(0);
  });
});

describe("activities (studios/:id/activities)", () => {
  const url = () => `/studios/${studioId}/activities`;
  const fields = { intent: "create", kind: "TRAINING", title: "路由测试活动", date: "2026-05-01" };

  it("someone outside cannot record one; an untitled one is refused in Chinese; a member records one", async () => {
    const count = () => prisma.studioActivity.count({ where: { studioId, title: fields.title } });
    expect((await asUser(cast.outsider.username, activities.action, url(), { params: { studioId }, form: fields })).status).toBe(403);
    const untitled = await asUser(cast.newcomer.username, activities.action, url(), { params: { studioId }, form: { ...fields, title: "" } });
    expect(untitled.status).toBe(400);
    expect(text(untitled)).toContain("请填写活动名称。");
    expect(await count()).toBe(0);
    expect(reply(await asUser(cast.newcomer.username, activities.action, url(), { params: { studioId }, form: fields }))).toMatchObject({ notice: "活动已记录。" });
    expect(await count()).toBe(1);
  });

  it("deleting asks first and deletes nothing until confirmed; only who recorded it (or the leader) may", async () => {
    const activity = await prisma.studioActivity.create({
      data: { studioId, kind: "TRAINING", title: "待删除的活动", date: new Date("2026-01-01"), createdById: cast.backbone.id },
    });
    const form = { intent: "delete", activityId: activity.id };
    const asked = await asUser(cast.backbone.username, activities.action, url(), { params: { studioId }, form });
    expect(reply(asked)).toMatchObject({ status: "confirm", confirm: { message: "确定删除活动“待删除的活动”吗？" } });
    expect(await prisma.studioActivity.count({ where: { id: activity.id } })).toBe(1);
    expect((await asUser(cast.newcomer.username, activities.action, url(), { params: { studioId }, form: { ...form, confirmed: "yes" } })).status).toBe(403);
    expect(await prisma.studioActivity.count({ where: { id: activity.id } })).toBe(1);
    expect(reply(await asUser(cast.backbone.username, activities.action, url(), { params: { studioId }, form: { ...form, confirmed: "yes" } }))).toMatchObject({ notice: "活动已删除。" });
    expect(await prisma.studioActivity.count({ where: { id: activity.id } })).toBe(0);
  });
});

describe("evaluations (studios/:id/evaluations)", () => {
  const url = () => `/studios/${studioId}/evaluations`;
  const report = "本周期工作室完成了两项课题研究，开展培训六次，形成成果三项。";

  it("only the leader submits; a wrong cycle and a short report are refused in Chinese; 学工部 grades once", async () => {
    const evaluationsOf = () => prisma.studioEvaluation.count({ where: { studioId } });
    expect((await asUser(cast.backbone.username, evaluations.action, url(), { params: { studioId }, form: { intent: "submit", cycle: "2024-2025", report } })).status).toBe(403);
    const badCycle = await asUser(cast.leader.username, evaluations.action, url(), { params: { studioId }, form: { intent: "submit", cycle: "2024-2026", report } });
    expect(badCycle.status).toBe(400);
    expect(text(badCycle)).toContain("考核周期应写成相邻两年，例如 2025-2026。");
    const short = await asUser(cast.leader.username, evaluations.action, url(), { params: { studioId }, form: { intent: "submit", cycle: "2024-2025", report: "太短" } });
    expect(short.status).toBe(400);
    expect(text(short)).toContain("书面报告至少 20 个字。");
    expect(await evaluationsOf()).toBe(0);
    const submitted = await asUser(cast.leader.username, evaluations.action, url(), { params: { studioId }, form: { intent: "submit", cycle: "2024-2025", report } });
    expect(reply(submitted)).toMatchObject({ intent: "submit", status: "success", notice: "报告已提交，学工部评定后会通知您。" });
    const evaluation = await prisma.studioEvaluation.findFirstOrThrow({ where: { studioId } });

    const grade = { intent: "grade", evaluationId: evaluation.id, grade: "EXCELLENT", comments: "成效显著。" };
    expect((await asUser(cast.leader.username, evaluations.action, url(), { params: { studioId }, form: grade })).status).toBe(403);
    const noComments = await asUser(cast.admin.username, evaluations.action, url(), { params: { studioId }, form: { ...grade, comments: "" } });
    expect(noComments.status).toBe(400);
    expect(text(noComments)).toContain("请填写评定意见。");
    expect((await prisma.studioEvaluation.findUniqueOrThrow({ where: { id: evaluation.id } })).grade).toBeNull();
    expect(reply(await asUser(cast.admin.username, evaluations.action, url(), { params: { studioId }, form: grade }))).toMatchObject({ status: "success", notice: "评定已保存，负责人会收到通知。" });
    const again = await asUser(cast.admin.username, evaluations.action, url(), { params: { studioId }, form: { ...grade, grade: "QUALIFIED" } });
    expect(again.status).toBe(409);
    expect(reply(again).error).toBe("2024-2025 周期已评定，不能再修改。");
    expect((await prisma.studioEvaluation.findUniqueOrThrow({ where: { id: evaluation.id } })).grade).toBe("EXCELLENT");
    expect((await asUser(cast.admin.username, evaluations.action, url(), { params: { studioId }, form: { ...grade, evaluationId: "nope" } })).status).toBe(404);
  });
});
