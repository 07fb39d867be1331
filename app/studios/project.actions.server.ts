import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { loadStudioAccess } from "./access.server.ts";
import { addMilestone, addTask, deleteProject, deleteTask, findTask, loadProject, setTaskStatus, toggleMilestone, updateProject } from "./projects.server.ts";
import { deleteProjectSchema, deleteTaskSchema, milestoneDoneSchema, milestoneSchema, taskSchema, taskStatusSchema, updateProjectSchema } from "./schemas.ts";

type ProjectContext = Awaited<ReturnType<typeof loadContext>>;

/** The studio and the project (404 unless it is the studio's), with the viewer's part in it. */
async function loadContext(params: { studioId?: string; projectId?: string }, user: { id: string }) {
  const access = await loadStudioAccess(user, params.studioId);
  const { project, resource } = await loadProject(access.resource, params.projectId, user.id);
  return { studioId: access.studio.id, project, resource };
}

/** A task named by the form, of this project (404 otherwise). */
async function taskOf({ ctx }: { ctx: ProjectContext }, { taskId }: { taskId: string }) {
  const task = await findTask(ctx.project.id, taskId);
  if (!task) throw new Response("Not Found", { status: 404 });
  return task;
}

/**
 * A project's page: edit or delete the project (asks first), add and complete milestones, add
 * tasks, move a task along (its assignee may too) and delete a task (asks first).
 */
export const action = intentAction({
  load: ({ params }, user) => loadContext(params, user),
  intents: (intent) => ({
    update: intent({
      schema: updateProjectSchema,
      authorize: ({ user, ctx }) => permit(user, "project:manage", ctx.resource),
      keepForm: true,
      run: async ({ user, ctx, t }, { intent: _intent, ...input }) => {
        await updateProject(ctx.studioId, ctx.project.id, input, user.id);
        return { notice: t("studios.projects.saved") };
      },
    }),
    "delete-project": intent({
      schema: deleteProjectSchema,
      authorize: ({ user, ctx }) => permit(user, "project:delete", ctx.resource),
      confirm: ({ t, ctx }) => ({ message: t("studios.projects.confirmDelete", { title: ctx.project.title }), confirmLabel: t("studios.projects.delete") }),
      run: async ({ user, ctx }) => {
        await deleteProject(ctx.project.id, user.id);
        return { redirectTo: `/studios/${ctx.studioId}/projects` };
      },
    }),
    "add-milestone": intent({
      schema: milestoneSchema,
      authorize: ({ user, ctx }) => permit(user, "project:manage", ctx.resource),
      run: async ({ user, ctx, t }, input) => {
        await addMilestone(ctx.project.id, input, user.id);
        return { notice: t("studios.projects.milestoneAdded") };
      },
    }),
    "toggle-milestone": intent({
      schema: milestoneDoneSchema,
      authorize: ({ user, ctx }) => permit(user, "project:manage", ctx.resource),
      run: async ({ user, ctx, t }, { milestoneId }) => {
        await toggleMilestone(ctx.project.id, milestoneId, user.id);
        return { notice: t("studios.projects.milestoneUpdated") };
      },
    }),
    "add-task": intent({
      schema: taskSchema,
      authorize: ({ user, ctx }) => permit(user, "project:manage", ctx.resource),
      run: async ({ user, ctx, t }, input) => {
        await addTask(ctx.project.id, input, user);
        return { notice: t("studios.projects.taskAdded") };
      },
    }),
    "task-status": intent({
      schema: taskStatusSchema,
      target: taskOf,
      // The task's assignee may move it along without managing the project.
      authorize: ({ user, ctx }, _input, task) => permit(user, "task:update-status", { project: ctx.resource, viewerIsAssignee: task.assigneeId === user.id }),
      run: async ({ user, t }, { status }, task) => {
        await setTaskStatus(task.id, status, user.id);
        return { notice: t("studios.projects.taskUpdated") };
      },
    }),
    "delete-task": intent({
      schema: deleteTaskSchema,
      target: taskOf,
      authorize: ({ user, ctx }) => permit(user, "project:manage", ctx.resource),
      confirm: ({ t }, _input, task) => ({ message: t("studios.projects.confirmDeleteTask", { title: task.title }), confirmLabel: t("studios.projects.deleteTask") }),
      run: async ({ user, t }, _input, task) => {
        await deleteTask(task.id, user.id);
        return { notice: t("studios.projects.taskDeleted") };
      },
    }),
  }),
});
