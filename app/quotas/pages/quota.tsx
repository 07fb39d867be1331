import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/quotas.$quotaId.tsx";
import type { action } from "../quota.actions.server.ts";
import { reasonText } from "../reason-text.ts";
import { STATUS_TONE } from "./quotas-list.tsx";

type Candidate = ReturnType<typeof useLoaderData<typeof loader>>["candidates"][number];

/** /quotas/:id: the quota, who is chosen, and the ranked candidates with their reasons and ticks. */
export function QuotaPage() {
  const { quota, candidates, chosen, page, pages, total } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const open = quota.status === "OPEN";
  const signed = (points: number) => (points > 0 ? `+${points}` : String(points));
  const reasons = (row: Candidate) => (
    <ul className="space-y-0.5">
      {row.reasons.map((reason, index) => (
        <li key={index}>
          {reasonText(t, reason)}
          {reason.points !== 0 ? <span className="text-slate-500">{t("quotas.page.points", { points: signed(reason.points) })}</span> : null}
        </li>
      ))}
    </ul>
  );

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={quota.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="brand">{t(`quotaKind.${quota.kind}`)}</Badge>
            <Badge tone={STATUS_TONE[quota.status]}>{t(`quotaStatus.${quota.status}`)}</Badge>
          </span>
        }
        actions={
          <>
            <Link to="/quotas" className={buttonClass("secondary")}>
              {t("quotas.form.back")}
            </Link>
            {quota.status !== "CANCELLED" ? <ConfirmButton intent="cancel" label={t("quotas.page.cancel")} question={t("quotas.page.cancelConfirm", { title: quota.title })} size="md" /> : null}
          </>
        }
      />
      {search.get("created") && !reply ? <Notice tone="success">{t("quotas.page.createdNotice")}</Notice> : null}
      <ActionFeedback reply={reply} intent={["rank", "pick", "decide", "cancel"]} />

      <Card title={t("quotas.page.facts")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Fact term={t("quotas.list.seats")}>{quota.seats}</Fact>
          <Fact term={t("quotas.list.due")}>{quota.dueOn ? formatDate(quota.dueOn, i18n.language) : t("quotas.list.noDue")}</Fact>
          <Fact term={t("quotas.form.stages")}>
            {quota.eligibleStages.length ? quota.eligibleStages.map((stage) => t(`stage.${stage}`)).join(t("quotas.page.listSeparator")) : t("quotas.page.anyStage")}
          </Fact>
          <Fact term={t("quotas.form.groups")}>
            {quota.eligibleGroups.length ? quota.eligibleGroups.map((group) => t(`group.${group}`)).join(t("quotas.page.listSeparator")) : t("quotas.page.anyGroup")}
          </Fact>
          <Fact term={t("quotas.page.camp")}>{quota.camp?.title ?? t("quotas.form.campLatest")}</Fact>
          <Fact term={t("quotas.list.status")}>
            {quota.decidedAt && quota.decidedBy ? t("quotas.page.decided", { name: quota.decidedBy, date: formatDateTime(quota.decidedAt, i18n.language) }) : t(`quotaStatus.${quota.status}`)}
          </Fact>
        </dl>
        {quota.description ? <p className="mt-3 whitespace-pre-line text-sm text-slate-700">{quota.description}</p> : null}
        <p className="mt-3 text-xs text-slate-500">{t("quotas.page.createdAt", { date: formatDate(quota.createdAt, i18n.language) })}</p>
      </Card>

      <Card title={t("quotas.page.choice", { count: chosen.length, seats: quota.seats })}>
        {chosen.length === 0 ? (
          <p className="text-sm text-slate-600">{t("quotas.page.noChoice")}</p>
        ) : (
          <ol className="space-y-2">
            {chosen.map((row) => (
              <li key={row.userId} className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{row.name}</span>
                {row.college ? <span className="text-slate-600">{row.college}</span> : null}
                <span className="text-slate-500">
                  {t("quotas.page.rank")} {row.rank} · {t("quotas.page.score")} {row.score}
                </span>
                {row.notifiedAt ? <Badge tone="emerald">{t("quotas.page.notified")}</Badge> : null}
              </li>
            ))}
          </ol>
        )}
        {open && chosen.length > 0 ? (
          <div className="mt-4">
            <ConfirmButton
              intent="decide"
              tone="primary"
              size="md"
              label={t("quotas.page.decide")}
              question={t("quotas.page.decideConfirm", { count: chosen.length, title: quota.title })}
            />
          </div>
        ) : null}
      </Card>

      <Card title={t("quotas.page.candidates")}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <p className="text-sm text-slate-600">{t("quotas.page.candidatesHint")}</p>
          {open ? (
            <ActionButton intent="rank" pendingLabel={t("quotas.page.reranking")}>
              {t("quotas.page.rerank")}
            </ActionButton>
          ) : null}
        </div>
        {/* Keyed by the saved ticks, so the boxes show what was saved after each post. */}
        <Form method="post" preventScrollReset className="mt-4 space-y-4" key={`${page}:${candidates.map((row) => (row.chosen ? 1 : 0)).join("")}`}>
          <input type="hidden" name="intent" value="pick" />
          {candidates.map((row) => (
            <input key={row.userId} type="hidden" name="shown" value={row.userId} />
          ))}
          <DataTable
            caption={t("quotas.page.caption")}
            rows={candidates}
            rowKey={(row) => row.userId}
            empty={<EmptyState>{t("quotas.page.empty")}</EmptyState>}
            columns={[
              {
                key: "pick",
                header: t("quotas.page.pick"),
                cell: (row) =>
                  open ? (
                    <input type="checkbox" name="chosen" value={row.userId} defaultChecked={row.chosen} aria-label={t("quotas.page.pickPerson", { name: row.name })} className="h-5 w-5 rounded border-slate-300" />
                  ) : row.chosen ? (
                    <Badge tone="emerald">{t("quotas.page.chosenBadge")}</Badge>
                  ) : null,
              },
              { key: "rank", header: t("quotas.page.rank"), numeric: true, cell: (row) => row.rank },
              { key: "name", header: t("quotas.page.person"), primary: true, cell: (row) => row.name },
              { key: "college", header: t("quotas.page.college"), cell: (row) => row.college ?? "—" },
              { key: "score", header: t("quotas.page.score"), numeric: true, cell: (row) => row.score },
              { key: "reasons", header: t("quotas.page.reasons"), cell: reasons },
            ]}
          />
          {open && candidates.length > 0 ? (
            <SubmitButton intent="pick" pendingLabel={t("quotas.page.savingPicks")} tone="secondary">
              {t("quotas.page.savePicks")}
            </SubmitButton>
          ) : null}
        </Form>
        <div className="mt-4">
          <Pagination page={page} pages={pages} total={total} />
        </div>
      </Card>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="shrink-0 text-slate-500">{term}</dt>
      <dd className="text-slate-800">{children}</dd>
    </div>
  );
}
