import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { Notice } from "~/components/kit/feedback.tsx";
import { FieldErrors, TextAreaField, inputClass } from "~/components/kit/fields.tsx";
import { formatDateTime } from "~/lib/format.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/camp.judging.$assignmentId.tsx";
import { roundKindKey } from "../labels.ts";
import { sheetSchema } from "../schemas.ts";
import type { sheetAction } from "../sheet.actions.server.ts";

/**
 * A score sheet, phone first: the contestant and their drawn topic, each criterion with its maximum,
 * a comment; save a draft or submit (asked first). Submitted, it is read-only.
 */
export default function ScoreSheetPage() {
  const { sheet, canScore } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof sheetAction>();
  const { t, i18n } = useTranslation();
  const editable = canScore && !sheet.submittedAt && sheet.criteria.length > 0;
  const [form, fields] = useForm({
    id: `sheet-${sheet.id}`,
    lastResult: reply?.form,
    defaultValue: { comment: sheet.comment, scores: Object.fromEntries(sheet.criteria.map((c) => [c.id, c.score === null ? "" : String(c.score)])) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sheetSchema }),
  });
  const scoreFields = fields.scores.getFieldset();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("camp.judged.sheet.title", { name: sheet.contestant.name })}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {t(roundKindKey(sheet.round.kind))} · <Content>{sheet.camp.title}</Content>
          {sheet.contestant.sequence ? ` · ${t("camp.judged.sheet.order", { sequence: sheet.contestant.sequence })}` : ""}
        </p>
        <p className="text-sm text-slate-600">{t("camp.judged.sheet.judge", { name: sheet.judgeName })}</p>
        <Link to="/camp/judging" className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("camp.judged.sheet.back")}
        </Link>
      </div>

      <Card title={t("camp.judged.sheet.topic")}>
        {sheet.topic ? (
          <>
            <p className="font-medium">
              <Content>{sheet.topic.title}</Content>
            </p>
            {sheet.topic.body ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700"><Content>{sheet.topic.body}</Content></p> : null}
          </>
        ) : (
          <p className="text-sm text-slate-600">{t("camp.judged.sheet.noTopic")}</p>
        )}
      </Card>

      {sheet.submittedAt ? <Notice tone="info">{t("camp.judged.sheet.submittedAt", { time: formatDateTime(sheet.submittedAt, i18n.language) })}</Notice> : null}
      {!sheet.submittedAt && !canScore ? <Notice tone="info">{t("camp.judged.sheet.notScoring")}</Notice> : null}
      {sheet.criteria.length === 0 ? <Notice tone="info">{t("camp.judged.sheet.noRubric")}</Notice> : null}
      <ActionFeedback reply={reply} intent={["saveDraft", "submit"]} />

      {sheet.criteria.length > 0 ? (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <fieldset disabled={!editable} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
            {sheet.criteria.map((criterion) => {
              const field = scoreFields[criterion.id]!;
              return (
                <div key={criterion.id}>
                  <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
                    {t("camp.judged.sheet.criterion", { name: criterion.name, max: criterion.weight })}
                  </label>
                  {criterion.description ? <p className="text-xs text-slate-500"><Content>{criterion.description}</Content></p> : null}
                  <input {...getInputProps(field, { type: "number" })} inputMode="decimal" min={0} max={criterion.weight} step={0.1} className={`${inputClass} max-w-[10rem] text-lg`} />
                  <FieldErrors field={field} />
                </div>
              );
            })}
            <p className="text-xs text-slate-500">{t("camp.judged.sheet.step")}</p>
            <TextAreaField field={fields.comment} label={t("camp.judged.sheet.comment")} rows={4} />
            {sheet.total !== null ? <p className="font-medium">{t("camp.judged.sheet.total", { total: sheet.total })}</p> : null}
          </fieldset>
          {editable ? (
            <div className="flex flex-wrap gap-3">
              <input type="hidden" name="name" value={sheet.contestant.name} />
              <SubmitButton intent="saveDraft" sendIntent tone="secondary" pendingLabel={t("camp.judged.sheet.savingDraft")}>
                {t("camp.judged.sheet.saveDraft")}
              </SubmitButton>
              <SubmitButton intent="submit" sendIntent pendingLabel={t("kit.working")}>
                {t("camp.judged.sheet.submit")}
              </SubmitButton>
            </div>
          ) : null}
        </Form>
      ) : null}
    </div>
  );
}
