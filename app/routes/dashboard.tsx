import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { SimpleTable } from "~/components/kit/simple-table.tsx";
import { requireUser } from "~/auth/session.server.ts";
import { Card } from "~/components/kit/card.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { dashboardData } from "~/dashboard/dashboard.server.ts";
import { barsGrid, barsHeight, barTooltip, categoryAxis, countAxis, ringSeries, scrollingLegend } from "~/dashboard/chart-layout.ts";
import { EChart } from "~/dashboard/echart.tsx";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { listColleges } from "~/people/directory.server.ts";
import { authorize, can, requireOwnScope, type SchoolScope } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("dashboard.heading")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "school:view-dashboard", null);
  const colleges = await listColleges();
  const requestedId = new URL(request.url).searchParams.get("collegeId");
  const requested = colleges.find((c) => c.id === requestedId);
  // 学工部 may pick any college; everyone else sees what they look after (a college admin their own
  // college, whatever they ask for). No college on the account is a 403, not the whole school.
  const wanted: SchoolScope | null = requested ? { kind: "college", collegeId: requested.id } : null;
  const scope = wanted && can(user, "dashboard:view", wanted) ? wanted : requireOwnScope(user);
  authorize(user, "dashboard:view", scope);
  const settings = await getSchoolSettings();
  return data({
    scope: scope.kind === "college" ? { id: scope.collegeId, name: colleges.find((c) => c.id === scope.collegeId)?.name ?? "" } : null,
    colleges: can(user, "dashboard:view", { kind: "school" }) ? colleges.map((c) => ({ id: c.id, name: c.name })) : null,
    dashboard: await dashboardData(scope, { now: new Date(), thresholds: settings.stageThresholds }),
  });
}

const STAGE_COLOURS = { NOVICE: "#93c5fd", GROWING: "#60a5fa", EXPERIENCED: "#2563eb", EXPERT: "#1e3a8a" } as const;

function DataTable({ caption, header, rows }: { caption: string; header: string[]; rows: Array<Array<string | number>> }) {
  const { t } = useTranslation();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700">{t("kit.chartDataTable")}</summary>
      <div className="mt-2 overflow-x-auto">
        <SimpleTable caption={caption} header={header} rows={rows} />
      </div>
    </details>
  );
}

