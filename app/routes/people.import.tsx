import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { RosterImportPage } from "~/people/pages/roster-import.tsx";
import { authorize, requireOwnScope } from "~/policy/index.ts";

export { action } from "~/people/roster-import.actions.server.ts";
export default RosterImportPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("people.import.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // 学工部 imports for the whole school; a college admin for their own college.
  const scope = requireOwnScope(user);
  authorize(user, "people:import", scope);
  const college = scope.kind === "college" ? await prisma.college.findUnique({ where: { id: scope.collegeId }, select: { name: true } }) : null;
  return data({ collegeName: college?.name ?? null });
}
