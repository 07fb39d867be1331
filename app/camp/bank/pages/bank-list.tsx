import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { Duty } from "~/generated/prisma/enums.ts";
import type { loader } from "~/routes/camp.bank._index.tsx";
import { QUESTION_KINDS } from "../../question-draft.ts";
import { useBankLabels } from "./labels.ts";

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 sm:w-auto";

/** /camp/bank: the questions with filters (kind, duty, difficulty, category, words of the stem, in use or retired). */
export default function BankListPage() {
  const { items, total, page, pages, filter, categories } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { kindLabel } = useBankLabels();
  const filtered = Boolean(filter.kind || filter.duty || filter.difficulty || filter.category || filter.q || filter.status !== "active");
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("camp.bank.title")}
        subtitle={t("camp.bank.intro")}
        actions={
          <>
            <Link to="/camp/bank/new" className={buttonClass("primary")}>
              {t("camp.bank.new")}
            </Link>
            <Link to="/camp/bank/import" className={buttonClass("secondary")}>
              {t("camp.bank.import")}
            </Link>
          </>
        }
      />

      <Form method="get" role="search" aria-label={t("camp.bank.list.filters")} className="grid grid-cols-1 gap-3 text-sm sm:flex sm:flex-wrap sm:items-end">
        <label className="block">
          <span className="text-slate-600">{t("camp.bank.list.kind")}</span>
          <select name="kind" defaultValue={filter.kind ?? ""} className={selectClass}>
            <option value="">{t("camp.bank.list.anyKind")}</option>
            {QUESTION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">{t("camp.bank.list.duty")}</span>
          <select name="duty" defaultValue={filter.duty ?? ""} className={selectClass}>
            <option value="">{t("camp.bank.list.anyDuty")}</option>
            {Object.values(Duty).map((duty) => (
              <option key={duty} value={duty}>
                {t(`duty.${duty}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">{t("camp.bank.list.difficulty")}</span>
          <select name="difficulty" defaultValue={filter.difficulty ?? ""} className={selectClass}>
            <option value="">{t("camp.bank.list.anyDifficulty")}</option>
            {[1, 2, 3, 4, 5].map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        {categories.length ? (
          <label className="block">
            <span className="text-slate-600">{t("camp.bank.list.category")}</span>
            <select name="category" defaultValue={filter.category ?? ""} className={selectClass}>
              <option value="">{t("camp.bank.list.anyCategory")}</option>
              {categories.map((category) => (
                <option key={category} value={category}>
                  {category}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="block">
          <span className="text-slate-600">{t("camp.bank.list.status")}</span>
          <select name="status" defaultValue={filter.status} className={selectClass}>
            <option value="active">{t("camp.bank.list.statusActive")}</option>
            <option value="retired">{t("camp.bank.list.statusRetired")}</option>
            <option value="all">{t("camp.bank.list.statusAll")}</option>
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">{t("camp.bank.list.search")}</span>
          <input type="search" name="q" defaultValue={filter.q ?? ""} placeholder={t("camp.bank.list.searchPlaceholder")} className={selectClass} />
        </label>
        <div className="flex items-center gap-3">
          <button type="submit" className={buttonClass("secondary")}>
            {t("camp.bank.list.apply")}
          </button>
          {filtered ? (
            <Link to="/camp/bank" className="py-1.5 text-brand-700 hover:underline">
              {t("camp.bank.list.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="text-sm text-slate-600">{t("camp.bank.list.count", { count: total })}</p>
      {items.length === 0 ? (
        <EmptyState>{filtered ? t("camp.bank.list.emptyFiltered") : t("camp.bank.list.empty")}</EmptyState>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-2 shadow-sm max-sm:border-0 max-sm:bg-transparent max-sm:p-0 max-sm:shadow-none">
          <DataTable
            caption={t("camp.bank.list.caption")}
            rows={items}
            rowKey={(q) => q.id}
            columns={[
              {
                key: "stem",
                header: t("camp.bank.list.colStem"),
                primary: true,
                cell: (q) => (
                  <>
                    <Link to={`/camp/bank/${q.id}`} className="line-clamp-3 break-words font-medium text-slate-900 hover:text-brand-700">
                      <Content>{q.stem}</Content>
                    </Link>
                    {q.retiredAt ? (
                      <div className="mt-1">
                        <Badge tone="amber">{t("camp.bank.list.statusRetired")}</Badge>
                      </div>
                    ) : null}
                  </>
                ),
              },
              { key: "kind", header: t("camp.bank.list.colKind"), cell: (q) => kindLabel(q.kind) },
              { key: "duties", header: t("camp.bank.list.colDuties"), cell: (q) => q.duties.map((duty) => t(`duty.${duty}`)).join("、") },
              { key: "difficulty", header: t("camp.bank.list.colDifficulty"), numeric: true, cell: (q) => q.difficulty },
              { key: "category", header: t("camp.bank.list.colCategory"), hideOnPhone: true, cell: (q) => (q.category ? <Content>{q.category}</Content> : t("camp.bank.list.noCategory")) },
              { key: "version", header: t("camp.bank.list.colVersion"), hideOnPhone: true, numeric: true, cell: (q) => t("camp.bank.list.versionNumber", { number: q.number }) },
            ]}
          />
        </div>
      )}
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
