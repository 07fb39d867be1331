import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { Content, useContentLang } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { barsGrid, barTooltip, categoryAxis, countAxis, NARROW_CHART, scrollingLegend } from "~/dashboard/chart-layout.ts";
import { EChart, type ChartOption } from "~/dashboard/echart.tsx";
import type { loader } from "~/routes/training.dashboard.tsx";

/**
 * 培训看板: KPIs, then one chart per breakdown (stage, group, college, platform, budgets), each with
 * its numbers in a kit DataTable. Charts are laid out for their width with the dashboard's own
 * helpers (app/dashboard/chart-layout.ts): names beside the bars, cut with "…" on a phone (whole in
 * the tooltip and the table), few ticks, legends that scroll.
 */

type Figures = { name: string; people: number; hours: number; completed: number };

const COMPLETED = "#2563eb";
const BEHIND = "#f59e0b";
const HOURS = "#93c5fd";

/** A second value axis on top (hours) beside the people counted on the bottom one. */
const topAxis = (width: number) => ({ ...countAxis(width), position: "top" as const, splitLine: { show: false }, axisLabel: { hideOverlap: true } });

/** A horizontal chart of people (completed and behind, stacked) and their hours, per category. */
function figuresOption(rows: Figures[], names: { completed: string; behind: string; hours: string }): ChartOption {
  return (width) => ({
    tooltip: barTooltip,
    legend: scrollingLegend({ top: 0 }),
    grid: { ...barsGrid(true), top: 56 },
    xAxis: [{ ...countAxis(width), position: "bottom" as const, axisLabel: { hideOverlap: true } }, topAxis(width)],
    yAxis: categoryAxis(rows.map((r) => r.name), width),
    series: [
      { name: names.completed, type: "bar", stack: "people", xAxisIndex: 0, itemStyle: { color: COMPLETED }, data: rows.map((r) => r.completed) },
      { name: names.behind, type: "bar", stack: "people", xAxisIndex: 0, itemStyle: { color: BEHIND }, data: rows.map((r) => r.people - r.completed) },
      { name: names.hours, type: "bar", xAxisIndex: 1, itemStyle: { color: HOURS }, data: rows.map((r) => r.hours) },
    ],
  });
}

const chartHeight = (rows: number) => Math.max(220, rows * 44 + 90);

