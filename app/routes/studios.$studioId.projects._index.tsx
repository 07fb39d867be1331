import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { formatDate } from "~/lib/format.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { ruleMessage, studioChrome } from "~/studios/chrome.server.ts";
import { listDirections } from "~/studios/directions.server.ts";
import { ProjectForm } from "~/studios/project-form.tsx";
import { createProject, listProjects, studioMembers } from "~/studios/projects.server.ts";
import { projectSchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.projects.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view-workspace", access.resource);
  const chrome = studioChrome(user, access);
  const canCreate = chrome.abilities["project:create"];
  const [projects, members, directions] = await Promise.all([
    listProjects(access.studio.id),
    canCreate ? studioMembers(access.studio.id) : [],
    canCreate ? listDirections(access.studio.id) : [],
  ]);
  return data({
    chrome,
    projects,
    members: members.map((m) => ({ id: m.user.id, name: m.user.name })),
    directions: directions.map((d) => ({ id: d.id, name: d.name })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "project:create", access.resource);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const submission = parseWithZod(await request.formData(), { schema: projectSchema });
  if (submission.status !== "success") return data({ result: translatedReply(submission, t) }, { status: 400 });
  try {
    const id = await createProject(access.studio.id, submission.value, user.id);
    return redirect(`/studios/${access.studio.id}/projects/${id}`);
  } catch (error) {
    return data({ result: submission.reply({ formErrors: [ruleMessage(error, t, locale)] }) }, { status: 409 });
  }
}

export default function Projects() {
  const { projects, members, directions } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const day = (d: Date | string | null) => (d ? formatDate(d, i18n.language) : "—");
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.projects.heading")}</StudioPageHeading>
      {projects.length === 0 ? (
        <EmptyState>{t("studios.projects.empty")}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label={t("studios.projects.heading")}>
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">{t("studios.projects.colTitle")}</th>
                <th scope="col" className="px-3 py-2">{t("studios.projects.level")}</th>
                <th scope="col" className="px-3 py-2">{t("studios.projects.status")}</th>
                <th scope="col" className="px-3 py-2">{t("studios.projects.colPrincipal")}</th>
                <th scope="col" className="px-3 py-2">{t("studios.projects.colPeriod")}</th>
                <th scope="col" className="px-3 py-2">{t("studios.projects.colProgress")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {projects.map((p) => (
                <tr key={p.id}>
                  <td className="px-3 py-2">
                    <Link to={p.id} className="font-medium text-brand-700 hover:underline">
                      {p.title}
                    </Link>
                    {p.direction ? <div className="text-xs text-slate-500">{p.direction}</div> : null}
                  </td>
                  <td className="px-3 py-2">{t(`level.${p.level}`)}</td>
                  <td className="px-3 py-2">
                    <Badge tone={p.status === "IN_PROGRESS" ? "emerald" : "slate"}>{t(`projectStatus.${p.status}`)}</Badge>
                  </td>
                  <td className="px-3 py-2">{p.principal ?? "—"}</td>
                  <td className="px-3 py-2 text-slate-600">
                    {day(p.startDate)} – {day(p.endDate)}
                  </td>
                  <td className="px-3 py-2">{t("studios.projects.progress", { done: p.tasksDone, total: p.tasks })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chrome.abilities["project:create"] ? (
        <Card title={t("studios.projects.create")}>
          <ProjectForm
            intent="create"
            lastResult={actionData?.result}
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
