import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadAttempt } from "~/camp/test/access.server.ts";
import { attemptReview } from "~/camp/test/attempts.server.ts";
import { ReviewPage } from "~/camp/test/pages/review.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export default ReviewPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [data ? t("camp.test.review.heading", { name: data.review.name }) : undefined]);

/** A finished paper with the key and the marks: the organisers once it ended, the taker once results are released. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attempt = await loadAttempt(user, params.attemptId);
  authorize(user, "camp-attempt:review", attempt);
  return data({ review: await attemptReview(params.attemptId!) });
}
