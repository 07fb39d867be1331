import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCamp } from "~/camp/test/access.server.ts";
import { attemptsOfCamp } from "~/camp/test/attempts.server.ts";
import { AttemptsPage } from "~/camp/test/pages/attempts.tsx";
import { prisma } from "~/db/client.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export { attemptsAction as action } from "~/camp/test/attempts.actions.server.ts";
export default AttemptsPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("camp.test.attempts.heading"), data?.campTitle]);

/** 答卷情况: who started, submitted, was submitted automatically, and their scores (the organisers). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const camp = await loadCamp(user, params.campId);
  authorize(user, "camp:view-all", camp);
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1);
  const list = await attemptsOfCamp(camp.campId, page);
  if (!list) throw new Response("Not Found", { status: 404 });
  const { title } = await prisma.camp.findUniqueOrThrow({ where: { id: camp.campId }, select: { title: true } });
  return data({ campId: camp.campId, campTitle: title, page, ...list, mayManage: abilities(user, "camp", camp)["camp:manage"] });
}
