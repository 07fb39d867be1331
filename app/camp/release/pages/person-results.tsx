import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { SimpleTable } from "~/components/kit/simple-table.tsx";
import { EChart } from "~/dashboard/echart.tsx";
import { translateKey } from "~/i18n/keys.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp.$campId_.results.$userId.tsx";
import type { recommendationAction } from "../recommendation.actions.server.ts";
import { DUTIES } from "../../results.ts";
import { FLAG_LABEL, ROUND_LABEL } from "../labels.ts";

const percent = (share: number | null) => (share === null ? null : `${Math.round(share * 100)}%`);

/** 我的训练营成绩: score per round, radar against the stage median, weak areas, recommended courses, the feedback report. */
export default function PersonResultsPage() {
  const { results: r, mayViewAll, mayDismiss, dismissed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof recommendationAction>();
  const { t, i18n } = useTranslation();
  const you = t("camp.release.person.you");
  const median = t("camp.release.person.median");
  // The duties' names are long: below 600 px the radar names them by their first four characters
  // (the table below has them in full), and the radius leaves room for the names at the sides.
  const option = useCallback(
    (width: number) => {
      const narrow = width < 600;
      const name = (duty: (typeof DUTIES)[number]) => {
        const label = t(`duty.${duty}`);
        return narrow && label.length > 5 ? `${label.slice(0, 4)}…` : label;
      };
      // The widest name at 12 px (a Chinese character 12 px, a Latin one about 7), its gap of 15 px and a margin.
      const textWidth = (text: string) => [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? 12 : 7), 0);
      const labelRoom = Math.max(...DUTIES.map((duty) => textWidth(name(duty))));
      const radius = Math.max(40, Math.min(120, width / 2 - labelRoom - 36));
      const values = (radar: typeof r.radar) => DUTIES.map((duty) => Math.round((radar[duty] ?? 0) * 100));
      return {
        legend: { bottom: 0, data: [you, median] },
        tooltip: { trigger: "item", confine: true },
        radar: { indicator: DUTIES.map((duty) => ({ name: name(duty), max: 100 })), radius, axisName: { color: "#334155" } },
        series: [
          {
            type: "radar",
            data: [
              { name: you, value: values(r.radar), areaStyle: { opacity: 0.25 } },
              { name: median, value: values(r.stageMedian), lineStyle: { type: "dashed" } },
            ],
          },
        ],
      };
    },
    [r, t, you, median],
  );
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("camp.release.person.title", { name: r.person.name })}
        subtitle={
          <>
            <Content>{r.camp.title}</Content> · {t(`stage.${r.person.stage}`)}
            {r.person.college ? ` · ${r.person.college}` : ""}
          </>
        }
        actions={
          <a href={`/camp/${r.camp.id}/results/${r.person.id}/report.docx`} className={buttonClass("secondary", "sm")} download>
            {t("camp.release.person.reportDocx")}
          </a>
        }
      />
      <ActionFeedback reply={reply} intent={["dismissRecommendation", "restoreRecommendation"]} />
      {mayViewAll ? (
        <Link to={`/camp/${r.camp.id}/results`} className="inline-block text-sm text-brand-700 underline">
          {t("camp.release.person.back")}
        </Link>
      ) : null}

      <Card title={t("camp.release.person.rounds")}>
        <DataTable
          caption={t("camp.release.person.rounds")}
          rows={r.rounds}
          rowKey={(round) => round.kind}
          empty={<EmptyState>{t("camp.release.release.noRounds")}</EmptyState>}
          columns={[
            { key: "round", header: t("camp.release.release.round"), primary: true, cell: (round) => translateKey(t, ROUND_LABEL[round.kind]) },
            { key: "weight", header: t("camp.release.person.weight"), numeric: true, cell: (round) => round.weight },
            {
              key: "score",
              header: t("camp.release.person.score"),
              numeric: true,
              cell: (round) => (
                <span className="inline-flex flex-wrap items-center justify-end gap-1">
                  {round.score === null ? t("camp.release.person.noScore") : round.score.toFixed(2)}
                  {round.flags.map((flag) => (
                    <Badge key={flag} tone="amber">
                      {translateKey(t, FLAG_LABEL[flag])}
                    </Badge>
                  ))}
                </span>
              ),
            },
          ]}
        />
        <p className="mt-3 font-medium">{t("camp.release.person.total", { total: r.total === null ? "—" : r.total.toFixed(2) })}</p>
      </Card>

      <Card title={t("camp.release.person.radar")}>
        <EChart option={option} summary={t("camp.release.person.radarSummary")} height={380}>
          <SimpleTable
            caption={t("camp.release.person.radarSummary")}
            header={[t("camp.release.overview.duty"), you, median]}
            rows={DUTIES.map((duty) => [
              t(`duty.${duty}`),
              percent(r.radar[duty]) ?? t("camp.release.person.notMeasured"),
              percent(r.stageMedian[duty]) ?? t("camp.release.person.notMeasured"),
            ])}
          />
        </EChart>
      </Card>

      <Card title={t("camp.release.person.weakAreas")}>
        {r.weakAreas.length === 0 ? (
          <EmptyState>{t("camp.release.person.noWeakAreas")}</EmptyState>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {r.weakAreas.map((area) => (
              <li key={area.duty}>{t("camp.release.person.weakArea", { duty: t(`duty.${area.duty}`), share: percent(area.share), median: percent(area.median) })}</li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("camp.release.person.recommended")}>
        {r.recommendations.length === 0 ? (
          <EmptyState>{t("camp.release.person.noRecommendations")}</EmptyState>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">{t("camp.release.person.recommendedHint")}</p>
            <ul className="space-y-2 text-sm">
              {r.recommendations.map((course) => (
                <li key={course.courseId}>
                  <Link to={`/training/courses/${course.courseId}`} className="font-medium text-brand-700 underline">
                    <Content>{course.title}</Content>
                  </Link>
                  <span className="block text-slate-600">
                    {t("training.reasons.campWeakDuty", { duty: t(`duty.${course.duty}`) })}
                    {course.nextSession ? ` · ${formatDateTime(course.nextSession, i18n.language)}` : ""}
                  </span>
                  {mayDismiss ? <RecommendationButton campId={r.camp.id} courseId={course.courseId} title={course.title} restore={false} /> : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      {dismissed.length > 0 ? (
        <div id="dismissed" className="scroll-mt-20">
          <Card title={t("camp.release.recommendation.dismissedList")}>
            <p className="mb-2 text-sm text-slate-600">{t("camp.release.recommendation.dismissedHint")}</p>
            <ul className="space-y-2 text-sm">
              {dismissed.map((course) => (
                <li key={course.courseId}>
                  <span className="font-medium">
                    <Content>{course.title}</Content>
                  </span>
                  <span className="block text-slate-600">
                    {t("training.reasons.campWeakDuty", { duty: t(`duty.${course.duty}`) })} ·{" "}
                    {t("camp.release.recommendation.dismissedAt", { time: formatDateTime(course.dismissedAt, i18n.language) })}
                  </span>
                  {mayDismiss ? <RecommendationButton campId={r.camp.id} courseId={course.courseId} title={course.title} restore /> : null}
                </li>
              ))}
            </ul>
          </Card>
        </div>
      ) : null}
    </div>
  );
}

/** 不感兴趣 or 恢复: a plain post to this page's action (works without JavaScript); undoable either way, so nothing asks first. */
function RecommendationButton({ campId, courseId, title, restore }: { campId: string; courseId: string; title: string; restore: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("courseId") === courseId;
  return (
    <Form method="post" className="mt-1">
      <input type="hidden" name="intent" value={restore ? "restoreRecommendation" : "dismissRecommendation"} />
      <input type="hidden" name="campId" value={campId} />
      <input type="hidden" name="courseId" value={courseId} />
      <button
        type="submit"
        disabled={busy}
        aria-label={t(restore ? "camp.release.recommendation.restoreLabel" : "camp.release.recommendation.dismissLabel", { title })}
        className={buttonClass("secondary", "sm")}
      >
        {busy ? t("kit.working") : t(restore ? "camp.release.recommendation.restore" : "camp.release.recommendation.dismiss")}
      </button>
    </Form>
  );
}
