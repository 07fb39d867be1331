import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { buildDocument, buildProject, buildStudio, buildUser } from "../../tests/support/factories.ts";
import { unzipEntry } from "../../tests/support/zip.ts";
import { createActivity } from "./activities.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { currentCycle, gradeEvaluation, listEvaluations, submitEvaluation } from "./evaluations.server.ts";
import { createOutput, deleteOutput, listOutputs, resolveAuthors } from "./outputs.server.ts";
import { addMilestone, addTask, createProject, deleteProject, setTaskStatus, toggleMilestone } from "./projects.server.ts";
import { annualReport, reportDocx, reportXlsx } from "./report.server.ts";
import { studioDashboard } from "./studio-dashboard.server.ts";

/** A studio of its own for each test (leader, one backbone member, one newcomer) and a counselor outside it. */
const ids = async () => {
  const studio = await buildStudio();
  const counselor = await buildUser();
  return { studio, studioId: studio.id, leader: studio.leader, backbone: studio.backbone[0]!, counselor };
};
const code = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (isUserError(e) ? e.key.replace("studios.errors.", "") : Promise.reject(e)));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("projects, milestones and tasks", () => {
  it("creates a project of studio members; tasks go to project members and notify them", async () => {
    const { studioId, leader, backbone } = await ids();
    const projectId = await createProject(
      studioId,
      { title: "宿舍心理委员培训体系研究", level: "SCHOOL", status: "IN_PROGRESS", principalId: backbone.id, memberIds: [leader.id], startDate: day("2026-03-01") },
      leader.id,
    );
    const members = await prisma.projectMember.findMany({ where: { projectId }, orderBy: { role: "asc" } });
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [backbone.id, "PRINCIPAL"],
      [leader.id, "MEMBER"],
    ]);
    await addMilestone(projectId, { title: "开题论证", dueDate: day("2026-04-01") }, leader.id);
    const milestone = await prisma.milestone.findFirstOrThrow({ where: { projectId } });
    await toggleMilestone(projectId, milestone.id, leader.id);
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).completedAt).not.toBeNull();

    await addTask(projectId, { title: "设计培训问卷", assigneeId: backbone.id, dueDate: day("2020-01-01"), milestoneId: milestone.id }, leader);
    const task = await prisma.task.findFirstOrThrow({ where: { projectId } });
    expect(await prisma.notification.findFirstOrThrow({ where: { userId: backbone.id, type: "studios.notices.taskAssigned" } })).toMatchObject({
      data: { name: leader.name, task: "设计培训问卷", project: "宿舍心理委员培训体系研究" },
    });
    const overdue = (await studioDashboard(studioId)).overdue.map((t) => t.id);
    expect(overdue).toContain(task.id);
    await setTaskStatus(task.id, "DONE", backbone.id);
    const dashboard = await studioDashboard(studioId);
    expect(dashboard.overdue.map((t) => t.id)).not.toContain(task.id);
    expect(dashboard.activity.find((m) => m.userId === backbone.id)?.tasksDone90).toBeGreaterThanOrEqual(1);
  });

  it("refuses outsiders as project members or assignees, writing nothing", async () => {
    const { studio, studioId, leader, counselor } = await ids();
    const before = await prisma.project.count();
    expect(await code(createProject(studioId, { title: "外人课题", level: "SCHOOL", status: "PLANNING", principalId: counselor.id, memberIds: [] }, leader.id))).toBe(
      "projectMemberNotInStudio",
    );
    expect(await prisma.project.count()).toBe(before);
    const project = await buildProject({ studio, principal: leader });
    expect(await code(addTask(project.id, { title: "外人任务", assigneeId: counselor.id }, leader))).toBe("assigneeNotInProject");
  });

  it("deleting a project removes its tasks and milestones", async () => {
    const { studioId, leader } = await ids();
    const projectId = await createProject(studioId, { title: "待删除课题", level: "SCHOOL", status: "PLANNING", principalId: leader.id, memberIds: [] }, leader.id);
    await addTask(projectId, { title: "临时任务" }, leader);
    await deleteProject(projectId, leader.id);
    expect(await prisma.task.count({ where: { projectId } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "project.delete", entityId: projectId } })).toBe(1);
  });
});

describe("outputs", () => {
  it("links authors by 工号 or member name and keeps outside co-authors as names", async () => {
    const { studioId, leader, backbone } = await ids();
    const authors = await resolveAuthors(prisma, studioId, `${backbone.name}、${leader.username}，Smith J.；${backbone.name}`);
    expect(authors).toEqual([
      { userId: backbone.id, name: backbone.name, position: 0 },
      { userId: leader.id, name: leader.name, position: 1 },
      { userId: null, name: "Smith J.", position: 2 },
    ]);
  });

  it("stores an uploaded file with the output and removes it with the output", async () => {
    const { studioId, leader } = await ids();
    const file = new File([Buffer.from("%PDF-1.4 案例全文")], "案例全文.pdf", { type: "application/pdf" });
    const id = await createOutput(studioId, { type: "CASE", title: "新生适应案例", level: "SCHOOL", date: day("2026-05-01"), authors: leader.name }, file, leader.id);
    const output = await prisma.output.findUniqueOrThrow({ where: { id }, include: { file: true } });
    const stored = path.join(getRuntime().dataDir, output.file!.storagePath);
    expect(fs.readFileSync(stored, "utf8")).toBe("%PDF-1.4 案例全文");
    expect(output.file).toMatchObject({ name: "案例全文.pdf", mimeType: "application/pdf" });
    expect((await listOutputs(studioId, { year: 2026, page: 1 })).outputs.map((o) => o.id)).toContain(id);
    expect((await listOutputs(studioId, { year: 2019, page: 1 })).outputs.map((o) => o.id)).not.toContain(id);
    await deleteOutput(id, leader.id);
    expect(fs.existsSync(stored)).toBe(false);
    expect(await prisma.uploadedFile.count({ where: { id: output.file!.id } })).toBe(0);
  });

  it("refuses executables and documents of other studios, leaving no file behind", async () => {
    const { studioId, leader } = await ids();
    const exe = new File([Buffer.from("MZ")], "tool.exe");
    expect(await code(createOutput(studioId, { type: "PAPER", title: "x", level: "SCHOOL", date: day("2026-01-01"), authors: leader.name }, exe, leader.id))).toBe("badFileType");
    const other = await buildStudio();
    const foreign = await buildDocument({ studio: other, createdBy: other.leader, title: "别的工作室的笔记" });
    const dir = path.join(getRuntime().dataDir, "uploads", "outputs");
    const filesBefore = fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
    const pdf = new File([Buffer.from("%PDF")], "a.pdf");
    expect(
      await code(createOutput(studioId, { type: "PAPER", title: "x", level: "SCHOOL", date: day("2026-01-01"), authors: leader.name, documentId: foreign.id }, pdf, leader.id)),
    ).toBe("unknownDocument");
    expect(fs.existsSync(dir) ? fs.readdirSync(dir).length : 0).toBe(filesBefore);
  });
});

