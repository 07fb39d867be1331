import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDate } from "~/lib/format.ts";
import { authorize, can, permit } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { listDirections } from "~/studios/directions.server.ts";
import { ProjectForm } from "~/studios/project-form.tsx";
import { createProject, listProjects, studioMembers } from "~/studios/projects.server.ts";
import { createProjectSchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.projects.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view-workspace", access.resource);
  const canCreate = can(user, "project:create", access.resource);
  const [projects, members, directions] = await Promise.all([
    listProjects(access.studio.id),
    canCreate ? studioMembers(access.studio.id) : [],
    canCreate ? listDirections(access.studio.id) : [],
  ]);
  return data({
    projects,
    members: members.map((m) => ({ id: m.user.id, name: m.user.name })),
    directions: directions.map((d) => ({ id: d.id, name: d.name })),
  });
}

export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  intents: (intent) => ({
    create: intent({
      schema: createProjectSchema,
      authorize: ({ user, ctx }) => permit(user, "project:create", ctx.resource),
      run: async ({ user, ctx }, { intent: _intent, ...input }) => {
        const id = await createProject(ctx.studio.id, input, user.id);
        return { redirectTo: `/studios/${ctx.studio.id}/projects/${id}` };
      },
    }),
  }),
});

export default function Projects() {
  const { projects, members, directions } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const day = (d: Date | string | null) => (d ? formatDate(d, i18n.language) : "—");
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.projects.heading")}</StudioPageHeading>
      <div className={projects.length ? "rounded-lg border border-slate-200 bg-white px-3" : undefined}>
        <DataTable
          caption={t("studios.projects.heading")}
          rows={projects}
          rowKey={(p) => p.id}
          empty={<EmptyState>{t("studios.projects.empty")}</EmptyState>}
          columns={[
            {
              key: "title",
              header: t("studios.projects.colTitle"),
              primary: true,
              cell: (p) => (
                <>
                  <Link to={p.id} className="font-medium text-brand-700 hover:underline">
                    {p.title}
                  </Link>
                  {p.direction ? <div className="text-xs text-slate-500">{p.direction}</div> : null}
                </>
              ),
            },
            { key: "level", header: t("studios.projects.level"), cell: (p) => t(`level.${p.level}`) },
            {
              key: "status",
              header: t("studios.projects.status"),
              cell: (p) => <Badge tone={p.status === "IN_PROGRESS" ? "emerald" : "slate"}>{t(`projectStatus.${p.status}`)}</Badge>,
            },
            { key: "principal", header: t("studios.projects.colPrincipal"), cell: (p) => p.principal ?? "—" },
            { key: "period", header: t("studios.projects.colPeriod"), hideOnPhone: true, cell: (p) => `${day(p.startDate)} – ${day(p.endDate)}` },
            { key: "progress", header: t("studios.projects.colProgress"), cell: (p) => t("studios.projects.progress", { done: p.tasksDone, total: p.tasks }) },
          ]}
        />
      </div>
      {chrome.abilities["project:create"] ? (
        <Card title={t("studios.projects.create")}>
          <ProjectForm
            intent="create"
            reply={replyFor(reply, "create")}
            members={members}
            directions={directions}
            submitLabel={t("studios.projects.submitCreate")}
            pendingLabel={t("studios.projects.creating")}
          />
        </Card>
      ) : null}
    </div>
  );
}
