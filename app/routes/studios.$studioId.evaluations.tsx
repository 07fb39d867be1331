import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { ruleMessage, studioChrome } from "~/studios/chrome.server.ts";
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
    chrome: studioChrome(user, access),
    evaluations: await listEvaluations(access.studio.id),
    cycle: currentCycle(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "submit") {
    authorize(user, "evaluation:submit", access.resource);
    const submission = parseWithZod(form, { schema: evaluationSubmitSchema });
    if (submission.status !== "success") return data({ intent, result: translatedReply(submission, t), notice: null }, { status: 400 });
    try {
      await submitEvaluation(access.studio.id, submission.value, user);
    } catch (error) {
      return data({ intent, result: submission.reply({ formErrors: [ruleMessage(error, t, locale)] }), notice: null }, { status: 409 });
    }
    return data({ intent, result: submission.reply({ resetForm: true }), notice: t("studios.evaluations.submitted") });
  }
  if (intent === "grade") {
    authorize(user, "evaluation:grade", access.resource);
    const submission = parseWithZod(form, { schema: evaluationGradeSchema });
    if (submission.status !== "success") return data({ intent: `grade-${String(form.get("evaluationId"))}`, result: translatedReply(submission, t), notice: null }, { status: 400 });
    try {
      await gradeEvaluation(access.studio.id, submission.value.evaluationId, submission.value, user.id);
    } catch (error) {
      if (error instanceof Response) throw error;
      return data({ intent: `grade-${submission.value.evaluationId}`, result: submission.reply({ formErrors: [ruleMessage(error, t, locale)] }), notice: null }, { status: 409 });
    }
    return data({ intent: `grade-${submission.value.evaluationId}`, result: submission.reply(), notice: t("studios.evaluations.graded") });
  }
  throw new Response("Bad Request", { status: 400 });
}

function GradeForm({ evaluationId, cycle, lastResult }: { evaluationId: string; cycle: string; lastResult: ReturnType<typeof translatedReply> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `grade-${evaluationId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: evaluationGradeSchema }),
  });
  return (
    <Form method="post" className="mt-3 grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-3" aria-label={t("studios.evaluations.gradeFor", { cycle })} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="grade" />
      <input type="hidden" name="evaluationId" value={evaluationId} />
      {form.errors?.length ? (
        <div className="sm:col-span-3">
          <Notice tone="error">{form.errors.join(" ")}</Notice>
        </div>
      ) : null}
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
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "evaluation-submit",
    lastResult: actionData?.intent === "submit" ? actionData.result : undefined,
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
      {actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
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
                <GradeForm evaluationId={e.id} cycle={e.cycle} lastResult={actionData?.intent === `grade-${e.id}` ? actionData.result : undefined} />
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {chrome.abilities["evaluation:submit"] ? (
        <Card title={t("studios.evaluations.submitHeading")}>
          <Form method="post" className="space-y-4" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="submit" />
            {form.errors?.length ? <Notice tone="error">{form.errors.join(" ")}</Notice> : null}
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
