import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import type { loader } from "~/routes/studios.$studioId.training.tsx";
import { StudioPageHeading } from "~/studios/studio-header.tsx";

/** A studio's 培训进度 tab: each member's hours against their plan, as a bar, and required items done. */
export default function TeamTrainingPage() {
  const { year, members } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <StudioPageHeading>{t("training.dashboard.team.title")}</StudioPageHeading>
      <p className="text-sm text-slate-600">{t("training.dashboard.team.intro", { year })}</p>
      <DataTable
        caption={t("training.dashboard.team.title")}
        rows={members}
        rowKey={(m) => m.id}
        empty={<EmptyState>{t("training.dashboard.team.empty")}</EmptyState>}
        columns={[
          { key: "member", header: t("training.dashboard.team.colMember"), primary: true, cell: (m) => <Content>{m.name}</Content> },
          { key: "stage", header: t("training.dashboard.team.colStage"), cell: (m) => t(`stage.${m.stage}`) },
          {
            key: "hours",
            header: t("training.dashboard.team.colHours"),
            cell: (m) => (
              <div className="min-w-0 space-y-1">
                <span className="tabular-nums">
                  {m.hours} / {m.planHours}
                </span>
                <progress
                  className="block h-2 w-full max-w-40"
                  max={m.planHours || 1}
                  value={Math.min(m.hours, m.planHours || 1)}
                  aria-label={t("training.dashboard.team.progressLabel", { name: m.name, hours: m.hours, required: m.planHours })}
                />
              </div>
            ),
          },
          { key: "items", header: t("training.dashboard.team.colItems"), numeric: true, cell: (m) => t("training.dashboard.team.items", { done: m.itemsDone, total: m.itemsTotal }) },
          {
            key: "status",
            header: t("training.dashboard.team.colStatus"),
            cell: (m) =>
              m.completed ? (
                <Badge tone="emerald">{t("training.dashboard.team.completed")}</Badge>
              ) : (
                <Badge tone="amber">{m.short > 0 ? t("training.dashboard.team.behind", { hours: m.short }) : t("training.dashboard.team.itemsMissing")}</Badge>
              ),
          },
        ]}
      />
    </div>
  );
}
