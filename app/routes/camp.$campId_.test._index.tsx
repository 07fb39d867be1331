import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCamp } from "~/camp/test/access.server.ts";
import { ownAttempt, takerPaper, testOverview } from "~/camp/test/attempts.server.ts";
import { TakePage } from "~/camp/test/pages/take.tsx";
import { findAttemptAccess } from "~/camp/access.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, can } from "~/policy/index.ts";

export { takeAction as action } from "~/camp/test/take.actions.server.ts";
export default TakePage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("camp.test.title"), data?.overview.camp.title]);

/** 基础知识测试 of one camp: start it, take it (the paper without the key), or see that it is done. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const camp = await loadCamp(user, params.campId);
  authorize(user, "camp:view", camp);
  const overview = await testOverview(camp.campId);
  if (!overview.round) throw new Response("Not Found", { status: 404 });
  const own = await ownAttempt(overview.round.id, user.id);
  const access = own && (await findAttemptAccess(user, own.id));
  const taking = access !== null && can(user, "camp-attempt:take", access);
  return data(
    {
      overview,
      serverNow: new Date().toISOString(),
      // Whether the start button is offered: this person's attempt would be theirs to take (the camp runs).
      mayStart: camp.viewerParticipates && can(user, "camp-attempt:take", { camp, userId: user.id, ended: false }),
      attempt: own && { id: own.id, submitted: own.submittedAt !== null, autoSubmitted: own.autoSubmitted, mayReview: access !== null && can(user, "camp-attempt:review", access) },
      paper: taking && own ? await takerPaper(own.id) : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
