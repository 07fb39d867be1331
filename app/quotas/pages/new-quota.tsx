import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { ChoiceField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { parseWithZod } from "~/lib/zod-form.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import type { loader } from "~/routes/quotas.new.tsx";
import type { action } from "../new-quota.actions.server.ts";
import { QUOTA_GROUPS, QUOTA_KINDS, quotaSchema } from "../schemas.ts";

/** /quotas/new: what the place is, how many seats, who may be a candidate and which camp's results count. */
export function NewQuotaPage() {
  const { camps } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "new-quota",
    lastResult: reply?.intent === "create" ? reply.form : undefined,
    defaultValue: { kind: "PROVINCIAL_TRAINING", seats: "1" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quotaSchema }),
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("quotas.form.title")} subtitle={t("quotas.form.intro")} />
      <ActionFeedback reply={reply} intent="create" />
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <input type="hidden" name="intent" value="create" />
        <Card title={t("quotas.page.facts")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.title} label={t("quotas.form.name")} className="sm:col-span-2" maxLength={120} placeholder={t("quotas.form.namePlaceholder")} />
            <SelectField field={fields.kind} label={t("quotas.form.kind")} options={QUOTA_KINDS.map((kind) => ({ value: kind, label: t(`quotaKind.${kind}`) }))} />
            <TextField field={fields.seats} type="number" min="1" max="200" label={t("quotas.form.seats")} />
            <TextField field={fields.dueOn} type="date" label={t("quotas.form.due")} />
            <SelectField
              field={fields.campId}
              label={t("quotas.form.camp")}
              placeholder={t("quotas.form.campLatest")}
              options={camps.map((camp) => ({ value: camp.id, label: camp.title }))}
              hint={t("quotas.form.campHint")}
            />
            <TextAreaField field={fields.description} label={t("quotas.form.description")} rows={3} className="sm:col-span-2" />
          </div>
        </Card>
        <Card title={t("quotas.page.candidates")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <ChoiceField field={fields.stages} legend={t("quotas.form.stages")} options={CAREER_STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }))} />
            <ChoiceField field={fields.groups} legend={t("quotas.form.groups")} options={QUOTA_GROUPS.map((group) => ({ value: group, label: t(`group.${group}`) }))} />
          </div>
        </Card>
        <div className="flex flex-wrap gap-2">
          <SubmitButton intent="create" pendingLabel={t("quotas.form.saving")}>
            {t("quotas.form.save")}
          </SubmitButton>
          <Link to="/quotas" className={buttonClass("secondary")}>
            {t("quotas.form.back")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
