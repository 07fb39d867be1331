import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { personalDataCounts } from "~/camp/students/archive.server.ts";
import ArchivePage from "~/camp/students/pages/archive.tsx";
import { prisma } from "~/db/client.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export { archiveAction as action } from "~/camp/students/archive.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.students.archive.title")]);

/** Archiving a camp: what it will delete, for the organisers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const camp = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view-all", camp);
  const [details, counts] = await Promise.all([
    prisma.camp.findUniqueOrThrow({ where: { id: camp.campId }, select: { title: true, archivedAt: true } }),
    personalDataCounts(camp.campId),
  ]);
  return data({ title: details.title, status: camp.status, archivedAt: details.archivedAt?.toISOString() ?? null, counts, abilities: abilities(user, "camp", camp) });
}

export default ArchivePage;
