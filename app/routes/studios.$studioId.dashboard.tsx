import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
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
        <DataTable
          caption={t("studios.dashboard.activity")}
          rows={dashboard.activity}
          rowKey={(m) => m.userId}
          columns={[
            {
              key: "member",
              header: t("studios.dashboard.colMember"),
              primary: true,
              cell: (m) => (
                <>
                  {m.name} <Badge>{t(`studioRole.${m.role}`)}</Badge>
                </>
              ),
            },
            { key: "done", header: t("studios.dashboard.colDone"), numeric: true, cell: (m) => m.tasksDone90 },
            { key: "open", header: t("studios.dashboard.colOpen"), numeric: true, cell: (m) => m.tasksOpen },
            { key: "overdue", header: t("studios.dashboard.colOverdue"), numeric: true, cell: (m) => (m.tasksOverdue ? <Badge tone="amber">{m.tasksOverdue}</Badge> : 0) },
            { key: "docs", header: t("studios.dashboard.colDocs"), numeric: true, cell: (m) => m.documents30 },
            { key: "outputs", header: t("studios.dashboard.colOutputs"), numeric: true, cell: (m) => m.outputsThisYear },
            { key: "last", header: t("studios.dashboard.colLast"), className: "text-slate-600", cell: (m) => (m.lastActive ? formatDateTime(m.lastActive, locale) : t("studios.dashboard.never")) },
          ]}
        />
      </Card>
    </div>
  );
}
