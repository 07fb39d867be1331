import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { VersionField } from "~/components/kit/conflict.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { ChoiceField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import type { ActionReply } from "~/lib/action-reply.ts";
import { LEVELS, PROJECT_STATUSES, projectSchemaFor } from "./schemas.ts";

/** Create or edit a project: details, direction, principal and members (from the studio's team). */
export function ProjectForm({
  intent,
  reply,
  defaultValue,
  members,
  directions,
  submitLabel,
  pendingLabel,
  version,
}: {
  intent: "create" | "update";
  /** The project's version, for an edit (decision 095). */
  version?: string;
  /** This form's reply (its field errors, refusal or notice). */
  reply: ActionReply | undefined;
  defaultValue?: Record<string, string | string[] | undefined>;
  members: Array<{ id: string; name: string }>;
  directions: Array<{ id: string; name: string }>;
  submitLabel: string;
  pendingLabel: string;
}) {
  const { t } = useTranslation();
  const schema = useMemo(() => projectSchemaFor(intent), [intent]);
  const [form, fields] = useForm<z.input<typeof schema>, z.output<typeof schema>>({
    id: `project-${intent}`,
    lastResult: reply?.form,
    defaultValue: defaultValue ?? { level: "SCHOOL", status: "PLANNING" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const option = (value: string, label: string) => ({ value, label });
  const people = members.map((m) => option(m.id, m.name));
  return (
    <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      {version ? <VersionField version={version} reply={reply} /> : null}
      <div className="sm:col-span-2">
        <ActionFeedback reply={reply} intent={intent} />
      </div>
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
