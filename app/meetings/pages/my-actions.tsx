import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton, buttonClass } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { translateKnown } from "~/i18n/keys.ts";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/meetings.actions.tsx";
import type { myActionsAction } from "../my-actions.actions.server.ts";

const STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "DROPPED"] as const;
const FILTERS = [
  ["", "meetings.live.actions.all"],
  ["open", "meetings.live.actions.open"],
  ["overdue", "meetings.live.actions.overdue"],
  ["closed", "meetings.live.actions.closed"],
] as const;

/** 我的督办事项: the action items I own across series; overdue ones highlighted; a status and a note per item. */
export default function MyActionsPage() {
  const { items, total, overdue, page, pages, status } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof myActionsAction>();
  const { t, i18n } = useTranslation();
  // The enum's labels come with the meetings pages (app/i18n/enum-labels.ts); until then the key shows.
  const statusLabel = (value: string) => translateKnown(t, `actionItemStatus.${value}`);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={t("meetings.live.actions.title")}
        subtitle={
          <>
            {t("meetings.live.actions.intro")}
            {overdue ? (
              <span className="ml-2">
                <Badge tone="red">{t("meetings.live.actions.overdueCount", { count: overdue })}</Badge>
              </span>
            ) : null}
          </>
        }
      />
      <ActionFeedback reply={reply} intent="update" />

      <nav aria-label={t("meetings.live.actions.filter")} className="flex flex-wrap gap-2">
        {FILTERS.map(([value, label]) => (
          <Link key={value} to={value ? `?status=${value}` : "?"} className={buttonClass(status === value ? "primary" : "secondary", "sm")} aria-current={status === value ? "page" : undefined}>
            {t(label)}
          </Link>
        ))}
      </nav>

      <DataTable
        caption={t("meetings.live.actions.caption")}
        rows={items}
        rowKey={(item) => item.id}
        empty={<EmptyState>{t("meetings.live.actions.empty")}</EmptyState>}
        columns={[
          {
            key: "title",
            header: t("meetings.live.actions.colTitle"),
            primary: true,
            cell: (item) => (
              <span className={item.overdue ? "font-semibold text-red-700" : undefined}>
                <Content>{item.title}</Content>
              </span>
            ),
          },
          {
            key: "series",
            header: t("meetings.live.actions.colSeries"),
            cell: (item) => (
              <Link to={`/meetings/${item.meeting.id}`} className="text-brand-700 underline">
                <Content>{item.series.title}</Content> · {formatDateTime(item.meeting.startsAt, i18n.language)}
              </Link>
            ),
          },
          {
            key: "due",
            header: t("meetings.live.actions.colDue"),
            cell: (item) => (
              <span className="whitespace-nowrap">
                {formatDate(item.dueOn, i18n.language)} {item.overdue ? <Badge tone="red">{t("meetings.live.actions.overdueBadge")}</Badge> : null}
              </span>
            ),
          },
          { key: "status", header: t("meetings.live.actions.colStatus"), cell: (item) => <Badge tone={item.closedAt ? "slate" : "sky"}>{statusLabel(item.status)}</Badge> },
          {
            key: "update",
            header: t("meetings.live.actions.colUpdate"),
            cell: (item) =>
              item.closedAt ? (
                <span className="text-sm text-slate-500">{t("meetings.live.actions.closedItem")}</span>
              ) : (
                <Form method="post" preventScrollReset className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="actionItemId" value={item.id} />
                  <label className="text-xs text-slate-600">
                    {t("meetings.live.actions.newStatus")}
                    <select name="status" defaultValue={item.status} className={inputClass} aria-label={`${t("meetings.live.actions.newStatus")} ${item.title}`}>
                      {STATUSES.map((value) => (
                        <option key={value} value={value}>
                          {statusLabel(value)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="text-xs text-slate-600">
                    {t("meetings.live.actions.note")}
                    <input name="note" maxLength={2000} className={inputClass} aria-label={`${t("meetings.live.actions.note")} ${item.title}`} />
                  </label>
                  <SubmitButton intent="update" match={["actionItemId", item.id]} pendingLabel={t("meetings.live.actions.updating")} size="sm" label={`${t("meetings.live.actions.update")} ${item.title}`}>
                    {t("meetings.live.actions.update")}
                  </SubmitButton>
                </Form>
              ),
          },
        ]}
      />
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