export default function TrainingDashboardPage() {
  const { year, collegeId, colleges, dashboard: d } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const lang = useContentLang();

  const stages: Figures[] = d.stages.map((s) => ({ ...s, name: t(`stage.${s.stage}`) }));
  const groups: Figures[] = d.groups.map((g) => ({ ...g, name: t(`group.${g.group}`) }));
  const collegeRows: Figures[] = d.colleges.map((c) => ({ ...c, name: c.name ?? t("training.dashboard.noCollege") }));
  const platforms = d.platforms.map((p) => ({ ...p, name: (zh ? p.nameZh : p.nameEn) ?? t("training.dashboard.noPlatform") }));
  const budgets = d.budgets.map((b) => ({ ...b, label: b.name ?? t("training.dashboard.schoolBudget") }));

  const options = useMemo(() => {
    const names = { completed: t("training.dashboard.seriesCompleted"), behind: t("training.dashboard.seriesBehind"), hours: t("training.dashboard.seriesHours") };
    const platformsOption: ChartOption = (width) => ({
      tooltip: barTooltip,
      grid: barsGrid(false),
      xAxis: { ...countAxis(width), axisLabel: { hideOverlap: true } },
      yAxis: categoryAxis(platforms.map((p) => p.name), width),
      series: [{ name: names.hours, type: "bar", itemStyle: { color: COMPLETED }, data: platforms.map((p) => p.hours) }],
    });
    const budgetsOption: ChartOption = (width) => ({
      tooltip: barTooltip,
      legend: scrollingLegend({ top: 0 }),
      grid: barsGrid(true),
      // Yuan run to six digits: three ticks on a phone, slanted, and none over another.
      xAxis: { type: "value" as const, splitNumber: width < NARROW_CHART ? 3 : 5, axisLabel: { hideOverlap: true, rotate: width < NARROW_CHART ? 30 : 0 } },
      yAxis: categoryAxis(budgets.map((b) => b.label), width),
      series: [
        { name: t("training.dashboard.seriesBudget"), type: "bar", itemStyle: { color: HOURS }, data: budgets.map((b) => b.budget ?? 0) },
        { name: t("training.dashboard.seriesSpent"), type: "bar", itemStyle: { color: COMPLETED }, data: budgets.map((b) => b.spent) },
      ],
    });
    return {
      stages: figuresOption(stages, names),
      groups: figuresOption(groups, names),
      colleges: figuresOption(collegeRows, names),
      platforms: platformsOption,
      budgets: budgetsOption,
    };
    // Labels depend on the language; data on the loader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, t]);

  const summary = (key: "training.dashboard.stageSummary" | "training.dashboard.groupSummary" | "training.dashboard.collegeSummary", rows: Figures[]) =>
    t(key, { list: rows.map((r) => t("training.dashboard.summaryItem", r)).join("；") });
  const figuresTable = (caption: string, rows: Figures[]) => (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700">{t("training.dashboard.chartData")}</summary>
      <div className="mt-2">
        <DataTable
          caption={caption}
          rows={rows}
          rowKey={(r) => r.name}
          columns={[
            { key: "name", header: t("training.dashboard.colName"), primary: true, cell: (r) => <Content>{r.name}</Content> },
            { key: "people", header: t("training.dashboard.colPeople"), numeric: true, cell: (r) => r.people },
            { key: "hours", header: t("training.dashboard.colHours"), numeric: true, cell: (r) => r.hours },
            { key: "completed", header: t("training.dashboard.colCompleted"), numeric: true, cell: (r) => r.completed },
            { key: "behind", header: t("training.dashboard.colBehind"), numeric: true, cell: (r) => r.people - r.completed },
          ]}
        />
      </div>
    </details>
  );
  const share = d.totals.people ? Math.round((d.totals.completed / d.totals.people) * 100) : 0;
  const query = new URLSearchParams({ year: String(year), ...(collegeId ? { college: collegeId } : {}) });

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("training.dashboard.title")}
        subtitle={t("training.dashboard.intro", { year })}
        actions={
          <>
            <a href={`/training/dashboard.xlsx?${query}`} className={buttonClass("secondary")} download>
              {t("training.dashboard.export")}
            </a>
            <Link to={`/training/compliance${collegeId ? `?college=${collegeId}` : ""}`} className={buttonClass("secondary")}>
              {t("training.dashboard.complianceLink")}
            </Link>
          </>
        }
      />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="dashboard-year" className="block text-sm font-medium text-slate-700">
            {t("training.dashboard.year")}
          </label>
          <input id="dashboard-year" name="year" inputMode="numeric" pattern="[0-9]{4}" defaultValue={year} className={`${inputClass} w-28`} />
        </div>
        {colleges ? (
          <div className="min-w-0 max-w-full">
            <label htmlFor="dashboard-college" className="block text-sm font-medium text-slate-700">
              {t("training.dashboard.scope")}
            </label>
            <select id="dashboard-college" name="college" defaultValue={collegeId ?? ""} className={`${inputClass} max-w-full`}>
              <option value="">{t("training.dashboard.schoolScope")}</option>
              {colleges.map((c) => (
                <option key={c.id} value={c.id} lang={lang(c.name)}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className={buttonClass("secondary")}>
          {t("training.dashboard.show")}
        </button>
      </Form>

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {(
          [
            ["training.dashboard.kpiPeople", d.totals.people, null],
            ["training.dashboard.kpiHours", d.totals.hours, null],
            ["training.dashboard.kpiCompleted", d.totals.completed, t("training.dashboard.completedShare", { share })],
            ["training.dashboard.kpiBehind", d.totals.behind, null],
          ] as const
        ).map(([key, value, note]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-xs text-slate-500">{t(key)}</dt>
            <dd className="text-2xl font-semibold" data-testid={`kpi-${key.split(".").pop()}`}>
              {value}
            </dd>
            {note ? <dd className="text-xs text-slate-500">{note}</dd> : null}
          </div>
        ))}
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("training.dashboard.byStage")}>
          <EChart option={options.stages} summary={summary("training.dashboard.stageSummary", stages)} height={chartHeight(stages.length)}>
            {figuresTable(t("training.dashboard.byStage"), stages)}
          </EChart>
        </Card>
        <Card title={t("training.dashboard.byGroup")}>
          <EChart option={options.groups} summary={summary("training.dashboard.groupSummary", groups)} height={chartHeight(groups.length)}>
            {figuresTable(t("training.dashboard.byGroup"), groups)}
          </EChart>
        </Card>
        <Card title={t("training.dashboard.byCollege")} className="lg:col-span-2">
          <EChart option={options.colleges} summary={summary("training.dashboard.collegeSummary", collegeRows)} height={chartHeight(collegeRows.length)}>
            {figuresTable(t("training.dashboard.byCollege"), collegeRows)}
          </EChart>
        </Card>
        <Card title={t("training.dashboard.byPlatform")}>
          {platforms.length ? (
            <EChart
              option={options.platforms}
              summary={t("training.dashboard.platformSummary", { list: platforms.map((p) => `${p.name} ${p.hours}`).join("；") })}
              height={chartHeight(platforms.length)}
            >
              <details className="text-sm">
                <summary className="cursor-pointer text-brand-700">{t("training.dashboard.chartData")}</summary>
                <div className="mt-2">
                  <DataTable
                    caption={t("training.dashboard.byPlatform")}
                    rows={platforms}
                    rowKey={(p) => p.id ?? "none"}
                    columns={[
                      { key: "name", header: t("training.dashboard.colName"), primary: true, cell: (p) => <Content>{p.name}</Content> },
                      { key: "people", header: t("training.dashboard.colPeople"), numeric: true, cell: (p) => p.people },
                      { key: "hours", header: t("training.dashboard.colHours"), numeric: true, cell: (p) => p.hours },
                    ]}
                  />
                </div>
              </details>
            </EChart>
          ) : (
            <EmptyState>{t("training.dashboard.noPlatformHours")}</EmptyState>
          )}
        </Card>
        <Card title={t("training.dashboard.budgets")}>
          {budgets.length ? (
            <EChart
              option={options.budgets}
              summary={t("training.dashboard.budgetSummary", { list: budgets.map((b) => `${b.label} ${b.spent}/${b.budget ?? "—"}`).join("；") })}
              height={chartHeight(budgets.length)}
            >
              <details className="text-sm">
                <summary className="cursor-pointer text-brand-700">{t("training.dashboard.chartData")}</summary>
                <div className="mt-2">
                  <DataTable
                    caption={t("training.dashboard.budgets")}
                    rows={budgets}
                    rowKey={(b) => b.ownerKey}
                    columns={[
                      { key: "name", header: t("training.dashboard.colName"), primary: true, cell: (b) => <Content>{b.label}</Content> },
                      { key: "budget", header: t("training.dashboard.colBudget"), numeric: true, cell: (b) => b.budget ?? t("training.dashboard.noBudget") },
                      { key: "spent", header: t("training.dashboard.colSpent"), numeric: true, cell: (b) => b.spent },
                      { key: "left", header: t("training.dashboard.colLeft"), numeric: true, cell: (b) => (b.budget === null ? "—" : b.budget - b.spent) },
                    ]}
                  />
                </div>
              </details>
            </EChart>
          ) : (
            <EmptyState>{t("training.dashboard.noBudgets")}</EmptyState>
          )}
        </Card>
      </div>
    </div>
  );
}
