import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MyJudgedRounds } from "~/camp/judged/my-judged-rounds.tsx";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp.$campId.tsx";
import type { campAction } from "../camp.actions.server.ts";
import { STATUS_TONE } from "../labels.ts";

/** The camp page: organisers see the set-up, the rounds with their counts and the transitions; participants their rounds; judges the way to their sheets. */
export function CampPage() {
  const { camp, myJudged, viewer, abilities } = useLoaderData<typeof loader>();
  const released = camp.status === "RELEASED" || camp.status === "ARCHIVED";
  const reply = useActionData<typeof campAction>();
  const { t, i18n } = useTranslation();
  const when = (d: string | Date) => formatDateTime(d, i18n.language);
  const manage = abilities["camp:manage"];
  const windowText = (r: { opensAt: string | Date | null; closesAt: string | Date | null }) =>
    r.opensAt && r.closesAt ? t("camp.setup.home.window", { opens: when(r.opensAt), closes: when(r.closesAt) }) : t("camp.setup.home.noWindow");
  const myRounds = camp.rounds.filter((r) => r.enabled && r.viewerIn);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={camp.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS_TONE[camp.status]}>{t(`campStatus.${camp.status}`)}</Badge>
            <span>{t("camp.setup.home.year", { year: camp.year })}</span>
            <span>{camp.startsOn && camp.endsOn ? t("camp.setup.page.dates", { starts: formatDate(camp.startsOn, i18n.language), ends: formatDate(camp.endsOn, i18n.language) }) : t("camp.setup.page.noDates")}</span>
          </span>
        }
        actions={
          manage ? (
            <div className="flex flex-wrap gap-2">
              <Link to={`/camp/${camp.id}/edit`} className={buttonClass("secondary", "sm")}>
                {t("camp.setup.page.edit")}
              </Link>
              <Link to={`/camp/${camp.id}/people`} className={buttonClass("secondary", "sm")}>
                {t("camp.setup.page.people")}
              </Link>
            </div>
          ) : null
        }
      />
      <ActionFeedback reply={reply} intent={["open", "close", "draw"]} />
      {camp.description ? <Content className="whitespace-pre-line text-sm text-slate-700">{camp.description}</Content> : null}

      {viewer.participates ? (
        <Card title={t("camp.setup.page.myRounds")}>
          <ul className="space-y-2 text-sm">
            {myRounds.map((r) => (
              <li key={r.id} className="flex flex-wrap gap-x-3">
                <Link to={r.link} className="text-brand-700 hover:underline">
                  {t(`campRoundKind.${r.kind}`)}
                </Link>
                <span className="text-slate-600">{windowText(r)}</span>
              </li>
            ))}
            {camp.rounds
              .filter((r) => r.enabled && !r.viewerIn && r.entriesFixedAt)
              .map((r) => (
                <li key={r.id} className="flex flex-wrap gap-x-3 text-slate-500">
                  {t(`campRoundKind.${r.kind}`)} · {t("camp.setup.page.notIn")}
                </li>
              ))}
          </ul>
          {released ? (
            <Link to={`/camp/${camp.id}/results/${viewer.id}`} className={`${buttonClass("primary", "sm")} mt-3`}>
              {t("camp.setup.page.myResults")}
            </Link>
          ) : null}
        </Card>
      ) : null}
      {viewer.participates ? <MyJudgedRounds campId={camp.id} entries={myJudged} /> : null}

      {abilities["camp:view-all"] || abilities["camp:view-students"] ? (
        <Card title={t("camp.setup.page.work")}>
          <div className="flex flex-wrap gap-2">
            {abilities["camp:view-students"] ? <WorkLink to={`/camp/${camp.id}/students`} label={t("camp.setup.page.students")} /> : null}
            {abilities["camp:view-all"] ? (
              <>
                <WorkLink to={`/camp/${camp.id}/test/rules`} label={t("camp.setup.page.testRules")} />
                <WorkLink to={`/camp/${camp.id}/test/attempts`} label={t("camp.setup.page.testAttempts")} />
                <WorkLink to={`/camp/${camp.id}/results`} label={t("camp.setup.page.resultsLink")} />
              </>
            ) : null}
            {abilities["camp:archive"] ? <WorkLink to={`/camp/${camp.id}/archive`} label={t("camp.setup.page.archive")} /> : null}
          </div>
        </Card>
      ) : null}

      {viewer.judges ? (
        <Card title={t("camp.setup.home.judging")}>
          <p className="text-sm text-slate-700">{t("camp.setup.page.judgeNote")}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Link to="/camp/judging" className={buttonClass("primary", "sm")}>
              {t("camp.setup.home.judgingLink")}
            </Link>
            <Link to="/camp/grading" className={buttonClass("secondary", "sm")}>
              {t("camp.setup.home.gradingLink")}
            </Link>
          </div>
        </Card>
      ) : null}

      {abilities["camp:view-all"] ? (
        <>
          <Card title={t("camp.setup.page.setup")}>
            <ul className="space-y-1 text-sm text-slate-700">
              <li>{camp.organisers.length ? t("camp.setup.page.organisers", { names: camp.organisers.join("、") }) : t("camp.setup.page.organisersOffice")}</li>
              <li>{t("camp.setup.page.counts", { participants: camp.participants, judges: camp.judges })}</li>
              {camp.status === "DRAFT" ? <li>{t("camp.setup.page.targets", { count: camp.targets })}</li> : null}
            </ul>
            {manage && (camp.status === "DRAFT" || camp.status === "OPEN") ? (
              <div className="mt-4 flex flex-wrap gap-2">
                {camp.status === "DRAFT" ? (
                  <ConfirmButton intent="open" label={t("camp.setup.page.open")} question={t("camp.setup.page.openConfirm")} tone="primary" size="md" />
                ) : (
                  <ConfirmButton intent="close" label={t("camp.setup.page.close")} question={t("camp.setup.page.closeConfirm")} tone="danger" size="md" />
                )}
              </div>
            ) : null}
          </Card>
          <Card title={t("camp.setup.page.rounds")}>
            <ol className="divide-y divide-slate-100">
              {camp.rounds.map((r) => {
                const cutFrom = r.cutFrom;
                return (
                  <li key={r.id} className="flex flex-col gap-1 py-3 text-sm sm:flex-row sm:items-start sm:justify-between">
                    <div className="space-y-1">
                      <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                        {t(`campRoundKind.${r.kind}`)}
                        {r.enabled ? <Badge tone="brand">{t("camp.setup.page.weight", { weight: r.weight })}</Badge> : <Badge>{t("camp.setup.page.off")}</Badge>}
                      </p>
                      {r.enabled ? (
                        <>
                          <p className="text-slate-600">{windowText(r)}</p>
                          {r.scoringRule ? <p className="text-slate-600">{t(`judgedScoringRule.${r.scoringRule}`)}</p> : null}
                          {cutFrom && r.cutTop ? <p className="text-slate-600">{t("camp.setup.page.cut", { from: t(`campRoundKind.${cutFrom}`), top: r.cutTop })}</p> : null}
                          <p className="text-slate-500">
                            {r.kind === "CASE_STUDY" || r.kind === "TALK" ? t("camp.setup.page.entries", { count: r.entries }) : t("camp.setup.page.attempts", { count: r.attempts })}
                            {" · "}
                            {t("camp.setup.page.results", { count: r.results })}
                          </p>
                        </>
                      ) : null}
                    </div>
                    {r.enabled && camp.status !== "DRAFT" ? (
                      <div className="flex flex-wrap gap-2">
                        {cutFrom ? (
                          <Link to={`/camp/${camp.id}/rounds/${r.id}/cut`} className={buttonClass("secondary", "sm")}>
                            {t("camp.setup.page.cutLink")}
                          </Link>
                        ) : null}
                        <Link to={r.link} className={buttonClass("secondary", "sm")}>
                          {t("camp.setup.page.roundLink")}
                        </Link>
                        {r.kind === "CASE_STUDY" || r.kind === "TALK" ? (
                          <Link to={`/camp/${camp.id}/rounds/${r.id}/board`} className={buttonClass("secondary", "sm")}>
                            {t("camp.setup.page.board")}
                          </Link>
                        ) : null}
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </Card>
        </>
      ) : null}
    </div>
  );
}

function WorkLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className={buttonClass("secondary", "sm")}>
      {label}
    </Link>
  );
}
