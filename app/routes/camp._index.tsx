import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { campHome } from "~/camp/setup/pages.server.ts";
import { CampHome } from "~/camp/setup/pages/home.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export default CampHome;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.setup.home.title")]);

/** The camps that concern me; for 学工部 every camp by year; links by what the person may do. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camps:use", null);
  const page = Math.max(1, Math.min(1000, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  const home = await campHome(user, page);
  return data({ ...home, abilities: abilities(user, "school", null) });
}
