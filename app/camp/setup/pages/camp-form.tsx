import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader as editLoader } from "~/routes/camp.$campId_.edit.tsx";
import type { loader as newLoader } from "~/routes/camp.new.tsx";
import type { editCampAction, newCampAction } from "../form.actions.server.ts";
import type { CampFormValues } from "../form-values.ts";
import { campSchema, CUT_KINDS, JUDGED_KINDS, ROUND_KINDS, TIMED_KINDS, type RoundKind } from "../schemas.ts";

/** /camp/new: a draft camp with the seed's four rounds by default. */
export function NewCampPage() {
  const { values } = useLoaderData<typeof newLoader>();
  const reply = useActionData<typeof newCampAction>();
  const { t } = useTranslation();
  return <CampForm mode={{ kind: "create" }} values={values} reply={reply} title={t("camp.setup.form.newTitle")} subtitle={t("camp.setup.form.newIntro")} />;
}

/** /camp/:campId/edit: everything while a draft; once open, the basics and the times. */
export function EditCampPage() {
  const { camp, values } = useLoaderData<typeof editLoader>();
  const reply = useActionData<typeof editCampAction>();
  const { t } = useTranslation();
  return (
    <CampForm
      mode={{ kind: "edit", campId: camp.id, version: camp.version }}
      values={values}
      reply={reply}
      title={t("camp.setup.form.editTitle", { title: camp.title })}
      subtitle={camp.status === "DRAFT" ? t("camp.setup.form.editIntro") : t("camp.setup.form.editOpenIntro")}
    />
  );
}

type AnyReply = ReturnType<typeof useActionData<typeof newCampAction>> | ReturnType<typeof useActionData<typeof editCampAction>>;

