import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp._index.tsx";
import { STATUS_TONE } from "../labels.ts";

/** 训练营: what concerns me (organising, taking part with my rounds, judging) and, for 学工部, every camp. */
export function CampHome() {
  const { organising, taking, judging, all, abilities } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const when = (d: string | Date) => formatDateTime(d, i18n.language);
  const campLink = (camp: { id: string; title: string }) => (
    <Link to={`/camp/${camp.id}`} className="text-brand-700 hover:underline">
      <Content>{camp.title}</Content>
    </Link>
  );
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={t("camp.setup.home.title")}
        subtitle={t("camp.setup.home.intro")}
        actions={
          <div className="flex flex-wrap gap-2">
            {abilities["camp-bank:manage"] ? (
              <Link to="/camp/bank" className={buttonClass("secondary", "sm")}>
                {t("camp.setup.home.bankLink")}
              </Link>
            ) : null}
            {abilities["quota:manage"] ? (
              <Link to="/quotas" className={buttonClass("secondary", "sm")}>
                {t("camp.setup.home.quotasLink")}
              </Link>
            ) : null}
            {abilities["camp:create"] ? (
              <Link to="/camp/new" className={buttonClass("primary", "sm")}>
                {t("camp.setup.home.create")}
              </Link>
            ) : null}
          </div>
        }
      />
      <Card title={t("camp.setup.home.taking")}>
        {taking.length === 0 ? (
          <EmptyState>{t("camp.setup.home.takingEmpty")}</EmptyState>
        ) : (
          <ul className="space-y-4">
            {taking.map((camp) => (
              <li key={camp.id} className="space-y-2">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {campLink(camp)}
                  <Badge tone={STATUS_TONE[camp.status]}>{t(`campStatus.${camp.status}`)}</Badge>
                </p>
                {camp.rounds.length === 0 ? (
                  <p className="text-sm text-slate-600">{t("camp.setup.home.noRounds")}</p>
                ) : (
                  <ul className="space-y-1 text-sm">
                    {camp.rounds.map((round) => (
                      <li key={round.id} className="flex flex-wrap gap-x-3">
                        <Link to={round.link} className="text-brand-700 hover:underline">
                          {t(`campRoundKind.${round.kind}`)}
                        </Link>
                        <span className="text-slate-600">
                          {round.opensAt && round.closesAt ? t("camp.setup.home.window", { opens: when(round.opensAt), closes: when(round.closesAt) }) : t("camp.setup.home.noWindow")}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("camp.setup.home.judging")}>
        {judging.length === 0 ? (
          <EmptyState>{t("camp.setup.home.judgingEmpty")}</EmptyState>
        ) : (
          <div className="space-y-3">
            <ul className="space-y-1 text-sm">
              {judging.map((camp) => (
                <li key={camp.id} className="flex flex-wrap items-center gap-2">
                  {campLink(camp)}
                  <Badge tone={STATUS_TONE[camp.status]}>{t(`campStatus.${camp.status}`)}</Badge>
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap gap-2">
              <Link to="/camp/judging" className={buttonClass("primary", "sm")}>
                {t("camp.setup.home.judgingLink")}
              </Link>
              <Link to="/camp/grading" className={buttonClass("secondary", "sm")}>
                {t("camp.setup.home.gradingLink")}
              </Link>
            </div>
          </div>
        )}
      </Card>
      <Card title={t("camp.setup.home.organising")}>
        <DataTable
          caption={t("camp.setup.home.organising")}
          rows={organising}
          rowKey={(c) => c.id}
          empty={<EmptyState>{t("camp.setup.home.organisingEmpty")}</EmptyState>}
          columns={[
            { key: "title", header: t("camp.setup.home.columnTitle"), primary: true, cell: campLink },
            { key: "year", header: t("camp.setup.home.columnYear"), cell: (c) => t("camp.setup.home.year", { year: c.year }) },
            { key: "status", header: t("camp.setup.home.columnStatus"), cell: (c) => <Badge tone={STATUS_TONE[c.status]}>{t(`campStatus.${c.status}`)}</Badge> },
          ]}
        />
      </Card>
      {all ? (
        <Card title={t("camp.setup.home.all")}>
          <div className="space-y-3">
            <DataTable
              caption={t("camp.setup.home.all")}
              rows={all.camps}
              rowKey={(c) => c.id}
              empty={<EmptyState>{t("camp.setup.home.allEmpty")}</EmptyState>}
              columns={[
                { key: "title", header: t("camp.setup.home.columnTitle"), primary: true, cell: campLink },
                { key: "year", header: t("camp.setup.home.columnYear"), cell: (c) => t("camp.setup.home.year", { year: c.year }) },
                { key: "status", header: t("camp.setup.home.columnStatus"), cell: (c) => <Badge tone={STATUS_TONE[c.status]}>{t(`campStatus.${c.status}`)}</Badge> },
                { key: "people", header: t("camp.setup.home.columnPeople"), numeric: true, cell: (c) => t("camp.setup.home.participants", { count: c.participants }) },
              ]}
            />
            <Pagination page={all.page} pages={all.pages} total={all.total} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
