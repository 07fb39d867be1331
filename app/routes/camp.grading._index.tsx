import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { GradingPage } from "~/camp/test/pages/grading.tsx";
import { judgeQueue } from "~/camp/test/short-answers.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, can } from "~/policy/index.ts";

export { gradingAction as action } from "~/camp/test/grading.actions.server.ts";
export default GradingPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.test.grading.heading")]);

/** 简答题评阅: the short answers assigned to the signed-in judge, by blind code only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camps:use", null);
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1);
  const queue = await judgeQueue(user, page, (answer) => can(user, "camp-short-answer:grade", answer));
  return data({ page, ...queue });
}