function CampForm({ mode, values, reply: anyReply, title, subtitle }: { mode: { kind: "create" } | { kind: "edit"; campId: string; version: string }; values: CampFormValues; reply: AnyReply; title: string; subtitle: string }) {
  const { t } = useTranslation();
  const intent = mode.kind === "create" ? "create" : "update";
  const reply = anyReply as { intent?: string; form?: SubmissionResult<string[]> } | undefined;
  const [form, fields] = useForm<CampFormValues, unknown>({
    id: mode.kind === "create" ? "new-camp" : `edit-camp-${mode.campId}`,
    lastResult: reply?.intent === intent ? reply.form : undefined,
    defaultValue: values,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: campSchema }),
  });
  const rounds = fields.rounds.getFieldset();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title={title} subtitle={subtitle} />
      <ActionFeedback reply={anyReply} intent={intent} />
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <input type="hidden" name="intent" value={intent} />
        {mode.kind === "edit" ? <VersionField version={mode.version} reply={anyReply?.intent === "update" ? anyReply : undefined} /> : null}
        <Card title={t("camp.setup.form.basics")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.title} label={t("camp.setup.form.campTitle")} className="sm:col-span-2" maxLength={120} />
            <TextField field={fields.year} type="number" min="2000" max="2100" label={t("camp.setup.form.year")} />
            <div className="hidden sm:block" />
            <TextField field={fields.startsOn} type="date" label={t("camp.setup.form.startsOn")} />
            <TextField field={fields.endsOn} type="date" label={t("camp.setup.form.endsOn")} />
            <TextAreaField field={fields.description} label={t("camp.setup.form.description")} rows={3} className="sm:col-span-2" />
            <TextAreaField field={fields.organisers} label={t("camp.setup.form.organisers")} hint={t("camp.setup.form.organisersHint")} rows={2} className="sm:col-span-2" />
          </div>
        </Card>
        <Card title={t("camp.setup.form.rounds")}>
          <p className="text-sm text-slate-600">{t("camp.setup.form.roundsHint")}</p>
          <div className="mt-4 space-y-4">
            {ROUND_KINDS.map((kind, position) => (
              <RoundFields key={kind} kind={kind} earlier={ROUND_KINDS.slice(0, position)} field={rounds[kind]} />
            ))}
          </div>
        </Card>
        <div className="flex flex-wrap gap-2">
          <SubmitButton intent={intent} pendingLabel={mode.kind === "create" ? t("camp.setup.form.creating") : t("camp.setup.form.saving")}>
            {mode.kind === "create" ? t("camp.setup.form.create") : t("camp.setup.form.save")}
          </SubmitButton>
          <Link to={mode.kind === "create" ? "/camp" : `/camp/${mode.campId}`} className={buttonClass("secondary")}>
            {t("camp.setup.form.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}

function RoundFields({ kind, earlier, field }: { kind: RoundKind; earlier: readonly RoundKind[]; field: FieldMetadata<CampFormValues["rounds"][RoundKind], any, string[]> }) {
  const { t } = useTranslation();
  const f = field.getFieldset();
  const name = t(`campRoundKind.${kind}`);
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">{name}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <CheckboxField field={f.enabled} label={t("camp.setup.form.enabled", { round: name })} className="sm:col-span-3" />
        <TextField field={f.weight} type="number" min="0" max="100" label={t("camp.setup.form.weight")} />
        <TextField field={f.opensAt} type="datetime-local" label={t("camp.setup.form.opensAt")} />
        <TextField field={f.closesAt} type="datetime-local" label={t("camp.setup.form.closesAt")} />
        {TIMED_KINDS.includes(kind) ? <TextField field={f.durationMinutes} type="number" min="1" max="600" label={t("camp.setup.form.duration")} /> : null}
        {kind === "KNOWLEDGE_TEST" ? (
          <SelectField field={f.multipleChoiceRule} label={t("camp.setup.form.mcRule")} options={(["ALL_OR_NOTHING", "PARTIAL"] as const).map((v) => ({ value: v, label: t(`multipleChoiceRule.${v}`) }))} className="sm:col-span-2" />
        ) : null}
        {kind === "IDENTIFICATION" ? (
          <>
            <TextField field={f.photosPerPerson} type="number" min="1" max="100" label={t("camp.setup.form.photos")} />
            <TextField field={f.decoysPerPerson} type="number" min="0" max="100" label={t("camp.setup.form.decoys")} />
            <TextField field={f.namePoints} type="number" min="0" max="20" step="0.5" label={t("camp.setup.form.namePoints")} hint={t("camp.setup.form.pointsHint")} />
            <TextField field={f.classPoints} type="number" min="0" max="20" step="0.5" label={t("camp.setup.form.classPoints")} />
            <TextField field={f.dormPoints} type="number" min="0" max="20" step="0.5" label={t("camp.setup.form.dormPoints")} />
          </>
        ) : null}
        {JUDGED_KINDS.includes(kind) ? (
          <>
            <SelectField field={f.scoringRule} label={t("camp.setup.form.scoringRule")} options={(["TRIMMED_MEAN", "MEAN", "Z_SCORE"] as const).map((v) => ({ value: v, label: t(`judgedScoringRule.${v}`) }))} className="sm:col-span-3" />
            <TextField field={f.judgesPerContestant} type="number" min="1" max="15" label={t("camp.setup.form.judgesPer")} />
            <TextField field={f.disagreementTolerance} type="number" min="0" max="100" step="0.5" label={t("camp.setup.form.tolerance")} hint={t("camp.setup.form.toleranceHint")} className="sm:col-span-2" />
            <p className="text-xs text-slate-500 sm:col-span-3">{t("camp.setup.form.rubricNote")}</p>
          </>
        ) : null}
        {CUT_KINDS.includes(kind) ? (
          <>
            <SelectField
              field={f.cutFrom}
              label={t("camp.setup.form.cutFrom")}
              options={[{ value: "", label: t("camp.setup.form.cutNone") }, ...earlier.map((k) => ({ value: k, label: t(`campRoundKind.${k}`) }))]}
              className="sm:col-span-2"
            />
            <TextField field={f.cutTop} type="number" min="1" label={t("camp.setup.form.cutTop")} />
          </>
        ) : null}
      </div>
    </fieldset>
  );
}
