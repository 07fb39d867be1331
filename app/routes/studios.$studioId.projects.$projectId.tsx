import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmPrompt, Notice } from "~/components/kit/feedback.tsx";
import { SelectField, TextField } from "~/components/kit/fields.tsx";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { isoDay, schoolToday } from "~/lib/calendar-date.ts";
import { needsConfirmation } from "~/lib/confirm.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { formatDate } from "~/lib/format.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { ruleMessage, studioChrome } from "~/studios/chrome.server.ts";
import { listDirections } from "~/studios/directions.server.ts";
import { ProjectForm } from "~/studios/project-form.tsx";
import {
  addMilestone,
  addTask,
  deleteProject,
  deleteTask,
  findTask,
  loadProject,
  setTaskStatus,
  studioMembers,
  toggleMilestone,
  updateProject,
} from "~/studios/projects.server.ts";
import { deleteTaskSchema, milestoneDoneSchema, milestoneSchema, projectSchema, TASK_STATUSES, taskSchema, taskStatusSchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => studioPageTitle(matches, (t) => [data?.project.title, t("studios.tabs.projects")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const { project, resource } = await loadProject(access.resource, params.projectId, user.id);
  authorize(user, "project:view", resource);
  const abilities = abilitiesOf(user, "project", resource);
  const [members, directions] = abilities["project:manage"] ? await Promise.all([studioMembers(access.studio.id), listDirections(access.studio.id)]) : [[], []];
  return data({
    chrome: studioChrome(user, access),
    project: {
      ...project,
      tasks: project.tasks.map((task) => ({ ...task, abilities: abilitiesOf(user, "task", { project: resource, viewerIsAssignee: task.assigneeId === user.id }) })),
    },
    today: schoolToday(new Date()),
    abilities,
    members: members.map((m) => ({ id: m.user.id, name: m.user.name })),
    directions: directions.map((d) => ({ id: d.id, name: d.name })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const { project, resource } = await loadProject(access.resource, params.projectId, user.id);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const reply = (body: { intent: string; result?: unknown; notice?: string; error?: string; confirm?: unknown }, status = 200) =>
    data({ result: null, notice: null, error: null, confirm: null, ...body } as {
      intent: string;
      result: ReturnType<typeof translatedReply> | null;
      notice: string | null;
      error: string | null;
      confirm: ReturnType<typeof needsConfirmation>;
    }, { status });

  try {
    switch (intent) {
      case "update": {
        authorize(user, "project:manage", resource);
        const submission = parseWithZod(form, { schema: projectSchema });
        if (submission.status !== "success") return reply({ intent, result: translatedReply(submission, t) }, 400);
        await updateProject(access.studio.id, project.id, submission.value, user.id);
        return reply({ intent, result: submission.reply(), notice: t("studios.projects.saved") });
      }
      case "delete-project": {
        authorize(user, "project:delete", resource);
        const confirm = needsConfirmation(form, t("studios.projects.confirmDelete", { title: project.title }), t("studios.projects.delete"));
        if (confirm) return reply({ intent, confirm });
        await deleteProject(project.id, user.id);
        return redirect(`/studios/${access.studio.id}/projects`);
      }
      case "add-milestone": {
        authorize(user, "project:manage", resource);
        const submission = parseWithZod(form, { schema: milestoneSchema });
        if (submission.status !== "success") return reply({ intent, result: translatedReply(submission, t) }, 400);
        await addMilestone(project.id, submission.value, user.id);
        return reply({ intent, result: submission.reply({ resetForm: true }), notice: t("studios.projects.milestoneAdded") });
      }
      case "toggle-milestone": {
        authorize(user, "project:manage", resource);
        const parsed = milestoneDoneSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return reply({ intent, error: t("kit.invalidRequest") }, 400);
        await toggleMilestone(project.id, parsed.data.milestoneId, user.id);
        return reply({ intent, notice: t("studios.projects.milestoneUpdated") });
      }
      case "add-task": {
        authorize(user, "project:manage", resource);
        const submission = parseWithZod(form, { schema: taskSchema });
        if (submission.status !== "success") return reply({ intent, result: translatedReply(submission, t) }, 400);
        await addTask(project.id, submission.value, user);
        return reply({ intent, result: submission.reply({ resetForm: true }), notice: t("studios.projects.taskAdded") });
      }
      case "task-status":
      case "delete-task": {
        const parsed = (intent === "task-status" ? taskStatusSchema : deleteTaskSchema).safeParse(Object.fromEntries(form));
        if (!parsed.success) return reply({ intent, error: t("kit.invalidRequest") }, 400);
        const task = await findTask(project.id, parsed.data.taskId);
        if (!task) throw new Response("Not Found", { status: 404 });
        if (parsed.data.intent === "task-status") {
          authorize(user, "task:update-status", { project: resource, viewerIsAssignee: task.assigneeId === user.id });
          await setTaskStatus(task.id, parsed.data.status, user.id);
          return reply({ intent, notice: t("studios.projects.taskUpdated") });
        }
        authorize(user, "project:manage", resource);
        const confirm = needsConfirmation(form, t("studios.projects.confirmDeleteTask", { title: task.title }), t("studios.projects.deleteTask"));
        if (confirm) return reply({ intent, confirm });
        await deleteTask(task.id, user.id);
        return reply({ intent, notice: t("studios.projects.taskDeleted") });
      }
      default:
        throw new Response("Bad Request", { status: 400 });
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return reply({ intent, error: ruleMessage(error, t, locale) }, 409);
  }
}

export default function ProjectPage() {
  const { project, today, abilities, members, directions } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const canManage = abilities["project:manage"];
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const [milestoneForm, milestone] = useForm({
    id: "milestone",
    lastResult: resultFor("add-milestone"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: milestoneSchema }),
  });
  const [taskForm, task] = useForm({
    id: "task",
    lastResult: resultFor("add-task"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: taskSchema }),
  });
  const projectMembers = project.members.map((m) => ({ value: m.user.id, label: m.user.name }));
  const principal = project.members.find((m) => m.role === "PRINCIPAL");

  return (
    <div className="space-y-6">
      <StudioPageHeading>{project.title}</StudioPageHeading>
      <Link to={`/studios/${chrome.id}/projects`} className="text-sm text-brand-700 hover:underline">
        {t("studios.projects.back")}
      </Link>
      {actionData?.confirm ? <ConfirmPrompt request={actionData.confirm} cancelLabel={t("kit.cancel")} pendingLabel={t("kit.working")} /> : null}
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
      {actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}

      <Card title={t("studios.tabs.overview")}>
        <p className="flex flex-wrap gap-2 text-sm">
          <Badge>{t(`level.${project.level}`)}</Badge>
          <Badge tone={project.status === "IN_PROGRESS" ? "emerald" : "slate"}>{t(`projectStatus.${project.status}`)}</Badge>
          {project.direction ? <Badge tone="brand">{project.direction.name}</Badge> : null}
        </p>
        {project.description ? <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{project.description}</p> : null}
        <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t("studios.projects.principal")}</dt>
            <dd>{principal?.user.name ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("studios.projects.colPeriod")}</dt>
            <dd>
              {project.startDate ? formatDate(project.startDate, locale) : "—"} – {project.endDate ? formatDate(project.endDate, locale) : "—"}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("studios.projects.members")}</dt>
            <dd>{project.members.map((m) => m.user.name).join("、")}</dd>
          </div>
        </dl>
      </Card>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title={t("studios.projects.tasks")}>
            {project.tasks.length === 0 ? (
              <p className="text-sm text-slate-600">{t("studios.projects.noTasks")}</p>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label={t("studios.projects.tasks")}>
                {project.tasks.map((item) => {
                  const overdue = item.status !== "DONE" && item.dueDate !== null && new Date(item.dueDate) < new Date(today);
                  return (
                    <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                      <div>
                        <p className={item.status === "DONE" ? "text-slate-500 line-through" : ""}>{item.title}</p>
                        <p className="text-xs text-slate-500">
                          {item.assignee?.name ?? t("studios.projects.unassigned")}
                          {item.dueDate ? ` · ${t("studios.projects.due", { date: formatDate(item.dueDate, locale) })}` : ""}
                          {item.milestone ? ` · ${item.milestone.title}` : ""}
                          {overdue ? (
                            <span className="ml-2">
                              <Badge tone="amber">{t("studios.projects.overdue")}</Badge>
                            </span>
                          ) : null}
                        </p>
                      </div>
                      <div className="flex items-center gap-2">
                        {item.abilities["task:update-status"] ? (
                          <Form method="post" className="flex items-center gap-1">
                            <input type="hidden" name="intent" value="task-status" />
                            <input type="hidden" name="taskId" value={item.id} />
                            <label htmlFor={`status-${item.id}`} className="sr-only">
                              {t("studios.projects.taskStatus", { title: item.title })}
                            </label>
                            <select id={`status-${item.id}`} name="status" defaultValue={item.status} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
                              {TASK_STATUSES.map((s) => (
                                <option key={s} value={s}>
                                  {t(`taskStatus.${s}`)}
                                </option>
                              ))}
                            </select>
                            <SubmitButton size="sm" tone="secondary" intent="task-status" match={["taskId", item.id]} pendingLabel={t("kit.saving")} label={`${t("studios.projects.updateStatus")}：${item.title}`}>
                              {t("studios.projects.updateStatus")}
                            </SubmitButton>
                          </Form>
                        ) : (
                          <Badge>{t(`taskStatus.${item.status}`)}</Badge>
                        )}
                        {canManage ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="delete-task" />
                            <input type="hidden" name="taskId" value={item.id} />
                            <SubmitButton size="sm" tone="danger" intent="delete-task" match={["taskId", item.id]} pendingLabel={t("kit.working")} label={t("studios.projects.deleteTaskLabel", { title: item.title })}>
                              {t("studios.projects.deleteTask")}
                            </SubmitButton>
                          </Form>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
            {canManage ? (
              <Form method="post" className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2" {...getFormProps(taskForm)}>
                <input type="hidden" name="intent" value="add-task" />
                <TextField field={task.title} label={t("studios.projects.taskTitle")} className="sm:col-span-2" />
                <SelectField field={task.assigneeId} label={t("studios.projects.assignee")} placeholder={t("studios.projects.unassigned")} options={projectMembers} />
                <TextField field={task.dueDate} type="date" label={t("studios.projects.dueDate")} />
                <SelectField
                  field={task.milestoneId}
                  label={t("studios.projects.milestone")}
                  placeholder={t("studios.projects.noMilestone")}
                  options={project.milestones.map((m) => ({ value: m.id, label: m.title }))}
                />
                <div className="flex items-end">
                  <SubmitButton intent="add-task" pendingLabel={t("kit.saving")}>
                    {t("studios.projects.addTask")}
                  </SubmitButton>
                </div>
              </Form>
            ) : null}
          </Card>
        </div>
        <Card title={t("studios.projects.milestones")}>
          {project.milestones.length === 0 ? (
            <p className="text-sm text-slate-600">{t("studios.projects.noMilestones")}</p>
          ) : (
            <ul className="space-y-2" aria-label={t("studios.projects.milestones")}>
              {project.milestones.map((m) => (
                <li key={m.id} className="flex items-start justify-between gap-2 text-sm">
                  <div>
                    <p className={m.completedAt ? "text-slate-500" : ""}>{m.title}</p>
                    <p className="text-xs text-slate-500">
                      {m.completedAt
                        ? t("studios.projects.milestoneDone", { date: formatDate(isoDay(new Date(m.completedAt)), locale) })
                        : t("studios.projects.milestoneDueOn", { date: formatDate(m.dueDate, locale) })}
                    </p>
                  </div>
                  {canManage ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="toggle-milestone" />
                      <input type="hidden" name="milestoneId" value={m.id} />
                      <SubmitButton size="sm" tone="secondary" intent="toggle-milestone" match={["milestoneId", m.id]} pendingLabel={t("kit.saving")} label={`${m.completedAt ? t("studios.projects.reopenMilestone") : t("studios.projects.completeMilestone")}：${m.title}`}>
                        {m.completedAt ? t("studios.projects.reopenMilestone") : t("studios.projects.completeMilestone")}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canManage ? (
            <Form method="post" className="mt-4 space-y-3 border-t border-slate-100 pt-4" {...getFormProps(milestoneForm)}>
              <input type="hidden" name="intent" value="add-milestone" />
              <TextField field={milestone.title} label={t("studios.projects.milestoneTitle")} />
              <TextField field={milestone.dueDate} type="date" label={t("studios.projects.milestoneDue")} />
              <SubmitButton intent="add-milestone" pendingLabel={t("kit.saving")}>
                {t("studios.projects.addMilestone")}
              </SubmitButton>
            </Form>
          ) : null}
        </Card>
      </div>

      {canManage ? (
        <Card title={t("studios.projects.edit")}>
          <ProjectForm
            intent="update"
            lastResult={resultFor("update")}
            defaultValue={{
              title: project.title,
              level: project.level,
              status: project.status,
              directionId: project.direction?.id ?? "",
              description: project.description,
              startDate: project.startDate ? isoDay(new Date(project.startDate)) : "",
              endDate: project.endDate ? isoDay(new Date(project.endDate)) : "",
              principalId: principal?.user.id ?? "",
              memberIds: project.members.map((m) => m.user.id),
            }}
            members={members}
            directions={directions}
            submitLabel={t("kit.save")}
            pendingLabel={t("kit.saving")}
          />
          {abilities["project:delete"] ? (
            <Form method="post" className="mt-6 border-t border-slate-100 pt-4">
              <input type="hidden" name="intent" value="delete-project" />
              <SubmitButton tone="danger" intent="delete-project" pendingLabel={t("kit.working")}>
                {t("studios.projects.delete")}
              </SubmitButton>
            </Form>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
