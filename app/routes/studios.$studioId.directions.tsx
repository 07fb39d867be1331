import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { listDirections } from "~/studios/directions.server.ts";
import { DirectionsPage } from "~/studios/pages/directions.tsx";
import { studioPageTitle } from "~/studios/studio-context.ts";

export { action } from "~/studios/directions.actions.server.ts";
export default DirectionsPage;

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.directions.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:manage", access.resource);
  return data({ directions: await listDirections(access.studio.id) });
}
