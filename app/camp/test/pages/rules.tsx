import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { SelectField, TextField } from "~/components/kit/fields.tsx";
import { Duty, QuestionKind } from "~/generated/prisma/enums.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/camp.$campId_.test.rules.tsx";
import type { rulesAction } from "../rules.actions.server.ts";
import { paperRuleSchema } from "../schemas.ts";

export function RulesPage() {
  const { campId, campTitle, rules, bankProblems, editable } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof rulesAction>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "paper-rule",
    lastResult: reply?.intent === "add" ? reply.form : undefined,
    defaultValue: { duty: "", kind: "", difficultyMin: "1", difficultyMax: "5", count: "5", pointsEach: "2" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: paperRuleSchema }),
  });
  const count = rules.reduce((sum, rule) => sum + rule.count, 0);
  const points = Math.round(rules.reduce((sum, rule) => sum + rule.count * rule.pointsEach * 10, 0)) / 10;
  const difficulties = [1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: String(d) }));
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("camp.test.rules.heading")}
        subtitle={<Content>{campTitle}</Content>}
        actions={
          <Link to={`/camp/${campId}/test/attempts`} className="text-sm text-brand-700 underline">
            {t("camp.test.attempts.heading")}
          </Link>
        }
      />
      <p className="text-sm text-slate-600">{t("camp.test.rules.intro")}</p>
      <ActionFeedback reply={reply} intent={["add", "remove"]} />
      {!editable ? <Notice tone="info">{t("camp.test.rules.locked")}</Notice> : null}
      <DataTable
        caption={t("camp.test.rules.heading")}
        rows={rules}
        rowKey={(rule) => rule.id}
        empty={<EmptyState>{t("camp.test.rules.empty")}</EmptyState>}
        columns={[
          { key: "duty", header: t("camp.test.rules.duty"), primary: true, cell: (rule) => (rule.duty ? t(`duty.${rule.duty}`) : t("camp.test.rules.anyDuty")) },
          { key: "kind", header: t("camp.test.rules.kind"), cell: (rule) => (rule.kind ? t(`questionKind.${rule.kind}`) : t("camp.test.rules.anyKind")) },
          { key: "difficulty", header: t("camp.test.rules.difficulty"), cell: (rule) => `${rule.difficultyMin}–${rule.difficultyMax}` },
          { key: "count", header: t("camp.test.rules.count"), numeric: true, cell: (rule) => rule.count },
          { key: "points", header: t("camp.test.rules.pointsEach"), numeric: true, cell: (rule) => rule.pointsEach },
          ...(editable
            ? [
                {
                  key: "remove",
                  header: <span className="sr-only">{t("camp.test.rules.remove")}</span>,
                  label: t("camp.test.rules.remove"),
                  cell: (rule: (typeof rules)[number]) => (
                    <ConfirmButton intent="remove" fields={{ ruleId: rule.id }} label={t("camp.test.rules.remove")} question={t("camp.test.rules.removeConfirm")} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {rules.length > 0 ? <p className="text-sm text-slate-700">{t("camp.test.rules.total", { count, points })}</p> : null}
      {rules.length > 0 && bankProblems.length === 0 ? <Notice tone="success">{t("camp.test.rules.bankOk")}</Notice> : null}
      {rules.length > 0 && bankProblems.length > 0 ? (
        <Notice tone="error">
          {t("camp.test.rules.bankShort")}
          <ul className="mt-1 list-disc pl-5">
            {bankProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {editable ? (
        <Card title={t("camp.test.rules.add")}>
          <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="add" />
            <SelectField field={fields.duty} label={t("camp.test.rules.duty")} placeholder={t("camp.test.rules.anyDuty")} options={Object.values(Duty).map((d) => ({ value: d, label: t(`duty.${d}`) }))} />
            <SelectField
              field={fields.kind}
              label={t("camp.test.rules.kind")}
              placeholder={t("camp.test.rules.anyKind")}
              options={Object.values(QuestionKind).map((k) => ({ value: k, label: t(`questionKind.${k}`) }))}
            />
            <SelectField field={fields.difficultyMin} label={t("camp.test.rules.difficultyMin")} options={difficulties} />
            <SelectField field={fields.difficultyMax} label={t("camp.test.rules.difficultyMax")} options={difficulties} />
            <TextField field={fields.count} label={t("camp.test.rules.count")} type="number" min={1} max={200} />
            <TextField field={fields.pointsEach} label={t("camp.test.rules.pointsEach")} type="number" min={0.1} max={100} step={0.1} />
            <div className="sm:col-span-3">
              <SubmitButton intent="add" pendingLabel={t("camp.test.rules.add")}>
                {t("camp.test.rules.add")}
              </SubmitButton>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
