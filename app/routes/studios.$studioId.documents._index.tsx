import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { listStudioDocuments, studioLinks } from "~/documents/documents.server.ts";
import { parseListFilters } from "~/documents/list-filters.ts";
import { StudioDocumentsPage } from "~/documents/pages/studio-documents.tsx";
import { templatesForStudio } from "~/documents/templates.server.ts";
import { abilities, authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { studioPageTitle } from "~/studios/studio-context.ts";

export { action } from "~/documents/studio-documents.actions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ matches }) => studioPageTitle(matches, (t) => [t("documents.list.studioTitle")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { studio, resource } = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view-workspace", resource);
  const filters = parseListFilters(new URL(request.url));
  const [list, templates, links] = await Promise.all([listStudioDocuments(studio.id, filters), templatesForStudio(studio.id), studioLinks(studio.id)]);
  return data({
    ...list,
    filters,
    templates: templates.map((template) => ({
      ...template,
      abilities: abilities(user, "template", { studioId: template.studioId, viewerRole: resource.viewerRole }),
    })),
    links,
  });
}

export default StudioDocumentsPage;
