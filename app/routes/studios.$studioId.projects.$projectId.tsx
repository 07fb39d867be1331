import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { listDirections } from "~/studios/directions.server.ts";
import { ProjectPage } from "~/studios/pages/project.tsx";
import { loadProject, studioMembers } from "~/studios/projects.server.ts";
import { studioPageTitle } from "~/studios/studio-context.ts";

export { action } from "~/studios/project.actions.server.ts";
export default ProjectPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => studioPageTitle(matches, (t) => [data?.project.title, t("studios.tabs.projects")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const { project, resource } = await loadProject(access.resource, params.projectId, user.id);
  authorize(user, "project:view", resource);
  const abilities = abilitiesOf(user, "project", resource);
  const [members, directions] = abilities["project:manage"] ? await Promise.all([studioMembers(access.studio.id), listDirections(access.studio.id)]) : [[], []];
  return data({
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
