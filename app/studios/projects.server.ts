import { recordAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Level, ProjectRole, ProjectStatus, TaskStatus } from "~/generated/prisma/enums.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import type { ProjectResource } from "~/policy/projects.ts";
import type { StudioResource } from "~/policy/studios.ts";
import { UserError } from "~/lib/user-error.ts";
import { claimVersion, edited } from "~/lib/versioned.server.ts";

/** Projects (课题/项目) with members, milestones and tasks. */
export async function listProjects(studioId: string) {
  const projects = await prisma.project.findMany({
    where: { studioId },
    orderBy: [{ createdAt: "desc" }],
    select: {
      id: true,
      title: true,
      level: true,
      status: true,
      startDate: true,
      endDate: true,
      direction: { select: { name: true } },
      members: { where: { role: "PRINCIPAL" }, select: { user: { select: { name: true } } } },
      _count: { select: { tasks: true, members: true } },
      tasks: { where: { status: "DONE" }, select: { id: true } },
    },
  });
  return projects.map((p) => ({
    id: p.id,
    title: p.title,
    level: p.level,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    direction: p.direction?.name ?? null,
    principal: p.members[0]?.user.name ?? null,
    members: p._count.members,
    tasks: p._count.tasks,
    tasksDone: p.tasks.length,
  }));
}

/** The project and the viewer's part in it, for the policy. 404 unless it belongs to the studio. */
export async function loadProject(studio: StudioResource, projectId: string | undefined, viewerId: string) {
  const project = await prisma.project.findFirst({
    where: { id: projectId ?? "", studioId: studio.studioId },
    include: {
      direction: { select: { id: true, name: true } },
      members: { orderBy: [{ role: "asc" }, { user: { nameSortKey: "asc" } }, { user: { username: "asc" } }], select: { role: true, user: { select: { id: true, name: true } } } },
      milestones: { orderBy: { dueDate: "asc" } },
      tasks: {
        orderBy: [{ status: "asc" }, { dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
        include: { assignee: { select: { id: true, name: true } }, milestone: { select: { title: true } } },
      },
    },
  });
  if (!project) throw new Response("Not Found", { status: 404 });
  const viewerProjectRole: ProjectRole | null = project.members.find((m) => m.user.id === viewerId)?.role ?? null;
  const resource: ProjectResource = { studio, viewerProjectRole };
  return { project, resource };
}

export interface ProjectInput {
  title: string;
  level: Level;
  status: ProjectStatus;
  directionId?: string;
  description?: string;
  startDate?: Date;
  endDate?: Date;
  principalId: string;
  memberIds: string[];
}

/** Project members are studio members; the direction belongs to the studio. */
async function checkProjectInput(db: Db, studioId: string, input: ProjectInput) {
  const people = [...new Set([input.principalId, ...input.memberIds])];
  const members = await db.studioMembership.count({ where: { studioId, userId: { in: people } } });
  if (members !== people.length) throw new UserError("studios.errors.projectMemberNotInStudio");
  if (input.directionId && !(await db.direction.findFirst({ where: { id: input.directionId, studioId }, select: { id: true } }))) {
    throw new UserError("studios.errors.unknownDirection");
  }
  return people;
}

function projectData(input: ProjectInput) {
  return {
    title: input.title,
    level: input.level,
    status: input.status,
    directionId: input.directionId || null,
    description: input.description ?? "",
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
  };
}

export async function createProject(studioId: string, input: ProjectInput, actorId: string): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const people = await checkProjectInput(tx, studioId, input);
    const project = await tx.project.create({ data: { studioId, ...projectData(input) } });
    await tx.projectMember.createMany({
      data: people.map((userId) => ({ projectId: project.id, userId, role: userId === input.principalId ? ("PRINCIPAL" as const) : ("MEMBER" as const) })),
    });
    await recordAudit(tx, { actorId, action: "project.create", entityType: "Project", entityId: project.id, data: { studioId, title: input.title, principalId: input.principalId } });
    return project.id;
  });
}

/**
 * Saves a project's form. One made against an older version of the project (`version`) is refused
 * with the fields that differ, nothing written (decision 095).
 */
