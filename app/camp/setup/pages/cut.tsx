import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { translateKey } from "~/i18n/keys.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp.$campId_.rounds.$roundId.cut.tsx";
import type { cutAction } from "../cut.actions.server.ts";

/** The cut: who goes on from the source round (ties at the border all go on), then applied once, asked first. */
export function CutPage() {
  const { camp, cut, abilities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof cutAction>();
  const { t, i18n } = useTranslation();
  const round = t(`campRoundKind.${cut.round.kind}`);
  const from = cut.round.cutFrom ? t(`campRoundKind.${cut.round.cutFrom.kind}`) : "";
  const plan = cut.plan;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("camp.setup.cut.title", { round })}
        subtitle={cut.round.cutTop ? t("camp.setup.cut.intro", { from, top: cut.round.cutTop, round }) : undefined}
        actions={
          <Link to={`/camp/${camp.id}`} className="text-sm text-brand-700 hover:underline">
            {t("camp.setup.cut.back")}
          </Link>
        }
      />
      <ActionFeedback reply={reply} intent="apply" />
      {cut.refusal ? <Notice tone="info">{translateKey(t, cut.refusal.key, cut.refusal.params)}</Notice> : null}
      {plan ? (
        <>
          <Notice tone="info">
            {plan.tiedAtBorder ? t("camp.setup.cut.tie", { top: plan.top, count: plan.advancing }) : t("camp.setup.cut.advancing", { count: plan.advancing })}
            {plan.unscored ? ` ${t("camp.setup.cut.unscored", { count: plan.unscored })}` : ""}
          </Notice>
          {plan.fixedAt ? (
            <Notice tone="success">{t("camp.setup.cut.fixed", { at: formatDateTime(plan.fixedAt, i18n.language) })}</Notice>
          ) : abilities["camp:manage"] && camp.status === "OPEN" ? (
            <ConfirmButton intent="apply" label={t("camp.setup.cut.apply")} question={t("camp.setup.cut.applyConfirm")} tone="primary" size="md" />
          ) : (
            <Notice tone="info">{t("camp.setup.cut.notOpen")}</Notice>
          )}
          <Card title={t("camp.setup.cut.title", { round })}>
            <DataTable
              caption={t("camp.setup.cut.title", { round })}
              rows={plan.rows}
              rowKey={(r) => r.userId}
              columns={[
                { key: "rank", header: t("camp.setup.cut.rank"), numeric: true, cell: (r) => r.rank },
                { key: "name", header: t("camp.setup.cut.name"), primary: true, cell: (r) => r.name },
                { key: "score", header: t("camp.setup.cut.score"), numeric: true, cell: (r) => r.score.toFixed(2) },
                { key: "advances", header: t("camp.setup.cut.advances"), cell: (r) => (r.advances ? <Badge tone="emerald">{t("camp.setup.cut.yes")}</Badge> : <Badge>{t("camp.setup.cut.no")}</Badge>) },
                {
                  key: "why",
                  header: t("camp.setup.cut.why"),
                  cell: (r) =>
                    !r.advances
                      ? t("camp.setup.cut.below", { border: plan.border.toFixed(2) })
                      : plan.rows.indexOf(r) >= plan.top
                        ? t("camp.setup.cut.tiedIn", { top: plan.top })
                        : t("camp.setup.cut.inTop", { top: plan.top }),
                },
              ]}
            />
          </Card>
          {plan.absent.length ? (
            <Card title={t("camp.setup.cut.absentTitle", { count: plan.absent.length })}>
              <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="cut-absent">
                {plan.absent.map((person) => (
                  <li key={person.userId}>
                    {t("camp.setup.cut.absentWhy", { name: person.name, from })}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
