import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Notice } from "~/components/kit/feedback.tsx";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";
import { studioDashboard } from "~/studios/studio-dashboard.server.ts";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.dashboard.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:manage", access.resource);
  return data({ dashboard: await studioDashboard(access.studio.id) });
}

export default function StudioDashboard() {
  const { dashboard } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const taskList = (tasks: typeof dashboard.overdue, empty: string, label: string) =>
    tasks.length === 0 ? (
      <p className="text-sm text-slate-600">{empty}</p>
    ) : (
      <ul className="divide-y divide-slate-100" aria-label={label}>
        {tasks.map((task) => (
          <li key={task.id} className="py-2 text-sm">
            <Link to={`/studios/${chrome.id}/projects/${task.project.id}`} className="text-brand-700 hover:underline">
              {task.title}
            </Link>
            <p className="text-xs text-slate-500">
              {task.project.title} · {task.assignee?.name ?? t("studios.projects.unassigned")} · {task.dueDate ? t("studios.dashboard.dueOn", { date: formatDate(task.dueDate, locale) }) : ""}
            </p>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.dashboard.heading")}</StudioPageHeading>
      {dashboard.pendingRequests > 0 ? (
        <Notice tone="info">
          {t("studios.dashboard.pending", { count: dashboard.pendingRequests })}{" "}
          <Link to={`/studios/${chrome.id}/team`} className={buttonClass("secondary", "sm")}>
            {t("studios.dashboard.reviewRequests")}
          </Link>
        </Notice>
      ) : null}
      <div className="grid gap-6 md:grid-cols-3">
        <Card title={`${t("studios.dashboard.overdue")}（${dashboard.overdue.length}）`}>{taskList(dashboard.overdue, t("studios.dashboard.noOverdue"), t("studios.dashboard.overdue"))}</Card>
        <Card title={`${t("studios.dashboard.upcoming")}（${dashboard.upcoming.length}）`}>{taskList(dashboard.upcoming, t("studios.dashboard.noUpcoming"), t("studios.dashboard.upcoming"))}</Card>
        <Card title={`${t("studios.dashboard.outputs", { year: dashboard.year })}（${dashboard.outputs.length}）`}>
          {dashboard.outputs.length === 0 ? (
            <p className="text-sm text-slate-600">{t("studios.dashboard.noOutputs")}</p>
          ) : (
            <ul className="space-y-2">
              {dashboard.outputs.map((o) => (
                <li key={o.id} className="text-sm">
                  {o.title}
                  <p className="text-xs text-slate-500">
                    {t(`outputType.${o.type}`)} · {t(`level.${o.level}`)} · {formatDate(o.date, locale)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title={t("studios.dashboard.activity")}>
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" aria-label={t("studios.dashboard.activity")}>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-3">{t("studios.dashboard.colMember")}</th>
                <th scope="col" className="py-2 pr-3">{t("studios.dashboard.colDone")}</th>
                <th scope="col" className="py-2 pr-3">{t("studios.dashboard.colOpen")}</th>
                <th scope="col" className="py-2 pr-3">{t("studios.dashboard.colOverdue")}</th>
                <th scope="col" className="py-2 pr-3">{t("studios.dashboard.colDocs")}</th>
                <th scope="col" className="py-2 pr-3">{t("studios.dashboard.colOutputs")}</th>
                <th scope="col" className="py-2">{t("studios.dashboard.colLast")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {dashboard.activity.map((m) => (
                <tr key={m.userId}>
                  <td className="py-2 pr-3">
                    {m.name} <Badge>{t(`studioRole.${m.role}`)}</Badge>
                  </td>
                  <td className="py-2 pr-3 tabular-nums">{m.tasksDone90}</td>
                  <td className="py-2 pr-3 tabular-nums">{m.tasksOpen}</td>
                  <td className="py-2 pr-3 tabular-nums">{m.tasksOverdue ? <Badge tone="amber">{m.tasksOverdue}</Badge> : 0}</td>
                  <td className="py-2 pr-3 tabular-nums">{m.documents30}</td>
                  <td className="py-2 pr-3 tabular-nums">{m.outputsThisYear}</td>
                  <td className="py-2 text-slate-600">{m.lastActive ? formatDateTime(m.lastActive, locale) : t("studios.dashboard.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
