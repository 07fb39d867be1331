import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { isoDay } from "~/lib/calendar-date.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { EditStudioPage } from "~/studios/pages/edit-studio.tsx";
import { studioPageTitle } from "~/studios/studio-context.ts";

export { action } from "~/studios/edit-studio.actions.server.ts";
export default EditStudioPage;

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.edit.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:manage", access.resource);
  const studio = await prisma.studio.findUniqueOrThrow({
    where: { id: access.studio.id },
    select: {
      name: true,
      duty: true,
      level: true,
      description: true,
      platform: true,
      budgetYuan: true,
      foundedOn: true,
      updatedAt: true,
      memberships: { where: { role: "LEADER" }, select: { user: { select: { name: true, username: true } } } },
    },
  });
  return data({
    // The version both settings forms edit (decision 095).
    version: studio.updatedAt.toISOString(),
    studio: { ...studio, budgetYuan: studio.budgetYuan.toString(), foundedOn: isoDay(studio.foundedOn), leader: studio.memberships[0]?.user ?? null },
  });
}
