import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { getQuestion } from "~/camp/bank/bank.server.ts";
import { QuestionForm, type QuestionFormData } from "~/camp/bank/pages/question-form.tsx";
import { editQuestionAction } from "~/camp/bank/question.actions.server.ts";
import { formValuesOf } from "~/camp/bank/version.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.bank.form.editTitle"), t("camp.bank.title")]);

/** A new version of a question, starting from its current one (the kind stays; another kind is another question). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camp-bank:manage", null);
  const question = await getQuestion(params.questionId ?? "");
  if (!question) throw new Response("Not Found", { status: 404 });
  const values = formValuesOf(question.current);
  return data<QuestionFormData>({ mode: "edit", kind: values.kind, values, category: question.category, questionId: question.id, number: question.current.number, version: question.updatedAt.toISOString() });
}

export const action = editQuestionAction;

export default function EditQuestion() {
  return <QuestionForm data={useLoaderData<typeof loader>()} />;
}
