import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import type { loader } from "~/routes/camp.attempts.$attemptId.tsx";
import type { TestResponse } from "../answers.ts";

type Question = ReturnType<typeof useLoaderData<typeof loader>>["review"]["questions"][number];

export function ReviewPage() {
  const { review } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const letters = (positions: readonly number[]) => positions.map((p) => String.fromCharCode(65 + p)).join("、");
  const answerText = (response: TestResponse | null): string => {
    if (!response) return t("camp.test.review.noAnswer");
    if (response.kind === "SINGLE") return letters([response.chosen]);
    if (response.kind === "MULTIPLE") return response.chosen.length ? letters(response.chosen) : t("camp.test.review.noAnswer");
    if (response.kind === "TRUE_FALSE") return response.value ? t("camp.test.take.true") : t("camp.test.take.false");
    if (response.kind === "FILL_IN") return response.texts.join(" / ");
    return response.text || t("camp.test.review.noAnswer");
  };
  const keyText = (question: Question): string => {
    if (question.kind === "SINGLE" || question.kind === "MULTIPLE") return letters(question.correctShown);
    if (question.kind === "TRUE_FALSE") return question.correctTrueFalse ? t("camp.test.take.true") : t("camp.test.take.false");
    if (question.kind === "FILL_IN") return question.acceptedBlanks.join("；");
    return question.referenceAnswer || "—";
  };
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t("camp.test.review.heading", { name: review.name })}
        subtitle={
          <>
            <Content>{review.campTitle}</Content> ·{" "}
            {review.score === null ? t("camp.test.review.scorePending") : t("camp.test.review.score", { score: review.score, max: review.max })}
          </>
        }
      />
      {review.autoSubmitted ? <Notice tone="info">{t("camp.test.review.autoSubmitted")}</Notice> : null}
      <ol className="space-y-4">
        {review.questions.map((question) => (
          <li key={question.position} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium text-slate-500">
                {t("camp.test.take.question", { number: question.position + 1, points: question.points })} · {t(`questionKind.${question.kind}`)}
              </span>
              {question.score === null ? (
                <Badge tone="amber">{t("camp.test.review.ungraded")}</Badge>
              ) : (
                <Badge tone={question.score >= question.points ? "emerald" : question.score > 0 ? "amber" : "red"}>{t("camp.test.review.marks", { score: question.score, points: question.points })}</Badge>
              )}
            </div>
            <p className="whitespace-pre-wrap text-slate-900">
              <Content>{question.stem}</Content>
            </p>
            {question.options.length > 0 ? (
              <ul className="space-y-1">
                {question.options.map((text, shown) => (
                  <li key={shown} className={question.correctShown.includes(shown) ? "font-medium text-emerald-800" : "text-slate-700"}>
                    {String.fromCharCode(65 + shown)}. <Content>{text}</Content>
                  </li>
                ))}
              </ul>
            ) : null}
            <p>
              <span className="text-slate-500">{t("camp.test.review.yourAnswer")}：</span>
              {answerText(question.response)}
            </p>
            <p>
              <span className="text-slate-500">{question.kind === "SHORT_ANSWER" ? t("camp.test.review.reference") : t("camp.test.review.key")}：</span>
              {keyText(question)}
            </p>
            {question.explanation ? (
              <p className="text-slate-600">
                <span className="text-slate-500">{t("camp.test.review.explanation")}：</span>
                <Content>{question.explanation}</Content>
              </p>
            ) : null}
            {question.comments.length > 0 ? (
              <div className="text-slate-600">
                <span className="text-slate-500">{t("camp.test.review.comments")}：</span>
                <ul className="list-disc pl-5">
                  {question.comments.map((comment, index) => (
                    <li key={index}>
                      <Content>{comment}</Content>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

