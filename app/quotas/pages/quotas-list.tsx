import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, type BadgeTone } from "~/components/kit/card.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { ScrollingNav } from "~/components/kit/scrolling-nav.tsx";
import type { QuotaStatus } from "~/generated/prisma/enums.ts";
import { formatDate } from "~/lib/format.ts";
import type { loader } from "~/routes/quotas._index.tsx";

export const STATUS_TONE: Record<QuotaStatus, BadgeTone> = { OPEN: "amber", DECIDED: "emerald", CANCELLED: "slate" };
const STATUSES: QuotaStatus[] = ["OPEN", "DECIDED", "CANCELLED"];

/** /quotas: 学工部's quotas with kind, seats, how many are chosen, status and due date. */
export function QuotasListPage() {
  const { quotas, status, page, pages, total } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const filterLink = (value: QuotaStatus | null) => (
    <Link
      key={value ?? "all"}
      to={value ? `?status=${value}` : "?"}
      aria-current={status === value ? "page" : undefined}
      className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${status === value ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
    >
      {value ? t(`quotaStatus.${value}`) : t("quotas.list.allStatuses")}
    </Link>
  );
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={t("quotas.list.title")}
        subtitle={t("quotas.list.subtitle")}
        actions={
          <Link to="/quotas/new" className={buttonClass("primary")}>
            {t("quotas.list.create")}
          </Link>
        }
      />
      <ScrollingNav label={t("quotas.list.filterStatus")}>{[filterLink(null), ...STATUSES.map(filterLink)]}</ScrollingNav>
      <DataTable
        caption={t("quotas.list.caption")}
        rows={quotas}
        rowKey={(quota) => quota.id}
        empty={<EmptyState>{t("quotas.list.empty")}</EmptyState>}
        columns={[
          {
            key: "title",
            header: t("quotas.list.name"),
            primary: true,
            cell: (quota) => (
              <Link to={`/quotas/${quota.id}`} className="text-brand-700 hover:underline">
                {quota.title}
              </Link>
            ),
          },
          { key: "kind", header: t("quotas.list.kind"), cell: (quota) => t(`quotaKind.${quota.kind}`) },
          { key: "chosen", header: t("quotas.list.chosen"), numeric: true, cell: (quota) => `${quota.chosen} / ${quota.seats}` },
          { key: "status", header: t("quotas.list.status"), cell: (quota) => <Badge tone={STATUS_TONE[quota.status]}>{t(`quotaStatus.${quota.status}`)}</Badge> },
          { key: "due", header: t("quotas.list.due"), cell: (quota) => (quota.dueOn ? formatDate(quota.dueOn, i18n.language) : t("quotas.list.noDue")) },
        ]}
      />
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
