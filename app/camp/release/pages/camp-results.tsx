import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { SimpleTable } from "~/components/kit/simple-table.tsx";
import { TargetGroup } from "~/generated/prisma/enums.ts";
import { translateKey } from "~/i18n/keys.ts";
import { formatDateTime } from "~/lib/format.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import type { loader } from "~/routes/camp.$campId_.results._index.tsx";
import type { resultsAction } from "../results.actions.server.ts";
import { DISTRIBUTION_BANDS, FLAG_LABEL, ROUND_LABEL } from "../labels.ts";

const percent = (share: number) => `${Math.round(share * 100)}%`;
const figure = (value: number | null) => (value === null ? "—" : value.toFixed(2));

/** 训练营成绩 (organisers): release check and release while scoring; ranking, distributions, weakest duties, judges. */
export default function CampResultsPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof resultsAction>();
  const { t, i18n } = useTranslation();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={t("camp.release.overview.title")}
        subtitle={<Content>{d.camp.title}</Content>}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`/camp/${d.camp.id}/report.docx`} className={buttonClass("secondary", "sm")} download>
              {t("camp.release.overview.reportDocx")}
            </a>
            <a href={`/camp/${d.camp.id}/report.xlsx`} className={buttonClass("secondary", "sm")} download>
              {t("camp.release.overview.reportXlsx")}
            </a>
          </div>
        }
      />
      <ActionFeedback reply={reply} intent={["compute", "release"]} />

      {d.check ? (
        <Card title={t("camp.release.release.title")}>
          <p className="mb-3 text-sm text-slate-600">{t("camp.release.release.intro")}</p>
          {d.check.length === 0 ? (
            <EmptyState>{t("camp.release.release.noRounds")}</EmptyState>
          ) : (
            <DataTable
              caption={t("camp.release.release.title")}
              rows={d.check}
              rowKey={(r) => r.roundId}
              columns={[
                { key: "round", header: t("camp.release.release.round"), primary: true, cell: (r) => translateKey(t, ROUND_LABEL[r.kind]) },
                {
                  key: "computed",
                  header: t("camp.release.release.computedColumn"),
                  cell: (r) => (r.computedAt ? formatDateTime(r.computedAt, i18n.language) : t("camp.release.release.notComputed")),
                },
                { key: "people", header: t("camp.release.release.people"), numeric: true, cell: (r) => r.people },
                { key: "scored", header: t("camp.release.release.scored"), numeric: true, cell: (r) => r.scored },
                { key: "ungraded", header: t("camp.release.release.ungraded"), numeric: true, cell: (r) => r.ungradedAttempts },
                { key: "sheets", header: t("camp.release.release.openSheets"), numeric: true, cell: (r) => r.openSheets },
                {
                  key: "flags",
                  header: t("camp.release.release.flagsColumn"),
                  cell: (r) => (
                    <span className="flex flex-wrap gap-1">
                      {(Object.keys(FLAG_LABEL) as Array<keyof typeof FLAG_LABEL>)
                        .filter((flag) => r.flags[flag] > 0)
                        .map((flag) => (
                          <Badge key={flag} tone="amber">
                            {translateKey(t, FLAG_LABEL[flag])} {r.flags[flag]}
                          </Badge>
                        ))}
                    </span>
                  ),
                },
              ]}
            />
          )}
          {d.check.length > 0 && d.check.every((r) => r.computedAt && r.ungradedAttempts === 0 && r.openSheets === 0 && Object.values(r.flags).every((n) => n === 0)) ? (
            <Notice tone="success">{t("camp.release.release.allClear")}</Notice>
          ) : null}
          <div className="mt-4 flex flex-wrap gap-2">
            <ActionButton intent="compute" pendingLabel={t("camp.release.release.compute")} tone="secondary" size="md">
              {t("camp.release.release.compute")}
            </ActionButton>
            {d.abilities["camp:release"] ? (
              <ConfirmButton intent="release" label={t("camp.release.release.release")} question={t("camp.release.release.confirm")} tone="primary" size="md" />
            ) : null}
          </div>
        </Card>
      ) : d.camp.status !== "RELEASED" && d.camp.status !== "ARCHIVED" ? (
        <Notice tone="info">{t("camp.release.errors.notScoring")}</Notice>
      ) : null}

      <Card title={t("camp.release.overview.ranking")}>
        <Form method="get" className="mb-3 flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            {t("camp.release.overview.byStage")}
            <select name="stage" defaultValue={d.filter.stage} className="rounded-md border border-slate-300 px-2 py-1">
              <option value="">{t("camp.release.overview.allStages")}</option>
              {CAREER_STAGES.map((stage) => (
                <option key={stage} value={stage}>
                  {t(`stage.${stage}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            {t("camp.release.overview.byGroup")}
            <select name="group" defaultValue={d.filter.group} className="rounded-md border border-slate-300 px-2 py-1">
              <option value="">{t("camp.release.overview.allGroups")}</option>
              {Object.values(TargetGroup).map((group) => (
                <option key={group} value={group}>
                  {t(`group.${group}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass("secondary", "sm")}>
            {t("camp.release.overview.filter")}
          </button>
        </Form>
        <DataTable
          caption={t("camp.release.overview.ranking")}
          rows={d.ranking}
          rowKey={(r) => r.userId}
          empty={<EmptyState>{t("camp.release.overview.noResults")}</EmptyState>}
          columns={[
            { key: "rank", header: t("camp.release.overview.rank"), numeric: true, cell: (r) => r.rank },
            {
              key: "name",
              header: t("camp.release.overview.name"),
              primary: true,
              cell: (r) => (
                <Link to={`/camp/${d.camp.id}/results/${r.userId}`} className="text-brand-700 underline" aria-label={`${t("camp.release.overview.details")} ${r.name}`}>
                  {r.name}
                </Link>
              ),
            },
            { key: "college", header: t("camp.release.overview.college"), cell: (r) => r.college ?? "—" },
            { key: "stage", header: t("camp.release.overview.stage"), cell: (r) => t(`stage.${r.stage}`) },
            { key: "total", header: t("camp.release.overview.total"), numeric: true, cell: (r) => figure(r.total) },
          ]}
        />
        <div className="mt-3">
          <Pagination page={d.page} pages={d.pages} total={d.rankedCount} />
        </div>
      </Card>

      <Card title={t("camp.release.overview.distribution")}>
        {d.distributions.length === 0 ? (
          <EmptyState>{t("camp.release.overview.noResults")}</EmptyState>
        ) : (
          <SimpleTable
            caption={t("camp.release.overview.distribution")}
            header={[t("camp.release.release.round"), ...DISTRIBUTION_BANDS]}
            rows={d.distributions.map((row) => [translateKey(t, ROUND_LABEL[row.kind]), ...row.counts])}
          />
        )}
      </Card>

      <Card title={t("camp.release.overview.weakest")}>
        <p className="mb-2 text-sm text-slate-600">{t("camp.release.overview.weakestHint")}</p>
        <DataTable
          caption={t("camp.release.overview.weakest")}
          rows={d.weakestDuties}
          rowKey={(r) => r.duty}
          empty={<EmptyState>{t("camp.release.overview.noResults")}</EmptyState>}
          columns={[
            { key: "duty", header: t("camp.release.overview.duty"), primary: true, cell: (r) => t(`duty.${r.duty}`) },
            { key: "share", header: t("camp.release.overview.meanShare"), numeric: true, cell: (r) => percent(r.meanShare) },
            { key: "measured", header: t("camp.release.overview.measured"), numeric: true, cell: (r) => r.measured },
          ]}
        />
      </Card>

      <Card title={t("camp.release.overview.consistency")}>
        <p className="mb-2 text-sm text-slate-600">{t("camp.release.overview.consistencyHint")}</p>
        {d.consistency.length === 0 ? <EmptyState>{t("camp.release.overview.noJudging")}</EmptyState> : null}
        {d.consistency.map((round) => (
          <div key={round.kind} className="mb-4">
            <h3 className="mb-1 text-sm font-medium">{translateKey(t, ROUND_LABEL[round.kind])}</h3>
            <DataTable
              caption={`${t("camp.release.overview.consistency")} · ${translateKey(t, ROUND_LABEL[round.kind])}`}
              rows={round.judges}
              rowKey={(r) => r.judgeId}
              empty={<EmptyState>{t("camp.release.overview.noResults")}</EmptyState>}
              columns={[
                { key: "judge", header: t("camp.release.overview.judge"), primary: true, cell: (r) => r.name },
                { key: "compared", header: t("camp.release.overview.compared"), numeric: true, cell: (r) => r.compared },
                { key: "offset", header: t("camp.release.overview.meanOffset"), numeric: true, cell: (r) => figure(r.meanOffset) },
                { key: "abs", header: t("camp.release.overview.meanAbsoluteOffset"), numeric: true, cell: (r) => figure(r.meanAbsoluteOffset) },
                { key: "r", header: t("camp.release.overview.correlation"), numeric: true, cell: (r) => figure(r.correlation) },
              ]}
            />
          </div>
        ))}
      </Card>
    </div>
  );
}
