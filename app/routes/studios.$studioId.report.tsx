import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SimpleTable } from "~/components/kit/simple-table.tsx";
import { requireUser } from "~/auth/session.server.ts";
import { Card } from "~/components/kit/card.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { OutputType } from "~/generated/prisma/enums.ts";
import { formatDate } from "~/lib/format.ts";
import { isOneOf } from "~/lib/one-of.ts";
import { attendanceRate } from "~/meetings/report/rate.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { annualReport, reportYear } from "~/studios/report.server.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.tabs.report")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view-report", access.resource);
  const year = reportYear(request);
  const current = new Date().getFullYear();
  return data({
    report: await annualReport(access.studio.id, year),
    years: Array.from({ length: 8 }, (_, i) => current - i),
  });
}

export default function Report() {
  const { report, years } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const day = (d: Date | string | null) => (d ? formatDate(d, locale) : "—");
  const table = (caption: string, header: string[], rows: string[][]) => (
    <Card title={`${caption}（${rows.length}）`}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("studios.report.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <SimpleTable caption={caption} header={header} rows={rows} />
        </div>
      )}
    </Card>
  );
  const download = (format: "docx" | "xlsx") => `/studios/${chrome.id}/report/download?year=${report.year}&format=${format}`;
  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.report.fileTitle", { studio: chrome.name, year: report.year })}</StudioPageHeading>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Form method="get" className="flex items-end gap-2">
          <div>
            <label htmlFor="report-year" className="block text-sm font-medium text-slate-700">
              {t("studios.report.year")}
            </label>
            <select id="report-year" name="year" defaultValue={report.year} className={inputClass}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            {t("studios.report.show")}
          </button>
        </Form>
        <div className="flex gap-2">
          <a href={download("docx")} className={buttonClass("primary")} download>
            {t("studios.report.exportDocx")}
          </a>
          <a href={download("xlsx")} className={buttonClass("secondary")} download>
            {t("studios.report.exportXlsx")}
          </a>
        </div>
      </div>
      <Card title={t("studios.report.summaryLabel")}>
        <p className="text-sm text-slate-700" data-testid="report-summary">
          {t("studios.report.summaryText", {
            members: report.summary.members,
            newMembers: report.summary.newMembers,
            colleges: report.summary.colleges,
            projects: report.summary.projects,
            outputs: report.summary.outputs,
            activities: report.summary.activities,
          })}
        </p>
        {Object.keys(report.summary.outputsByType).length ? (
          <p className="mt-2 text-xs text-slate-500">
            {t("studios.report.byType")}：
            {Object.entries(report.summary.outputsByType)
              .map(([type, count]) => `${isOneOf(Object.values(OutputType), type) ? t(`outputType.${type}`) : type} ${count}`)
              .join("，")}
          </p>
        ) : null}
      </Card>
      {table(
        t("studios.report.members"),
        [t("studios.report.colName"), t("studios.report.colRole"), t("studios.report.colCollege"), t("studios.report.colJoined")],
        report.members.map((m) => [m.name, t(`studioRole.${m.role}`), m.college, day(m.joinedAt)]),
      )}
      {table(
        t("studios.report.projects"),
        [t("studios.report.colProject"), t("studios.report.colLevel"), t("studios.report.colStatus"), t("studios.report.colPrincipal"), t("studios.report.colProgress")],
        report.projects.map((p) => [
          p.title,
          t(`level.${p.level}`),
          t(`projectStatus.${p.status}`),
          p.principal,
          t("studios.report.progress", { tasks: p.tasksDone, milestones: p.milestones.join("、") || "—" }),
        ]),
      )}
      {table(
        t("studios.report.outputs"),
        [t("studios.report.colOutput"), t("studios.report.colType"), t("studios.report.colLevel"), t("studios.report.colDate"), t("studios.report.colAuthors")],
        report.outputs.map((o) => [o.title, t(`outputType.${o.type}`), t(`level.${o.level}`), day(o.date), o.authors.join("、")]),
      )}
      {table(
        t("studios.report.activities"),
        [t("studios.report.colActivity"), t("studios.report.colKind"), t("studios.report.colDate"), t("studios.report.colLocation")],
        report.activities.map((a) => [a.title, t(`activityKind.${a.kind}`), day(a.date), a.location || "—"]),
      )}
      {table(
        t("meetings.report.studioMeetings"),
        [t("meetings.report.colMeeting"), t("studios.report.colDate"), t("meetings.report.colPresent"), t("meetings.report.colRate")],
        report.meetings.map((m) => [m.title, day(m.startsAt), String(m.present), attendanceRate(m.present, m.invited)]),
      )}
    </div>
  );
}
