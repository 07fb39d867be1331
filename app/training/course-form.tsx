import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ChoiceField, inputClass, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { courseFormSchema } from "./course-form.ts";
import { platformName } from "./labels.ts";
import { courseSchema, DUTIES, GROUPS, LEVELS } from "./schemas.ts";

export interface CourseFormOptions {
  platforms: Array<{ id: string; nameZh: string; nameEn: string }>;
  colleges: Array<{ id: string; name: string }>;
  jointGroups: Array<{ id: string; name: string }>;
}

/** The course's fields, for creating (a draft) and editing. `defaults` are form values (strings). */
export function CourseForm({
  intent,
  options,
  defaults,
  targets,
  lastResult,
  versionField,
  submitLabel,
  pendingLabel,
}: {
  intent: string;
  options: CourseFormOptions;
  defaults: Record<string, string | string[]>;
  /** The current kind per stage and group ("NOVICE" → "REQUIRED"). */
  targets: Record<string, string>;
  lastResult: SubmissionResult<string[]> | undefined;
  /** An edit's version field (the kit's VersionField, decision 095). */
  versionField?: ReactNode;
  submitLabel: string;
  pendingLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm<z.input<typeof courseSchema>>({
    id: `course-${intent}`,
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: courseFormSchema }),
  });
  const kindSelect = (name: string, id: string, label: string, value: string | undefined) => (
    <div key={name}>
      <label htmlFor={id} className="block text-sm text-slate-700">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">{t("training.course.formNotTargeted")}</option>
        <option value="REQUIRED">{t("trainingTargetKind.REQUIRED")}</option>
        <option value="ELECTIVE">{t("trainingTargetKind.ELECTIVE")}</option>
      </select>
    </div>
  );
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <input type="hidden" name="intent" value={intent} />
      {versionField}
      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <Card title={t("training.catalogue.colTitle")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.title} label={t("training.course.formTitle")} className="sm:col-span-2" maxLength={120} />
          <TextAreaField field={fields.description} label={t("training.course.formDescription")} rows={4} className="sm:col-span-2" />
          <SelectField field={fields.platformId} label={t("training.course.formPlatform")} placeholder={t("training.course.choose")} options={options.platforms.map((p) => ({ value: p.id, label: platformName(p, i18n.language) }))} />
          <SelectField field={fields.level} label={t("training.course.formLevel")} options={LEVELS.map((l) => ({ value: l, label: t(`trainingLevel.${l}`) }))} />
          <SelectField field={fields.collegeId} label={t("training.course.formCollege")} placeholder="—" hint={t("training.course.formOrganiserHint")} options={options.colleges.map((c) => ({ value: c.id, label: c.name }))} />
          <SelectField field={fields.jointGroupId} label={t("training.course.formJointGroup")} placeholder="—" options={options.jointGroups.map((g) => ({ value: g.id, label: g.name }))} />
          <ChoiceField field={fields.duties} legend={t("training.course.formDuties")} options={DUTIES.map((d) => ({ value: d, label: t(`duty.${d}`) }))} className="sm:col-span-2" />
          <TextField field={fields.speaker} label={t("training.course.formSpeaker")} maxLength={120} />
          <SelectField field={fields.speakerKind} label={t("training.course.formSpeakerKind")} options={(["INTERNAL", "INVITED", "OUTGOING"] as const).map((k) => ({ value: k, label: t(`speakerKind.${k}`) }))} />
          <TextField field={fields.capacity} type="number" min="1" label={t("training.course.formCapacity")} hint={t("training.course.formCapacityHint")} />
          <TextField field={fields.costYuan} type="number" min="0" step="0.01" label={t("training.course.formCost")} />
          <TextField field={fields.enrolOpensAt} type="datetime-local" label={t("training.course.formOpens")} />
          <TextField field={fields.enrolClosesAt} type="datetime-local" label={t("training.course.formCloses")} />
          <TextField field={fields.year} type="number" min="2000" max="2100" label={t("training.course.formYear")} />
        </div>
      </Card>
      <Card title={t("training.course.formTargets")}>
        <p className="text-sm text-slate-600">{t("training.course.formTargetsHint")}</p>
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {CAREER_STAGES.map((s) => kindSelect(`stageKind.${s}`, `stage-kind-${s}`, t(`stage.${s}`), targets[s]))}
          {GROUPS.map((g) => kindSelect(`groupKind.${g}`, `group-kind-${g}`, t(`group.${g}`), targets[g]))}
        </div>
      </Card>
      <SubmitButton intent={intent} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
