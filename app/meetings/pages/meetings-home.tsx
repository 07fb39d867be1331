import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/meetings._index.tsx";
import { useRuleText } from "./rule-text.ts";

/** 例会: the meetings ahead of me and the series I see. */
export function MeetingsHome() {
  const { upcoming, series, mayCreate } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  const when = (d: string | Date) => formatDateTime(d, i18n.language);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={t("meetings.pages.home.title")}
        subtitle={t("meetings.pages.home.intro")}
        actions={
          mayCreate ? (
            <Link to="/meetings/series/new" className={buttonClass("primary", "sm")}>
              {t("meetings.pages.home.newSeries")}
            </Link>
          ) : null
        }
      />
      <Card title={t("meetings.pages.home.upcoming")}>
        <DataTable
          caption={t("meetings.pages.home.upcoming")}
          rows={upcoming}
          rowKey={(m) => m.id}
          empty={<EmptyState>{t("meetings.pages.home.noUpcoming")}</EmptyState>}
          columns={[
            {
              key: "series",
              header: t("meetings.pages.home.colSeries"),
              primary: true,
              cell: (m) => (
                <Link to={`/meetings/${m.id}`} className="text-brand-700 hover:underline">
                  <Content>{m.series.title}</Content>
                </Link>
              ),
            },
            { key: "when", header: t("meetings.pages.home.colWhen"), cell: (m) => when(m.startsAt) },
            { key: "place", header: t("meetings.pages.home.colPlace"), cell: (m) => <Content>{m.place || "—"}</Content> },
            {
              key: "status",
              header: t("meetings.pages.home.colStatus"),
              cell: (m) => (
                <span className="flex flex-wrap gap-1">
                  <Badge tone="sky">{t(`meetingStatus.${m.status}`)}</Badge>
                  {m.agendaPublishedAt ? <Badge tone="emerald">{t("meetings.pages.meeting.published")}</Badge> : null}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t("meetings.pages.home.series")}>
        <DataTable
          caption={t("meetings.pages.home.series")}
          rows={series}
          rowKey={(s) => s.id}
          empty={<EmptyState>{t("meetings.pages.home.noSeries")}</EmptyState>}
          columns={[
            {
              key: "title",
              header: t("meetings.pages.home.colTitle"),
              primary: true,
              cell: (s) => (
                <Link to={`/meetings/series/${s.id}`} className="text-brand-700 hover:underline">
                  <Content>{s.title}</Content>
                </Link>
              ),
            },
            {
              key: "organiser",
              header: t("meetings.pages.home.colOrganiser"),
              cell: (s) => (
                <span>
                  {t(`meetingOrganiserKind.${s.organiserKind}`)}
                  {s.college ?? s.jointGroup ?? s.studio ? <Content className="ml-1">{(s.college ?? s.jointGroup ?? s.studio)?.name}</Content> : null}
                </span>
              ),
            },
            { key: "rule", header: t("meetings.pages.home.colRule"), cell: (s) => ruleText(s) },
            { key: "next", header: t("meetings.pages.home.colNext"), cell: (s) => (s.nextMeeting ? when(s.nextMeeting.startsAt) : "—") },
          ]}
        />
      </Card>
    </div>
  );
}
