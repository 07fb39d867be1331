import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { barsGrid, barsHeight, barTooltip, categoryAxis, countAxis, scrollingLegend } from "~/dashboard/chart-layout.ts";
import { EChart, type ChartOption } from "~/dashboard/echart.tsx";
import { formatDate } from "~/lib/format.ts";
import type { loader } from "~/routes/meetings.overview.tsx";

/**
 * 督导落实: for 学工部 and college admins, the year's meetings held per month per series, attendance,
 * action items opened / completed / overdue and the cases shared, each chart with its numbers in a
 * kit DataTable (the charts are laid out by app/dashboard/chart-layout.ts, as the training dashboard).
 */

const HELD = "#2563eb";
const OPENED = "#93c5fd";
const CLOSED = "#2563eb";
const OVERDUE = "#dc2626";
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

const percent = (share: number | null) => (share === null ? null : `${Math.round(share * 1000) / 10}%`);

export default function MeetingsOverviewPage() {
  const { year, collegeId, overview: o } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();

  const totals = o.series.reduce((sum, s) => ({ held: sum.held + s.held, invited: sum.invited + s.invited, present: sum.present + s.present }), { held: 0, invited: 0, present: 0 });
  const monthNames = MONTHS.map((month) => t("meetings.report.month", { month }));
  const monthName = (month: number) => monthNames[month - 1]!;
  const heldIn = (month: number) => o.heldByMonth[month - 1] ?? 0;

  const options = useMemo(() => {
    // One bar a month: a stack by series would need a legend of every series' name (forty in a large
    // school), which no chart can show; the series are compared in the table below and in the next chart.
    const byMonth: ChartOption = (width) => ({
      tooltip: barTooltip,
      grid: barsGrid(false),
      xAxis: { ...countAxis(width), axisLabel: { hideOverlap: true } },
      yAxis: categoryAxis(MONTHS.map(monthName), width),
      series: [{ name: t("meetings.report.colHeld"), type: "bar", itemStyle: { color: HELD }, data: MONTHS.map(heldIn) }],
    });
    const actions: ChartOption = (width) => ({
      tooltip: barTooltip,
      legend: scrollingLegend({ top: 0 }),
      grid: barsGrid(true),
      xAxis: { ...countAxis(width), axisLabel: { hideOverlap: true } },
      yAxis: categoryAxis(o.series.map((s) => s.title), width),
      series: [
        { name: t("meetings.report.colOpened"), type: "bar", itemStyle: { color: OPENED }, data: o.series.map((s) => s.actions.opened) },
        { name: t("meetings.report.colClosed"), type: "bar", itemStyle: { color: CLOSED }, data: o.series.map((s) => s.actions.closed) },
        { name: t("meetings.report.colOverdue"), type: "bar", itemStyle: { color: OVERDUE }, data: o.series.map((s) => s.actions.overdue) },
      ],
    });
    return { byMonth, actions };
    // Labels depend on the language; data on the loader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [o, t]);

  const query = new URLSearchParams({ year: String(year), ...(collegeId ? { college: collegeId } : {}) });
  const titles = new Map(o.series.map((s) => [s.seriesId, s.title]));
  const chartData = (children: React.ReactNode) => (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700">{t("meetings.report.chartData")}</summary>
      <div className="mt-2">{children}</div>
    </details>
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("meetings.report.title")}
        subtitle={t("meetings.report.intro", { year })}
        actions={
          <a href={`/meetings/overview.xlsx?${query}`} className={buttonClass("secondary")} download>
            {t("meetings.report.export")}
          </a>
        }
      />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        {collegeId ? <input type="hidden" name="college" value={collegeId} /> : null}
        <div>
          <label htmlFor="overview-year" className="block text-sm font-medium text-slate-700">
            {t("meetings.report.year")}
          </label>
          <input id="overview-year" name="year" inputMode="numeric" pattern="[0-9]{4}" defaultValue={year} className={`${inputClass} w-28`} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("meetings.report.show")}
        </button>
      </Form>

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-5">
        {(
          [
            ["held", t("meetings.report.kpiHeld"), totals.held],
            ["attendance", t("meetings.report.kpiAttendance"), percent(totals.invited ? totals.present / totals.invited : null) ?? t("meetings.report.noRate")],
            ["opened", t("meetings.report.kpiOpened"), o.actions.opened],
            ["closed", t("meetings.report.kpiClosed"), o.actions.closed],
            ["overdue", t("meetings.report.kpiOverdue"), o.actions.overdue],
          ] as const
        ).map(([key, label, value]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-2xl font-semibold" data-testid={`kpi-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>

      {o.series.length === 0 ? (
        <EmptyState>{t("meetings.report.noMeetings", { year })}</EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t("meetings.report.byMonth")}>
            <EChart
              option={options.byMonth}
              summary={t("meetings.report.byMonthSummary", { list: MONTHS.map((month) => `${monthName(month)} ${heldIn(month)}`).join("；") })}
              height={barsHeight(12, { row: 24, extra: 96 })}
            >
              {chartData(
                <DataTable
                  caption={t("meetings.report.byMonth")}
                  rows={MONTHS.map((month) => ({ month, held: heldIn(month) }))}
                  rowKey={(r) => String(r.month)}
                  columns={[
                    { key: "month", header: t("meetings.report.colMonth"), primary: true, cell: (r) => monthName(r.month) },
                    { key: "held", header: t("meetings.report.colHeld"), numeric: true, cell: (r) => r.held },
                  ]}
                />,
              )}
            </EChart>
          </Card>
          <Card title={t("meetings.report.actionsBySeries")}>
            <EChart
              option={options.actions}
              summary={t("meetings.report.actionsSummary", {
                list: o.series.map((s) => `${s.title} ${s.actions.opened}/${s.actions.closed}/${s.actions.overdue}`).join("；"),
              })}
              height={barsHeight(o.series.length, { row: 64, extra: 96 })}
            />
          </Card>
          <Card title={t("meetings.report.seriesTable")} className="lg:col-span-2">
            <DataTable
              caption={t("meetings.report.seriesTable")}
              rows={o.series}
              rowKey={(s) => s.seriesId}
              columns={[
                { key: "title", header: t("meetings.report.colSeries"), primary: true, cell: (s) => <Content>{s.title}</Content> },
                { key: "held", header: t("meetings.report.colHeld"), numeric: true, cell: (s) => s.held },
                {
                  key: "rate",
                  header: t("meetings.report.colRateCounts"),
                  numeric: true,
                  cell: (s) => (s.attendanceRate === null ? t("meetings.report.noRate") : t("meetings.report.rateCounts", { rate: percent(s.attendanceRate), present: s.present, invited: s.invited })),
                },
                { key: "opened", header: t("meetings.report.colOpened"), numeric: true, cell: (s) => s.actions.opened },
                { key: "closed", header: t("meetings.report.colClosed"), numeric: true, cell: (s) => s.actions.closed },
                { key: "overdue", header: t("meetings.report.colOverdue"), numeric: true, cell: (s) => s.actions.overdue },
                {
                  key: "download",
                  header: t("meetings.report.colDownload"),
                  // Several rows have this link: its name says whose records (an attribute, not more elements in every row).
                  cell: (s) => (
                    <a href={`/meetings/series/${s.seriesId}/export.xlsx?year=${year}`} className="text-brand-700 underline" download aria-label={t("meetings.report.downloadSeries", { series: s.title })}>
                      {t("meetings.report.download")}
                    </a>
                  ),
                },
              ]}
            />
          </Card>
        </div>
      )}

      <Card title={t("meetings.report.cases")}>
        <p className="mb-2 text-sm text-slate-600">{t("meetings.report.casesIntro")}</p>
        <DataTable
          caption={t("meetings.report.cases")}
          rows={o.cases}
          rowKey={(c) => `${c.meetingId}:${c.documentId}`}
          empty={<EmptyState>{t("meetings.report.noCases", { year })}</EmptyState>}
          columns={[
            {
              key: "case",
              header: t("meetings.report.colCase"),
              primary: true,
              cell: (c) => (
                <Link to={`/documents/${c.documentId}`} className="text-brand-700 underline">
                  <Content>{c.title}</Content>
                </Link>
              ),
            },
            {
              key: "meeting",
              header: t("meetings.report.colMeeting"),
              cell: (c) => (
                <Link to={`/meetings/${c.meetingId}`} className="text-brand-700 underline">
                  <Content>{`${titles.get(c.seriesId) ?? ""} ${formatDate(c.startsAt, i18n.language)}`}</Content>
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
