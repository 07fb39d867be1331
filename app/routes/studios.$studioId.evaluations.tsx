import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { intentAction } from "~/lib/actions.server.ts";
import { replyFor, type ActionReply } from "~/lib/action-reply.ts";
import { formatDateTime } from "~/lib/format.ts";
import { authorize, permit } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { currentCycle, gradeEvaluation, listEvaluations, submitEvaluation } from "~/studios/evaluations.server.ts";
import { evaluationGradeSchema, evaluationSubmitSchema, GRADES } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.evaluations.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "evaluation:view", access.resource);
  return data({
    evaluations: await listEvaluations(access.studio.id),
    cycle: currentCycle(),
  });
}

export const action = intentAction({
  load: ({ params }, user) => loadStudioAccess(user, params.studioId),
  intents: (intent) => ({
    submit: intent({
      schema: evaluationSubmitSchema,
      authorize: ({ user, ctx }) => permit(user, "evaluation:submit", ctx.resource),
      run: async ({ user, ctx, t }, input) => {
        await submitEvaluation(ctx.studio.id, input, user);
        return { notice: t("studios.evaluations.submitted") };
      },
    }),
    grade: intent({
      schema: evaluationGradeSchema,
      authorize: ({ user, ctx }) => permit(user, "evaluation:grade", ctx.resource),
      // The form stays as sent: a refusal is shown beside the evaluation it names.
      keepForm: true,
      run: async ({ user, ctx, t }, input) => {
        await gradeEvaluation(ctx.studio.id, input.evaluationId, input, user.id);
        return { notice: t("studios.evaluations.graded") };
      },
    }),
  }),
});

/** Grading one evaluation; `reply` is the grade reply about this evaluation, if any. */
function GradeForm({ evaluationId, cycle, reply }: { evaluationId: string; cycle: string; reply: ActionReply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `grade-${evaluationId}`,
    lastResult: reply?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: evaluationGradeSchema }),
  });
  return (
    <Form method="post" className="mt-3 grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-3" aria-label={t("studios.evaluations.gradeFor", { cycle })} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="grade" />
      <input type="hidden" name="evaluationId" value={evaluationId} />
      <div className="sm:col-span-3">
        <ActionFeedback reply={reply} />
      </div>
      <SelectField field={fields.grade} label={t("studios.evaluations.grade")} placeholder={t("studios.create.choose")} options={GRADES.map((g) => ({ value: g, label: t(`evaluationGrade.${g}`) }))} />
      <TextAreaField field={fields.comments} label={t("studios.evaluations.comments")} rows={2} className="sm:col-span-2" />
      <div className="sm:col-span-3">
        <SubmitButton intent="grade" match={["evaluationId", evaluationId]} pendingLabel={t("studios.evaluations.grading")}>
          {t("studios.evaluations.gradeSubmit")}
        </SubmitButton>
      </div>
    </Form>
  );
}

export default function Evaluations() {
  const { evaluations, cycle } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const reply = useActionData<typeof action>();
  const gradeReply = replyFor(reply, "grade");
  const gradeReplyFor = (evaluationId: string) => (gradeReply?.form?.initialValue?.evaluationId === evaluationId ? gradeReply : undefined);
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "evaluation-submit",
    lastResult: replyFor(reply, "submit")?.form,
    defaultValue: { cycle },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: evaluationSubmitSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const gradeTone = { EXCELLENT: "emerald", QUALIFIED: "brand", UNQUALIFIED: "amber" } as const;
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.evaluations.heading")}</StudioPageHeading>
      <p className="text-sm text-slate-600">{t("studios.evaluations.intro")}</p>
      {gradeReply?.status === "success" ? <ActionFeedback reply={gradeReply} /> : null}
      {evaluations.length === 0 ? (
        <EmptyState>{t("studios.evaluations.empty")}</EmptyState>
      ) : (
        <ol className="space-y-4" aria-label={t("studios.evaluations.heading")}>
          {evaluations.map((e) => (
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">{e.cycle}</h2>
                {e.grade ? <Badge tone={gradeTone[e.grade]}>{t(`evaluationGrade.${e.grade}`)}</Badge> : <Badge>{t("studios.evaluations.awaiting")}</Badge>}
              </div>
              <p className="mt-1 text-xs text-slate-500">{t("studios.evaluations.submittedBy", { name: e.submittedBy.name, date: formatDateTime(e.submittedAt, i18n.language) })}</p>
              <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{e.report}</p>
              {e.grade ? (
                <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm">
                  <p className="text-slate-700">{e.comments}</p>
                  {e.gradedBy && e.gradedAt ? (
                    <p className="mt-1 text-xs text-slate-500">{t("studios.evaluations.gradedBy", { name: e.gradedBy.name, date: formatDateTime(e.gradedAt, i18n.language) })}</p>
                  ) : null}
                </div>
              ) : chrome.abilities["evaluation:grade"] ? (
                <GradeForm evaluationId={e.id} cycle={e.cycle} reply={gradeReplyFor(e.id)} />
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {chrome.abilities["evaluation:submit"] ? (
        <Card title={t("studios.evaluations.submitHeading")}>
          <Form method="post" className="space-y-4" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="submit" />
            <ActionFeedback reply={reply} intent="submit" />
            <TextField field={fields.cycle} label={t("studios.evaluations.cycle")} hint={t("studios.evaluations.cycleHint")} className="max-w-xs" />
            <TextAreaField field={fields.report} label={t("studios.evaluations.report")} hint={t("studios.evaluations.reportHint")} rows={8} />
            <SubmitButton intent="submit" pendingLabel={t("studios.evaluations.submitting")}>
              {t("studios.evaluations.submit")}
            </SubmitButton>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
