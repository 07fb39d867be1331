import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { TextField } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp.$campId_.test.attempts.tsx";
import type { attemptsAction } from "../attempts.actions.server.ts";

const STATE_LABELS = { inProgress: "camp.test.attempts.inProgress", submitted: "camp.test.attempts.submitted", autoSubmitted: "camp.test.attempts.autoSubmitted" } as const;

export function AttemptsPage() {
  const { campId, campTitle, attempts, counts, page, pages, mayManage, judgesPerAnswer } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof attemptsAction>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({ id: "assign", lastResult: reply?.intent === "assign" ? reply.form : undefined, defaultValue: { perAnswer: String(judgesPerAnswer) } });
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={t("camp.test.attempts.heading")}
        subtitle={<Content>{campTitle}</Content>}
        actions={
          <Link to={`/camp/${campId}/test/rules`} className="text-sm text-brand-700 underline">
            {t("camp.test.attempts.rules")}
          </Link>
        }
      />
      <p className="text-sm text-slate-700">{t("camp.test.attempts.summary", counts)}</p>
      <ActionFeedback reply={reply} intent="assign" />
      <DataTable
        caption={t("camp.test.attempts.heading")}
        rows={attempts}
        rowKey={(row) => row.id}
        empty={<EmptyState>{t("camp.test.attempts.empty")}</EmptyState>}
        columns={[
          { key: "person", header: t("camp.test.attempts.person"), primary: true, cell: (row) => <Content>{row.name}</Content> },
          { key: "started", header: t("camp.test.attempts.startedAt"), cell: (row) => formatDateTime(row.startedAt, i18n.language) },
          {
            key: "state",
            header: t("camp.test.attempts.state"),
            cell: (row) => (
              <Badge tone={row.state === "inProgress" ? "sky" : row.state === "autoSubmitted" ? "amber" : "emerald"}>{t(STATE_LABELS[row.state])}</Badge>
            ),
          },
          {
            key: "score",
            header: t("camp.test.attempts.score"),
            numeric: true,
            cell: (row) => (row.score !== null ? row.score : row.state === "inProgress" ? "—" : t("camp.test.attempts.pendingShort")),
          },
          {
            key: "review",
            header: <span className="sr-only">{t("camp.test.attempts.review")}</span>,
            label: t("camp.test.attempts.review"),
            cell: (row) =>
              row.state === "inProgress" ? null : (
                <Link to={`/camp/attempts/${row.id}`} className="text-brand-700 underline" aria-label={`${t("camp.test.attempts.review")} ${row.name}`}>
                  {t("camp.test.attempts.review")}
                </Link>
              ),
          },
        ]}
      />
      <Pagination page={page} pages={pages} total={counts.started} />
      {mayManage ? (
        <Card title={t("camp.test.attempts.assign")}>
          <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="assign" />
            <TextField field={fields.perAnswer} label={t("camp.test.attempts.assignPerAnswer")} type="number" min={1} max={15} />
            <SubmitButton intent="assign" pendingLabel={t("camp.test.attempts.assign")}>
              {t("camp.test.attempts.assign")}
            </SubmitButton>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