describe("annual report", () => {
  it("gathers the year's members, projects, outputs and activities, and exports them to .docx and .xlsx", async () => {
    const { studio, studioId, leader, backbone } = await ids();
    await createActivity(studioId, { kind: "SEMINAR", title: "2025年度朋辈互助专题研讨", date: day("2025-06-10"), location: "研讨室", participants: 25 }, leader.id);
    await createOutput(studioId, { type: "PAPER", title: "朋辈心理互助的实证研究", level: "PROVINCIAL", date: day("2025-10-01"), authors: `${leader.name}、${backbone.name}` }, undefined, leader.id);
    const report = await annualReport(studioId, 2025);
    expect(report.activities.map((a) => a.title)).toContain("2025年度朋辈互助专题研讨");
    expect(report.outputs.map((o) => o.title)).toContain("朋辈心理互助的实证研究");
    expect(report.outputs.every((o) => o.date.getUTCFullYear() === 2025)).toBe(true);
    expect(report.summary.outputsByType.PAPER).toBeGreaterThanOrEqual(1);
    expect(report.studio.leader).toBe(leader.name);

    const t = (await i18nFor("zh-CN")).t;
    const docx = await reportDocx(report, t, "zh-CN");
    const xml = unzipEntry(docx, "word/document.xml")!;
    expect(xml).toContain(`${studio.name} 2025 年度建设报告`);
    expect(xml).toContain("朋辈心理互助的实证研究");
    expect(xml).toContain("2025年度朋辈互助专题研讨");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx(report, t, "zh-CN")) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["概况", "成员", "课题", "成果", "活动", "月度交流例会"]);
    const outputs = workbook.getWorksheet("成果")!;
    expect(outputs.getRow(1).values).toEqual([undefined, "成果名称", "类型", "级别", "日期", "作者"]);
    const titles = outputs.getColumn(1).values.slice(2);
    expect(titles).toContain("朋辈心理互助的实证研究");
  });
});

describe("periodic evaluation", () => {
  it("the leader submits, 学工部 is told and grades once; the history stays", async () => {
    const { studio, studioId, leader } = await ids();
    const admin = await buildUser({ roles: ["ADMIN"] });
    const cycle = "2031-2032";
    // An earlier cycle, graded before: the history keeps it.
    await prisma.studioEvaluation.create({
      data: { studioId, cycle: "2030-2031", report: "上一周期的报告。", submittedById: leader.id, grade: "QUALIFIED", comments: "合格。", gradedById: admin.id, gradedAt: new Date() },
    });
    await submitEvaluation(studioId, { cycle, report: "本周期开展专题研讨 12 次，完成课题 2 项，形成案例集一部。" }, leader);
    expect(await prisma.notification.findFirstOrThrow({ where: { userId: admin.id, type: "studios.notices.evaluationSubmitted" } })).toMatchObject({
      data: { studio: studio.name, cycle },
    });
    // The leader may revise until it is graded.
    await submitEvaluation(studioId, { cycle, report: "修改后的报告：开展专题研讨 12 次，完成课题 2 项。" }, leader);
    const evaluation = (await listEvaluations(studioId)).find((e) => e.cycle === cycle)!;
    expect(evaluation.report).toContain("修改后的报告");
    await gradeEvaluation(studioId, evaluation.id, { grade: "EXCELLENT", comments: "成果突出。" }, admin.id);
    expect(await code(gradeEvaluation(studioId, evaluation.id, { grade: "QUALIFIED", comments: "改判" }, admin.id))).toBe("evaluationGraded");
    expect(await code(submitEvaluation(studioId, { cycle, report: "评定后又想修改报告内容。" }, leader))).toBe("evaluationGraded");
    const history = await listEvaluations(studioId);
    expect(history.find((e) => e.cycle === cycle)).toMatchObject({ grade: "EXCELLENT", comments: "成果突出。" });
    expect(history.map((e) => e.cycle).sort()).toEqual(["2030-2031", cycle]);
    expect(await prisma.notification.findFirstOrThrow({ where: { userId: leader.id, type: "studios.notices.evaluationGraded" } })).toBeTruthy();
  });

  it("names the academic cycle that ended last", () => {
    expect(currentCycle(new Date("2026-11-21T00:00:00Z"))).toBe("2025-2026");
    expect(currentCycle(new Date("2026-03-01T00:00:00Z"))).toBe("2024-2025");
  });
});
