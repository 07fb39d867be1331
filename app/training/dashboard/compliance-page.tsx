import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { Content, useContentLang } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import type { loader } from "~/routes/training.compliance.tsx";
import { COMPLIANCE_RULES } from "./filters.ts";

const RULE_LABELS = {
  plan: "training.dashboard.compliance.rulePlan",
  induction: "training.dashboard.compliance.ruleInduction",
  schoolLevel: "training.dashboard.compliance.ruleSchoolLevel",
  nationalOrProvincial: "training.dashboard.compliance.ruleNationalOrProvincial",
} as const;

/** 培训合规名单: who is short of which rule and by how much, with filters, pages and the .xlsx. */
export default function CompliancePage() {
  const { year, people, shortCount, total, page, pages, rows, filters, colleges } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lang = useContentLang();
  const exportQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as Array<[string, string]>);
  const short = (hours: number) => (hours > 0 ? <Badge tone="amber">{t("training.dashboard.compliance.shortBy", { hours })}</Badge> : t("training.dashboard.compliance.ok"));
  const select = (id: string, name: string, label: string, value: string, options: Array<{ value: string; label: string }>) => (
    <div className="min-w-0 max-w-full">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={`${inputClass} max-w-full`}>
        <option value="">{t("training.dashboard.compliance.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={lang(o.label)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("training.dashboard.compliance.title")}
        subtitle={t("training.dashboard.compliance.intro", { year, people, short: shortCount })}
        actions={
          <a href={`/training/compliance.xlsx?${exportQuery}`} className={buttonClass("secondary")} download>
            {t("training.dashboard.export")}
          </a>
        }
      />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        {colleges ? select("compliance-college", "college", t("training.dashboard.compliance.college"), filters.college, colleges.map((c) => ({ value: c.id, label: c.name }))) : null}
        {select("compliance-stage", "stage", t("training.dashboard.compliance.stage"), filters.stage, CAREER_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })))}
        {select("compliance-rule", "rule", t("training.dashboard.compliance.rule"), filters.rule, COMPLIANCE_RULES.map((r) => ({ value: r, label: t(RULE_LABELS[r]) })))}
        <button type="submit" className={buttonClass("secondary")}>
          {t("training.dashboard.compliance.filter")}
        </button>
      </Form>
      <DataTable
        caption={t("training.dashboard.compliance.title")}
        rows={rows}
        rowKey={(r) => r.id}
        empty={<EmptyState>{t("training.dashboard.compliance.empty")}</EmptyState>}
        columns={[
          {
            key: "person",
            header: t("training.dashboard.compliance.colPerson"),
            primary: true,
            cell: (r) => (
              <Link to={`/training/ledger?user=${r.id}`} className="text-brand-700 underline" aria-label={t("training.dashboard.compliance.ledgerLabel", { name: r.name })}>
                <Content>{r.name}</Content>
                {r.college ? (
                  <>
                    {"（"}
                    <Content>{r.college}</Content>
                    {"）"}
                  </>
                ) : null}
              </Link>
            ),
          },
          { key: "stage", header: t("training.dashboard.compliance.colStage"), cell: (r) => t(`stage.${r.stage}`) },
          {
            key: "hours",
            header: t("training.dashboard.compliance.colHours"),
            numeric: true,
            cell: (r) => t("training.dashboard.compliance.hoursOf", { done: r.compliance.plan.done, required: r.compliance.plan.required }),
          },
          { key: "plan", header: t("training.dashboard.compliance.colPlan"), cell: (r) => short(r.compliance.plan.short) },
          {
            key: "induction",
            header: t("training.dashboard.compliance.colInduction"),
            cell: (r) => (r.compliance.induction.applies ? short(r.compliance.induction.short) : t("training.dashboard.compliance.notApplicable")),
          },
          { key: "school", header: t("training.dashboard.compliance.colSchoolLevel"), cell: (r) => short(r.compliance.schoolLevel.short) },
          {
            key: "national",
            header: t("training.dashboard.compliance.colNational"),
            cell: (r) => {
              const n = r.compliance.nationalOrProvincial;
              if (!n.applies) return t("training.dashboard.compliance.notApplicable");
              if (!n.short) return t("training.dashboard.compliance.ok");
              return <Badge tone="amber">{n.lastYear ? t("training.dashboard.compliance.nationalDue", { last: n.lastYear }) : t("training.dashboard.compliance.nationalNever")}</Badge>;
            },
          },
        ]}
      />
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
