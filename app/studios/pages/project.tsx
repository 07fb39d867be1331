import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { SelectField, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { isoDay } from "~/lib/calendar-date.ts";
import { formatDate } from "~/lib/format.ts";
import type { loader } from "~/routes/studios.$studioId.projects.$projectId.tsx";
import type { action } from "../project.actions.server.ts";
import { ProjectForm } from "../project-form.tsx";
import { milestoneSchema, TASK_STATUSES, taskSchema } from "../schemas.ts";
import { useStudio } from "../studio-context.ts";
import { StudioPageHeading } from "../studio-header.tsx";

/** A project: overview, tasks, milestones and (for its managers) the edit form and deletion. */
export function ProjectPage() {
  const { project, today, abilities, members, directions } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const canManage = abilities["project:manage"];
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [milestoneForm, milestone] = useForm({
    id: "milestone",
    lastResult: replyFor(reply, "add-milestone")?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: milestoneSchema }),
  });
  const [taskForm, task] = useForm({
    id: "task",
    lastResult: replyFor(reply, "add-task")?.form,
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
      <ActionFeedback reply={reply} intent={["delete-project", "toggle-milestone", "task-status", "delete-task"]} />

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
                          <ConfirmButton
                            intent="delete-task"
                            fields={{ taskId: item.id }}
                            label={t("studios.projects.deleteTask")}
                            ariaLabel={t("studios.projects.deleteTaskLabel", { title: item.title })}
                            question={t("studios.projects.confirmDeleteTask", { title: item.title })}
                          />
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
                <div className="sm:col-span-2">
                  <ActionFeedback reply={reply} intent="add-task" />
                </div>
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
                    <ActionButton
                      intent="toggle-milestone"
                      fields={{ milestoneId: m.id }}
                      pendingLabel={t("kit.saving")}
                      label={`${m.completedAt ? t("studios.projects.reopenMilestone") : t("studios.projects.completeMilestone")}：${m.title}`}
                    >
                      {m.completedAt ? t("studios.projects.reopenMilestone") : t("studios.projects.completeMilestone")}
                    </ActionButton>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canManage ? (
            <Form method="post" className="mt-4 space-y-3 border-t border-slate-100 pt-4" {...getFormProps(milestoneForm)}>
              <input type="hidden" name="intent" value="add-milestone" />
              <ActionFeedback reply={reply} intent="add-milestone" />
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
            reply={replyFor(reply, "update")}
            version={String(project.updatedAt)}
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
            <div className="mt-6 border-t border-slate-100 pt-4">
              <ConfirmButton
                intent="delete-project"
                size="md"
                label={t("studios.projects.delete")}
                question={t("studios.projects.confirmDelete", { title: project.title })}
              />
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
