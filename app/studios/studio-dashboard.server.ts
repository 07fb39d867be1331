import { prisma } from "~/db/client.server.ts";
import { schoolToday } from "~/lib/calendar-date.ts";

/**
 * The leader's studio dashboard (工作台): overdue and upcoming tasks, this year's outputs, and how
 * active each member has been (tasks finished, documents worked on, outputs authored).
 */
export async function studioDashboard(studioId: string, now = new Date()) {
  const today = schoolToday(now);
  const soon = new Date(today.getTime() + 14 * 86_400_000);
  const yearStart = new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const since90 = new Date(now.getTime() - 90 * 86_400_000);
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const taskSelect = {
    id: true,
    title: true,
    dueDate: true,
    status: true,
    assignee: { select: { id: true, name: true } },
    project: { select: { id: true, title: true } },
  } as const;

  const [overdue, upcoming, outputs, members, pendingRequests] = await Promise.all([
    prisma.task.findMany({
      where: { project: { studioId }, status: { not: "DONE" }, dueDate: { lt: today } },
      orderBy: { dueDate: "asc" },
      take: 50,
      select: taskSelect,
    }),
    prisma.task.findMany({
      where: { project: { studioId }, status: { not: "DONE" }, dueDate: { gte: today, lte: soon } },
      orderBy: { dueDate: "asc" },
      take: 20,
      select: taskSelect,
    }),
    prisma.output.findMany({
      where: { studioId, date: { gte: yearStart } },
      orderBy: { date: "desc" },
      select: { id: true, title: true, type: true, level: true, date: true },
    }),
    prisma.studioMembership.findMany({
      where: { studioId },
      orderBy: [{ role: "asc" }, { user: { nameSortKey: "asc" } }, { user: { username: "asc" } }],
      select: {
        role: true,
        joinedAt: true,
        user: {
          select: {
            id: true,
            name: true,
            assignedTasks: {
              where: { project: { studioId } },
              select: { status: true, dueDate: true, completedAt: true },
            },
            documentAuthors: {
              where: { document: { studioId, updatedAt: { gte: since30 } } },
              select: { document: { select: { updatedAt: true } } },
            },
            outputAuthors: { where: { output: { studioId, date: { gte: yearStart } } }, select: { outputId: true } },
          },
        },
      },
    }),
    prisma.studioJoinRequest.count({ where: { studioId, status: "PENDING", kind: "APPLICATION" } }),
  ]);

  const activity = members.map((m) => {
    const tasks = m.user.assignedTasks;
    const done = tasks.filter((task) => task.completedAt && task.completedAt >= since90);
    const dates = [...done.map((task) => task.completedAt!), ...m.user.documentAuthors.map((d) => d.document.updatedAt)];
    return {
      userId: m.user.id,
      name: m.user.name,
      role: m.role,
      tasksDone90: done.length,
      tasksOpen: tasks.filter((task) => task.status !== "DONE").length,
      tasksOverdue: tasks.filter((task) => task.status !== "DONE" && task.dueDate && task.dueDate < today).length,
      documents30: m.user.documentAuthors.length,
      outputsThisYear: m.user.outputAuthors.length,
      lastActive: dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null,
    };
  });
  return { year: today.getUTCFullYear(), overdue, upcoming, outputs, activity, pendingRequests };
}
