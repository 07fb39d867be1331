import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import type { loader } from "~/routes/camp.judging._index.tsx";
import { roundKindKey } from "../labels.ts";

/** A judge's contestants (phone first: the table becomes cards below 640 px). */
export default function JudgingListPage() {
  const { sheets, page, pages, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("camp.judged.judging.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("camp.judged.judging.intro")}</p>
      </div>
      <DataTable
        caption={t("camp.judged.judging.title")}
        rows={sheets}
        rowKey={(s) => s.id}
        empty={<EmptyState>{t("camp.judged.judging.empty")}</EmptyState>}
        columns={[
          { key: "contestant", header: t("camp.judged.judging.colContestant"), primary: true, cell: (s) => <Content>{s.contestant}</Content> },
          { key: "round", header: t("camp.judged.judging.colRound"), cell: (s) => <span>{t(roundKindKey(s.roundKind))} · <Content>{s.campTitle}</Content></span> },
          { key: "topic", header: t("camp.judged.judging.colTopic"), cell: (s) => <Content>{s.topic ?? ""}</Content> },
          {
            key: "status",
            header: t("camp.judged.judging.colStatus"),
            cell: (s) => (s.submittedAt ? <Badge tone="emerald">{t("camp.judged.judging.submitted", { total: s.total ?? 0 })}</Badge> : <Badge tone="amber">{t("camp.judged.judging.open")}</Badge>),
          },
          {
            key: "open",
            header: t("camp.judged.judging.score"),
            cell: (s) => (
              <Link
                to={`/camp/judging/${s.id}`}
                className={buttonClass(s.submittedAt ? "secondary" : "primary", "sm")}
                aria-label={s.submittedAt ? t("camp.judged.judging.viewLabel", { name: s.contestant }) : t("camp.judged.judging.scoreLabel", { name: s.contestant })}
              >
                {s.submittedAt ? t("camp.judged.judging.view") : t("camp.judged.judging.score")}
              </Link>
            ),
          },
        ]}
      />
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
