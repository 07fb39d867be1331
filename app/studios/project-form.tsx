import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Notice } from "~/components/kit/feedback.tsx";
import { ChoiceField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { LEVELS, PROJECT_STATUSES, projectSchema } from "./schemas.ts";

/** Create or edit a project: details, direction, principal and members (from the studio's team). */
export function ProjectForm({
  intent,
  lastResult,
  defaultValue,
  members,
  directions,
  submitLabel,
  pendingLabel,
}: {
  intent: "create" | "update";
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, string | string[] | undefined>;
  members: Array<{ id: string; name: string }>;
  directions: Array<{ id: string; name: string }>;
  submitLabel: string;
  pendingLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof projectSchema>, z.output<typeof projectSchema>>({
    id: `project-${intent}`,
    lastResult,
    defaultValue: defaultValue ?? { level: "SCHOOL", status: "PLANNING" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: projectSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const option = (value: string, label: string) => ({ value, label });
  const people = members.map((m) => option(m.id, m.name));
  return (
    <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      {form.errors?.length ? (
        <div className="sm:col-span-2">
          <Notice tone="error">{form.errors.join(" ")}</Notice>
        </div>
      ) : null}
      <TextField field={fields.title} label={t("studios.projects.title")} className="sm:col-span-2" />
      <SelectField field={fields.level} label={t("studios.projects.level")} options={LEVELS.map((l) => option(l, t(`level.${l}`)))} />
      <SelectField field={fields.status} label={t("studios.projects.status")} options={PROJECT_STATUSES.map((s) => option(s, t(`projectStatus.${s}`)))} />
      <SelectField field={fields.directionId} label={t("studios.projects.direction")} placeholder={t("studios.projects.noDirection")} options={directions.map((d) => option(d.id, d.name))} />
      <SelectField field={fields.principalId} label={t("studios.projects.principal")} placeholder={t("studios.create.choose")} options={people} />
      <TextField field={fields.startDate} type="date" label={t("studios.projects.startDate")} />
      <TextField field={fields.endDate} type="date" label={t("studios.projects.endDate")} />
      <ChoiceField field={fields.memberIds} legend={t("studios.projects.members")} options={people} className="sm:col-span-2" />
      <TextAreaField field={fields.description} label={t("studios.projects.description")} rows={3} className="sm:col-span-2" />
      <div className="sm:col-span-2">
        <SubmitButton intent={intent} pendingLabel={pendingLabel}>
          {submitLabel}
        </SubmitButton>
      </div>
    </Form>
  );
}