export async function updateProject(studioId: string, projectId: string, { version, ...input }: ProjectInput & { version?: string }, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const people = await checkProjectInput(tx, studioId, input);
    const names = async (ids: string[]) => {
      const users = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
      return ids.map((id) => users.find((u) => u.id === id)?.name ?? "");
    };
    const memberNames = async (ids: string[]) => (await names([...ids].sort())).sort((a, b) => a.localeCompare(b, "zh-CN"));
    const data = projectData(input);
    await claimVersion(version, {
      claim: (updatedAt) => tx.project.updateMany({ where: { id: projectId, updatedAt }, data: { updatedAt: new Date() } }),
      current: async () => {
        const project = await tx.project.findUnique({ where: { id: projectId }, include: { direction: { select: { name: true } }, members: { select: { userId: true, role: true } } } });
        if (!project) return null;
        const principal = project.members.find((m) => m.role === "PRINCIPAL")?.userId;
        return {
          ...project,
          direction: project.direction?.name ?? "",
          principal: principal ? (await names([principal]))[0] : "",
          members: await memberNames(project.members.map((m) => m.userId)),
        };
      },
      fields: {
        title: edited("studios.projects.title", data.title),
        level: edited("studios.projects.level", data.level, (level) => ({ key: `level.${level}` })),
        status: edited("studios.projects.status", data.status, (status) => ({ key: `projectStatus.${status}` })),
        direction: edited("studios.projects.direction", data.directionId ? ((await tx.direction.findUnique({ where: { id: data.directionId }, select: { name: true } }))?.name ?? "") : ""),
        principal: edited("studios.projects.principal", (await names([input.principalId]))[0]),
        members: edited("studios.projects.members", await memberNames(people)),
        startDate: edited("studios.projects.startDate", data.startDate),
        endDate: edited("studios.projects.endDate", data.endDate),
        description: edited("studios.projects.description", data.description),
      },
    });
    await tx.project.update({ where: { id: projectId }, data });
    await tx.projectMember.deleteMany({ where: { projectId } });
    await tx.projectMember.createMany({
      data: people.map((userId) => ({ projectId, userId, role: userId === input.principalId ? ("PRINCIPAL" as const) : ("MEMBER" as const) })),
    });
    // Tasks of people no longer on the project become unassigned.
    await tx.task.updateMany({ where: { projectId, assigneeId: { notIn: people } }, data: { assigneeId: null } });
    await recordAudit(tx, { actorId, action: "project.update", entityType: "Project", entityId: projectId, data: { title: input.title, status: input.status, members: people } });
  });
}

export async function deleteProject(projectId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const project = await tx.project.delete({ where: { id: projectId } });
    await recordAudit(tx, { actorId, action: "project.delete", entityType: "Project", entityId: projectId, data: { studioId: project.studioId, title: project.title } });
  });
}

export async function addMilestone(projectId: string, input: { title: string; dueDate: Date }, actorId: string) {
  await prisma.$transaction(async (tx) => {
    // The fields by name: a form's value carries more (its intent), which Prisma refuses.
    const milestone = await tx.milestone.create({ data: { projectId, title: input.title, dueDate: input.dueDate } });
    await recordAudit(tx, { actorId, action: "milestone.create", entityType: "Milestone", entityId: milestone.id, data: { projectId, title: input.title } });
  });
}

export async function toggleMilestone(projectId: string, milestoneId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const milestone = await tx.milestone.findFirst({ where: { id: milestoneId, projectId } });
    if (!milestone) throw new Response("Not Found", { status: 404 });
    const completedAt = milestone.completedAt ? null : new Date();
    await tx.milestone.update({ where: { id: milestoneId }, data: { completedAt } });
    await recordAudit(tx, { actorId, action: completedAt ? "milestone.complete" : "milestone.reopen", entityType: "Milestone", entityId: milestoneId, data: { projectId } });
  });
}

/** A new task; its assignee (a project member) is told. */
export async function addTask(
  projectId: string,
  input: { title: string; assigneeId?: string; dueDate?: Date; milestoneId?: string },
  actor: { id: string; name: string },
) {
  const deliver = await prisma.$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { title: true, studioId: true } });
    if (input.assigneeId && !(await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId: input.assigneeId } } }))) {
      throw new UserError("studios.errors.assigneeNotInProject");
    }
    if (input.milestoneId && !(await tx.milestone.findFirst({ where: { id: input.milestoneId, projectId } }))) throw new UserError("studios.errors.unknownMilestone");
    const task = await tx.task.create({
      data: { projectId, title: input.title, assigneeId: input.assigneeId || null, dueDate: input.dueDate ?? null, milestoneId: input.milestoneId || null },
    });
    await recordAudit(tx, { actorId: actor.id, action: "task.create", entityType: "Task", entityId: task.id, data: { projectId, title: input.title, assigneeId: input.assigneeId ?? null } });
    return createNotifications(
      tx,
      input.assigneeId && input.assigneeId !== actor.id
        ? [
            {
              userId: input.assigneeId,
              type: "studios.notices.taskAssigned",
              data: { name: actor.name, task: input.title, project: project.title },
              link: `/studios/${project.studioId}/projects/${projectId}`,
            },
          ]
        : [],
    );
  });
  deliver();
}

export async function findTask(projectId: string, taskId: string) {
  return prisma.task.findFirst({ where: { id: taskId, projectId }, select: { id: true, assigneeId: true, title: true, status: true } });
}

export async function setTaskStatus(taskId: string, status: TaskStatus, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const task = await tx.task.update({ where: { id: taskId }, data: { status, completedAt: status === "DONE" ? new Date() : null } });
    await recordAudit(tx, { actorId, action: "task.status", entityType: "Task", entityId: taskId, data: { projectId: task.projectId, status } });
  });
}

export async function deleteTask(taskId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const task = await tx.task.delete({ where: { id: taskId } });
    await recordAudit(tx, { actorId, action: "task.delete", entityType: "Task", entityId: taskId, data: { projectId: task.projectId, title: task.title } });
  });
}

/** Studio members to choose project members from. */
export function studioMembers(studioId: string) {
  return prisma.studioMembership.findMany({
    where: { studioId },
    orderBy: [{ role: "asc" }, { user: { nameSortKey: "asc" } }, { user: { username: "asc" } }],
    select: { role: true, user: { select: { id: true, name: true } } },
  });
}