export default function Dashboard() {
  const { scope, colleges, dashboard } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const d = dashboard;
  const stageNames = CAREER_STAGES.map((s) => t(`stage.${s}`));

  const options = useMemo(() => {
    const colleges = d.stagesByCollege.map((c) => c.college);
    const groups = d.groups.map((g) => t(`group.${g.group}`));
    const duties = d.duties.map((x) => t(`duty.${x.duty}`));
    const titles = d.titles.filter((x) => x.count > 0).map((x) => ({ name: t(`title.${x.title}`), value: x.count }));
    return {
      stages: (width: number) => ({
        tooltip: barTooltip,
        legend: { ...scrollingLegend({ top: 0 }), data: stageNames },
        grid: barsGrid(true),
        xAxis: countAxis(width),
        yAxis: categoryAxis(colleges, width),
        series: CAREER_STAGES.map((stage) => ({
          name: t(`stage.${stage}`),
          type: "bar",
          stack: "stage",
          itemStyle: { color: STAGE_COLOURS[stage] },
          data: d.stagesByCollege.map((c) => c[stage]),
        })),
      }),
      titles: (width: number) => ({ tooltip: { trigger: "item" as const, confine: true }, ...ringSeries(titles, width) }),
      groups: (width: number) => ({
        tooltip: barTooltip,
        grid: barsGrid(false),
        xAxis: countAxis(width),
        yAxis: categoryAxis(groups, width),
        series: [{ name: t("dashboard.colCount"), type: "bar", data: d.groups.map((g) => g.count), itemStyle: { color: "#2563eb" } }],
      }),
      duties: (width: number) => ({
        tooltip: barTooltip,
        legend: scrollingLegend({ top: 0 }),
        grid: barsGrid(true),
        xAxis: countAxis(width),
        yAxis: categoryAxis(duties, width),
        series: [
          {
            name: t("dashboard.studiosSeries"),
            type: "bar",
            data: d.duties.map((x) => ({ value: x.studios, itemStyle: { color: x.studios ? "#2563eb" : "#f59e0b" } })),
          },
          { name: t("dashboard.membersSeries"), type: "bar", data: d.duties.map((x) => x.members), itemStyle: { color: "#93c5fd" } },
        ],
      }),
    };
    // Labels depend on the language; data on the loader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, t]);

  const missing = d.duties.filter((x) => x.studios === 0).map((x) => t(`duty.${x.duty}`));
  const share = d.totals.counselors ? Math.round((d.totals.inStudio / d.totals.counselors) * 100) : 0;
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("dashboard.heading")}
        subtitle={scope ? t("dashboard.collegeScope", { college: scope.name }) : t("dashboard.schoolScope")}
        actions={
          colleges ? (
            <Form method="get" className="flex items-end gap-2">
              <div>
                <label htmlFor="dashboard-scope" className="block text-sm font-medium text-slate-700">
                  {t("dashboard.scope")}
                </label>
                <select id="dashboard-scope" name="collegeId" defaultValue={scope?.id ?? ""} className={inputClass}>
                  <option value="">{t("dashboard.schoolScope")}</option>
                  {colleges.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className={buttonClass("secondary")}>
                {t("dashboard.show")}
              </button>
            </Form>
          ) : null
        }
      />
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {(
          [
            ["counselors", String(d.totals.counselors), null],
            ["inStudio", String(d.totals.inStudio), t("dashboard.inStudioShare", { share })],
            ["studios", String(d.totals.studios), null],
            ["dutiesCovered", t("dashboard.dutiesCoveredValue", { count: d.totals.dutiesCovered }), null],
          ] as const
        ).map(([key, value, note]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-xs text-slate-500">{t(`dashboard.${key}`)}</dt>
            <dd className="text-2xl font-semibold" data-testid={`kpi-${key}`}>
              {value}
            </dd>
            {note ? <dd className="text-xs text-slate-500">{note}</dd> : null}
          </div>
        ))}
      </dl>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("dashboard.stagesByCollege")} className="lg:col-span-2">
          <EChart option={options.stages} summary={t("dashboard.stagesSummary", d.stageTotals)} height={barsHeight(d.stagesByCollege.length)}>
            <DataTable
              caption={t("dashboard.stagesByCollege")}
              header={[t("dashboard.colCollege"), ...stageNames]}
              rows={d.stagesByCollege.map((c) => [c.college, ...CAREER_STAGES.map((s) => c[s])])}
            />
          </EChart>
        </Card>
        <Card title={t("dashboard.titles")}>
          <EChart option={options.titles} height={340} summary={t("dashboard.titlesSummary", { list: d.titles.map((x) => `${t(`title.${x.title}`)} ${x.count}`).join("，") })}>
            <DataTable caption={t("dashboard.titles")} header={[t("dashboard.colTitle"), t("dashboard.colCount")]} rows={d.titles.map((x) => [t(`title.${x.title}`), x.count])} />
          </EChart>
        </Card>
        <Card title={t("dashboard.groups")}>
          <EChart option={options.groups} height={barsHeight(d.groups.length, { extra: 40 })} summary={t("dashboard.groupsSummary", { list: d.groups.map((g) => `${t(`group.${g.group}`)} ${g.count}`).join("，") })}>
            <DataTable caption={t("dashboard.groups")} header={[t("dashboard.colGroup"), t("dashboard.colCount")]} rows={d.groups.map((g) => [t(`group.${g.group}`), g.count])} />
          </EChart>
        </Card>
        <Card title={t("dashboard.duties")} className="lg:col-span-2">
          <EChart
            option={options.duties}
            summary={missing.length ? t("dashboard.dutiesSummary", { covered: 9 - missing.length, missing: missing.join("、") }) : t("dashboard.dutiesAllCovered")}
            height={barsHeight(d.duties.length, { row: 40 })}
          >
            <DataTable
              caption={t("dashboard.duties")}
              header={[t("dashboard.colDuty"), t("dashboard.colStudios"), t("dashboard.colMembers")]}
              rows={d.duties.map((x) => [t(`duty.${x.duty}`), x.studios || t("dashboard.uncovered"), x.members])}
            />
          </EChart>
        </Card>
      </div>
    </div>
  );
}
