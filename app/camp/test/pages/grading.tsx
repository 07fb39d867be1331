import { getFormProps, useForm } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/camp.grading._index.tsx";
import type { gradingAction } from "../grading.actions.server.ts";
import { shortAnswerGradeSchema } from "../schemas.ts";

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

export function GradingPage() {
  const { items, page, pages, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("camp.test.grading.heading")} />
      <p className="text-sm text-slate-600">{t("camp.test.grading.intro")}</p>
      {items.length === 0 ? (
        <EmptyState>{t("camp.test.grading.empty")}</EmptyState>
      ) : (
        <ul className="space-y-4">
          {items.map((item) => (
            <li key={`${item.attemptId}:${item.position}`}>
              <GradeForm item={item} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}

function GradeForm({ item }: { item: Item }) {
  const { t } = useTranslation();
  const reply = useActionData<typeof gradingAction>();
  const mine = reply?.intent === "grade" && reply.form?.initialValue?.attemptId === item.attemptId && String(reply.form?.initialValue?.position) === String(item.position);
  const code = t("camp.test.grading.code", { code: item.blindCode });
  const [form, fields] = useForm({
    id: `grade-${item.attemptId}-${item.position}`,
    lastResult: mine ? reply.form : undefined,
    defaultValue: { score: item.score === null ? "" : String(item.score), comment: item.comment },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: shortAnswerGradeSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={code} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <input type="hidden" name="intent" value="grade" />
      <input type="hidden" name="attemptId" value={item.attemptId} />
      <input type="hidden" name="position" value={item.position} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{code}</span>
        <span className="flex gap-2">
          <Badge>{t("camp.test.grading.points", { points: item.points })}</Badge>
          {item.score === null ? <Badge tone="amber">{t("camp.test.grading.pending")}</Badge> : <Badge tone="emerald">{t("camp.test.grading.graded", { score: item.score })}</Badge>}
        </span>
      </div>
      <p className="whitespace-pre-wrap text-slate-900">
        <Content>{item.stem}</Content>
      </p>
      {item.referenceAnswer ? (
        <p className="text-slate-600">
          <span className="text-slate-500">{t("camp.test.grading.reference")}：</span>
          <Content>{item.referenceAnswer}</Content>
        </p>
      ) : null}
      {item.gradingNotes ? (
        <p className="text-slate-600">
          <span className="text-slate-500">{t("camp.test.grading.notes")}：</span>
          <Content>{item.gradingNotes}</Content>
        </p>
      ) : null}
      <div>
        <p className="text-slate-500">{t("camp.test.grading.answer")}</p>
        <p className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-slate-900">
          <Content>{item.answer}</Content>
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
        <TextField field={fields.score} label={t("camp.test.grading.score")} type="number" min={0} max={item.points} step={0.1} />
        <TextAreaField field={fields.comment} label={t("camp.test.grading.comment")} rows={2} />
      </div>
      <SubmitButton intent="grade" match={["attemptId", item.attemptId]} pendingLabel={t("camp.test.grading.save")}>
        {t("camp.test.grading.save")}
      </SubmitButton>
      {mine ? <ActionFeedback reply={reply} intent="grade" /> : null}
    </Form>
  );
}
