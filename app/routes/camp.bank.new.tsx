import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { QuestionForm, type QuestionFormData } from "~/camp/bank/pages/question-form.tsx";
import { newQuestionAction } from "~/camp/bank/question.actions.server.ts";
import { QUESTION_KINDS, type QuestionKind } from "~/camp/question-draft.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.bank.form.newTitle"), t("camp.bank.title")]);

/** A new question of the kind chosen in the address (?kind=…, single choice by default). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camp-bank:manage", null);
  const asked = new URL(request.url).searchParams.get("kind");
  const kind: QuestionKind = QUESTION_KINDS.find((k) => k === asked) ?? "SINGLE";
  return data<QuestionFormData>({ mode: "new", kind, values: null, category: "", questionId: null, number: null });
}

export const action = newQuestionAction;

export default function NewQuestion() {
  return <QuestionForm data={useLoaderData<typeof loader>()} />;
}
