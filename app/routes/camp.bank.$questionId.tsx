import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { getQuestion } from "~/camp/bank/bank.server.ts";
import QuestionPage from "~/camp/bank/pages/question.tsx";
import { questionPageAction } from "~/camp/bank/question.actions.server.ts";
import { formValuesOf } from "~/camp/bank/version.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.bank.question.heading"), t("camp.bank.title")]);

/** One question with its answer and every version (学工部 alone). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camp-bank:manage", null);
  const question = await getQuestion(params.questionId ?? "");
  if (!question) throw new Response("Not Found", { status: 404 });
  const saved = new URL(request.url).searchParams.get("saved");
  return data({
    question: { id: question.id, category: question.category, source: question.source, retiredAt: question.retiredAt, currentNumber: question.current.number },
    versions: question.versions.map((v) => ({ id: v.id, number: v.number, createdAt: v.createdAt, author: v.author, drawn: v.drawn, values: formValuesOf(v) })),
    saved,
  });
}

export const action = questionPageAction;

export default QuestionPage;
