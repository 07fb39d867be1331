import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { inputClass, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/training.settings.budgets.tsx";
import type { budgetsAction } from "./budgets.actions.server.ts";
import { budgetOwnerName } from "./labels.ts";
import { SettingsHeader } from "./settings-nav.tsx";
import { budgetFormSchema } from "./schemas.ts";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = ReturnType<typeof useActionData<typeof budgetsAction>>;
type Row = Data["rows"][number];

/** 专项经费 (issue 18 point 7): a year's budget of the school, each college and each joint group, against what their courses cost. */
export function BudgetsPage() {
  const { year, rows } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof budgetsAction>();
  const { t, i18n } = useTranslation();
  const money = (n: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: 2 });
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <SettingsHeader title={t("training.admin.budgets.title")} subtitle={t("training.admin.budgets.intro")} />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="budget-year" className="block text-sm font-medium text-slate-700">
            {t("training.admin.budgets.year")}
          </label>
          <input id="budget-year" name="year" type="number" min="2000" max="2100" defaultValue={year} className={`${inputClass} w-32`} />
        </div>
        <SubmitButton tone="secondary" pendingLabel={t("training.admin.budgets.show")}>
          {t("training.admin.budgets.show")}
        </SubmitButton>
      </Form>
      <ActionFeedback reply={reply} intent="save" />
      <DataTable
        caption={`${t("training.admin.budgets.title")} ${year}`}
        rows={rows}
        rowKey={(r) => r.ownerKey}
        columns={[
          { key: "owner", header: t("training.admin.budgets.colOwner"), primary: true, cell: (r) => <Content>{budgetOwnerName(t, r)}</Content> },
          { key: "budget", header: t("training.admin.budgets.colBudget"), cell: (r) => <BudgetForm key={`${year}:${r.ownerKey}:${r.budget}`} row={r} year={year} reply={reply} /> },
          { key: "spent", header: t("training.admin.budgets.colSpent"), numeric: true, cell: (r) => money(r.spent) },
          {
            key: "left",
            header: t("training.admin.budgets.colLeft"),
            numeric: true,
            cell: (r) =>
              r.budget === null ? (
                <span className="text-slate-500">{t("training.admin.budgets.notSet")}</span>
              ) : r.spent > r.budget ? (
                <Badge tone="red">{t("training.admin.budgets.over", { amount: money(r.spent - r.budget) })}</Badge>
              ) : (
                money(r.budget - r.spent)
              ),
          },
        ]}
      />
    </div>
  );
}

function BudgetForm({ row, year, reply }: { row: Row; year: number; reply: Reply }) {
  const { t } = useTranslation();
  const mine = replyFor(reply, "save");
  const owner = budgetOwnerName(t, row);
  const [form, fields] = useForm({
    id: `budget-${row.ownerKey}`,
    lastResult: mine?.form?.initialValue?.ownerKey === row.ownerKey ? mine.form : undefined,
    defaultValue: { ownerKey: row.ownerKey, year: String(year), amountYuan: row.budget === null ? "" : String(row.budget) },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: budgetFormSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="save" />
      <input {...getInputProps(fields.ownerKey, { type: "hidden" })} />
      <input {...getInputProps(fields.year, { type: "hidden" })} />
      <TextField
        field={fields.amountYuan}
        type="number"
        min="0"
        step="0.01"
        inputMode="decimal"
        label={t("training.admin.budgets.colBudget")}
        aria-label={t("training.admin.budgets.amountFor", { owner, year })}
        placeholder={t("training.admin.budgets.notSet")}
        className="w-40 max-w-full"
      />
      <SubmitButton intent="save" match={["ownerKey", row.ownerKey]} size="sm" tone="secondary" label={t("training.admin.budgets.saveLabel", { owner })} pendingLabel={t("training.admin.saving")}>
        {t("training.admin.budgets.save")}
      </SubmitButton>
    </Form>
  );
}
