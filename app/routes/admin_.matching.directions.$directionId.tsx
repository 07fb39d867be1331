import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { MentorKind } from "~/generated/prisma/enums.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { getCandidates } from "~/mentors/matching.server.ts";
import { CandidatesPage } from "~/mentors/pages/candidates.tsx";
import { pageParam } from "~/mentors/route-helpers.server.ts";
import { authorize } from "~/policy/index.ts";

export { action } from "~/mentors/candidates.actions.server.ts";
export default CandidatesPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, (t) => [data?.view.direction.name, t("mentors.candidates.caption"), t("mentors.matching.title")]);

const kindOf = (url: URL): MentorKind => (url.searchParams.get("kind") === "EXTERNAL" ? "EXTERNAL" : "INTERNAL");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "matching:administer", null);
  const url = new URL(request.url);
  const show = url.searchParams.get("show") === "all" ? "all" : "eligible";
  const view = await getCandidates(params.directionId ?? "", kindOf(url), { page: pageParam(url), show });
  if (!view) throw new Response("Not Found", { status: 404 });
  const direction = await prisma.direction.findUniqueOrThrow({ where: { id: view.direction.id }, select: { internalMentorTarget: true, externalMentorTarget: true } });
  return data({ view, show, targets: { internal: direction.internalMentorTarget, external: direction.externalMentorTarget } });
}
