import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { ChoiceField, FieldErrors, inputClass, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { Duty } from "~/generated/prisma/enums.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import { MAX_OPTIONS, MIN_OPTIONS, QUESTION_KINDS, type QuestionKind } from "../../question-draft.ts";
import type { editQuestionAction, newQuestionAction } from "../question.actions.server.ts";
import { questionFormSchema, type QuestionFormInput, type QuestionFormValue } from "../schemas.ts";
import type { QuestionFormValues } from "../version.ts";
import { useBankLabels } from "./labels.ts";

export interface QuestionFormData {
  mode: "new" | "edit";
  kind: QuestionKind;
  /** Edit: the current version, to start from. */
  values: QuestionFormValues | null;
  category: string;
  questionId: string | null;
  /** Edit: the current version's number (the save writes the next one). */
  number: number | null;
  /** Edit: the question's version as the form was opened (decision 095). */
  version?: string;
}

const letter = (index: number) => String.fromCharCode(65 + index);

/** What the form starts with: the current version when editing, a few empty options for a new choice question. */
function defaults(data: QuestionFormData): QuestionFormInput {
  const values = data.values;
  return {
    kind: data.kind,
    category: data.category,
    stem: values?.stem ?? "",
    duties: values?.duties ?? [],
    difficulty: values?.difficulty,
    explanation: values?.explanation ?? "",
    options: values?.options.length ? values.options : Array.from({ length: 4 }, () => ({ text: "", correct: false })),
    answer: values?.answer === "true" || values?.answer === "false" ? values.answer : undefined,
    accepted: values?.accepted.length ? values.accepted : [""],
    referenceAnswer: values?.referenceAnswer ?? "",
    gradingNotes: values?.gradingNotes ?? "",
  };
}

/** New question and new version alike: the fields of the question's kind, checked as an import would check them. */
export function QuestionForm({ data }: { data: QuestionFormData }) {
  const { t } = useTranslation();
  const { kindLabel, difficultyLabel } = useBankLabels();
  const intent = data.mode === "new" ? "create" : "save";
  const reply = useActionData<typeof newQuestionAction | typeof editQuestionAction>();
  const [form, fields] = useForm<QuestionFormInput, QuestionFormValue>({
    id: `question-${data.mode}-${data.kind}`,
    lastResult: reply?.form,
    defaultValue: defaults(data),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const choice = data.kind === "SINGLE" || data.kind === "MULTIPLE";
  const options = fields.options.getFieldList();
  const accepted = fields.accepted.getFieldList();
  const title = data.mode === "new" ? t("camp.bank.form.newTitle") : t("camp.bank.form.editTitle");
  const back = data.questionId ? `/camp/bank/${data.questionId}` : "/camp/bank";

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={title} subtitle={data.mode === "edit" ? t("camp.bank.form.editHint") : undefined} />
      {data.mode === "new" ? (
        <nav aria-label={t("camp.bank.form.kindNav")} className="flex flex-wrap gap-2">
          {QUESTION_KINDS.map((kind) => (
            <Link
              key={kind}
              to={`?kind=${kind}`}
              aria-current={kind === data.kind ? "page" : undefined}
              className={buttonClass(kind === data.kind ? "primary" : "secondary", "sm")}
            >
              {kindLabel(kind)}
            </Link>
          ))}
        </nav>
      ) : null}
      <Card title={kindLabel(data.kind)}>
        <Form method="post" className="space-y-5" {...getFormProps(form)}>
          <input type="hidden" name="intent" value={intent} />
          {data.version ? <VersionField version={data.version} reply={reply?.intent === intent ? reply : undefined} /> : null}
          <input {...getInputProps(fields.kind, { type: "hidden" })} />
          <ActionFeedback reply={reply} intent={intent} />
          <TextAreaField field={fields.stem} label={t("camp.bank.form.stem")} rows={4} hint={data.kind === "FILL_IN" ? t("camp.bank.form.stemHintFillIn") : undefined} />

          {choice ? (
            <fieldset className="space-y-2" aria-describedby={fields.options.errors?.length ? fields.options.errorId : undefined}>
              <legend className="text-sm font-medium text-slate-700">{t("camp.bank.form.options")}</legend>
              <p className="text-xs text-slate-500">{data.kind === "SINGLE" ? t("camp.bank.form.optionsHintSingle") : t("camp.bank.form.optionsHintMultiple")}</p>
              {options.map((option, index) => {
                const row = option.getFieldset();
                return (
                  <div key={option.key} className="flex flex-wrap items-start gap-2 sm:flex-nowrap">
                    <label className="mt-3 inline-flex items-center gap-1.5 text-sm text-slate-700">
                      <input {...getInputProps(row.correct, { type: "checkbox" })} aria-label={t("camp.bank.form.correctLabel", { letter: letter(index) })} className="h-4 w-4 rounded border-slate-300" />
                      <span aria-hidden="true" className="font-medium">
                        {letter(index)}
                      </span>
                    </label>
                    <div className="min-w-0 flex-1">
                      <label htmlFor={row.text.id} className="sr-only">
                        {t("camp.bank.form.optionLabel", { letter: letter(index) })}
                      </label>
                      <input {...getInputProps(row.text, { type: "text" })} className={inputClass} />
                      <FieldErrors field={row.text} />
                    </div>
                    {options.length > MIN_OPTIONS ? (
                      <button {...form.remove.getButtonProps({ name: fields.options.name, index })} className={`${buttonClass("secondary", "sm")} mt-1.5`}>
                        {t("camp.bank.form.removeOption", { letter: letter(index) })}
                      </button>
                    ) : null}
                  </div>
                );
              })}
              <FieldErrors field={fields.options} />
              {options.length < MAX_OPTIONS ? (
                <button {...form.insert.getButtonProps({ name: fields.options.name, defaultValue: { text: "", correct: false } })} className={buttonClass("secondary", "sm")}>
                  {t("camp.bank.form.addOption")}
                </button>
              ) : null}
            </fieldset>
          ) : null}

          {data.kind === "TRUE_FALSE" ? (
            <ChoiceField
              field={fields.answer}
              type="radio"
              legend={t("camp.bank.form.answer")}
              options={[
                { value: "true", label: t("camp.bank.form.true") },
                { value: "false", label: t("camp.bank.form.false") },
              ]}
            />
          ) : null}

          {data.kind === "FILL_IN" ? (
            <fieldset className="space-y-2" aria-describedby={fields.accepted.errors?.length ? fields.accepted.errorId : undefined}>
              <legend className="text-sm font-medium text-slate-700">{t("camp.bank.form.accepted")}</legend>
              <p className="text-xs text-slate-500">{t("camp.bank.form.acceptedHint")}</p>
              {accepted.map((answer, index) => (
                <div key={answer.key} className="flex items-start gap-2">
                  <div className="min-w-0 flex-1">
                    <label htmlFor={answer.id} className="sr-only">
                      {t("camp.bank.form.acceptedLabel", { number: index + 1 })}
                    </label>
                    <input {...getInputProps(answer, { type: "text" })} className={inputClass} />
                    <FieldErrors field={answer} />
                  </div>
                  {accepted.length > 1 ? (
                    <button {...form.remove.getButtonProps({ name: fields.accepted.name, index })} className={`${buttonClass("secondary", "sm")} mt-1.5`}>
                      {t("camp.bank.form.removeAccepted", { number: index + 1 })}
                    </button>
                  ) : null}
                </div>
              ))}
              <FieldErrors field={fields.accepted} />
              <button {...form.insert.getButtonProps({ name: fields.accepted.name, defaultValue: "" })} className={buttonClass("secondary", "sm")}>
                {t("camp.bank.form.addAccepted")}
              </button>
            </fieldset>
          ) : null}

          {data.kind === "SHORT_ANSWER" ? (
            <div className="space-y-4">
              <p className="text-xs text-slate-500">{t("camp.bank.form.shortAnswerHint")}</p>
              <TextAreaField field={fields.referenceAnswer} label={t("camp.bank.form.referenceAnswer")} rows={5} />
              <TextAreaField field={fields.gradingNotes} label={t("camp.bank.form.gradingNotes")} rows={3} />
            </div>
          ) : null}

          <ChoiceField
            field={fields.duties}
            legend={t("camp.bank.form.duties")}
            hint={t("camp.bank.form.dutiesHint")}
            options={Object.values(Duty).map((duty) => ({ value: duty, label: t(`duty.${duty}`) }))}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              field={fields.difficulty}
              label={t("camp.bank.form.difficulty")}
              placeholder={t("camp.bank.form.difficultyPlaceholder")}
              options={[1, 2, 3, 4, 5].map((value) => ({ value: String(value), label: difficultyLabel(value) }))}
            />
            <TextField field={fields.category} label={t("camp.bank.form.category")} hint={t("camp.bank.form.categoryHint")} />
          </div>
          <TextAreaField field={fields.explanation} label={t("camp.bank.form.explanation")} hint={t("camp.bank.form.explanationHint")} rows={3} />

          <div className="flex flex-wrap gap-3">
            <SubmitButton intent={intent} pendingLabel={data.mode === "new" ? t("camp.bank.form.creating") : t("camp.bank.form.saving")}>
              {data.mode === "new" ? t("camp.bank.form.create") : t("camp.bank.form.save")}
            </SubmitButton>
            <Link to={back} className={buttonClass("secondary")}>
              {t("camp.bank.form.cancel")}
            </Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
