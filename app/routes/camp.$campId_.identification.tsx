import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import IdentificationPage from "~/camp/students/pages/identification.tsx";
import { identificationRound, roundPage, submitIdentification } from "~/camp/students/round.server.ts";
import { campTitle } from "~/camp/students/students.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export { identificationAction as action } from "~/camp/students/identification.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.students.round.title")]);

/** The participant's round of 人物辨识: the photos drawn for them (never the facts), what they typed, the deadline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const camp = await loadCampAccess(user, params.campId);
  authorize(user, "camp:view", camp);
  const round = await identificationRound(camp.campId);
  if (!round) throw new Response("Not Found", { status: 404 });
  let page = await roundPage(round, user.id);
  // Past the deadline and not yet swept: submit now, so the page never shows a stale running round.
  if (page.attempt && !page.attempt.submitted && page.state === "ended") {
    await submitIdentification(page.attempt.id, { auto: true });
    page = await roundPage(round, user.id);
  }
  return data({ campId: camp.campId, title: await campTitle(camp.campId), ...page, now: new Date().toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

export default IdentificationPage;
