import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { formatDate } from "~/lib/format.ts";
import type { loader } from "~/routes/training.ledger.tsx";

const SOURCE = {
  ATTENDANCE: "training.ledger.sourceAttendance",
  EXTERNAL: "training.ledger.sourceExternal",
  IMPORT: "training.ledger.sourceImport",
  CORRECTION: "training.ledger.sourceCorrection",
  MEETING: "training.ledger.sourceMeeting",
  CAMP: "training.ledger.sourceCamp",
} as const;

type Entry = {
  source: keyof typeof SOURCE;
  reason: string | null;
  schoolLevel: boolean;
  induction: boolean;
  nationalOrProvincial: boolean;
};

export default function LedgerPage() {
  const { person, self, year, years, entries, scope } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const title = self ? t("training.ledger.title") : t("training.ledger.titleOf", { name: person.name });
  const source = (e: Entry) => (
    <div>
      <Badge tone={e.source === "CORRECTION" ? "amber" : "sky"}>{t(SOURCE[e.source])}</Badge>
      {e.reason ? <p className="mt-1 text-xs text-slate-600">{t("training.ledger.reason", { reason: e.reason })}</p> : null}
    </div>
  );
  const kinds = (e: Entry) =>
    [e.schoolLevel && t("training.ledger.kindSchool"), e.induction && t("training.ledger.kindInduction"), e.nationalOrProvincial && t("training.ledger.kindNational")]
      .filter(Boolean)
      .join("、");

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("training.ledger.intro")}</p>
        {!self ? (
          <Link to="/training/ledger" className="mt-2 inline-block text-sm text-brand-700 underline">
            {t("training.ledger.backToMine")}
          </Link>
        ) : null}
      </div>

      <Card title={t("training.ledger.years")}>
        {years.length ? (
          <ul className="flex flex-wrap gap-2">
            {years.map((y) => (
              <li key={y.year}>
                <Link to={`?${new URLSearchParams({ ...(self ? {} : { user: person.id }), year: String(y.year) })}`} className={buttonClass(year === y.year ? "primary" : "secondary", "sm")} aria-current={year === y.year ? "page" : undefined}>
                  {t("training.ledger.yearTotal", { year: y.year, hours: y.hours })}
                </Link>
              </li>
            ))}
            {year ? (
              <li>
                <Link to={self ? "?" : `?user=${person.id}`} className={buttonClass("secondary", "sm")}>
                  {t("training.ledger.allYears")}
                </Link>
              </li>
            ) : null}
          </ul>
        ) : (
          <EmptyState>{t("training.ledger.empty")}</EmptyState>
        )}
      </Card>

      <section aria-labelledby="ledger-entries" className="space-y-3">
        <h2 id="ledger-entries" className="text-base font-semibold">
          {t("training.ledger.entries")}
        </h2>
        <DataTable
          caption={t("training.ledger.entries")}
          rows={entries}
          rowKey={(e) => e.id}
          empty={<EmptyState>{t("training.ledger.empty")}</EmptyState>}
          columns={[
            { key: "title", header: t("training.ledger.colTitle"), primary: true, cell: (e) => e.title || (e.platform ? (i18n.language.startsWith("zh") ? e.platform.nameZh : e.platform.nameEn) : "—") },
            { key: "year", header: t("training.ledger.year"), cell: (e) => e.year },
            { key: "hours", header: t("training.ledger.colHours"), numeric: true, cell: (e) => e.hours },
            { key: "source", header: t("training.ledger.colSource"), cell: source },
            { key: "kind", header: t("training.ledger.colKind"), hideOnPhone: true, cell: kinds },
            { key: "date", header: t("training.ledger.colDate"), hideOnPhone: true, cell: (e) => formatDate(e.createdAt, i18n.language) },
          ]}
        />
      </section>

      {scope ? (
        <section aria-labelledby="ledger-scope" className="space-y-3">
          <h2 id="ledger-scope" className="text-base font-semibold">
            {t("training.ledger.scopeTitle")}
          </h2>
          <Form method="get" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="ledger-year" className="block text-sm font-medium text-slate-700">
                {t("training.ledger.year")}
              </label>
              <input id="ledger-year" name="year" inputMode="numeric" pattern="[0-9]{4}" defaultValue={year ?? ""} className={`${inputClass} w-28`} />
            </div>
            <button type="submit" className={buttonClass("secondary", "md")}>
              {t("training.ledger.show")}
            </button>
          </Form>
          <DataTable
            caption={t("training.ledger.scopeTitle")}
            rows={scope.entries}
            rowKey={(e) => e.id}
            empty={<EmptyState>{t("training.ledger.emptyScope")}</EmptyState>}
            columns={[
              {
                key: "person",
                header: t("training.ledger.colPerson"),
                primary: true,
                cell: (e) => (
                  <Link to={`?user=${e.user.id}`} className="text-brand-700 underline" aria-label={t("training.ledger.viewPersonLabel", { name: e.user.name })}>
                    {e.user.name}
                    {e.user.college ? `（${e.user.college.name}）` : ""}
                  </Link>
                ),
              },
              { key: "title", header: t("training.ledger.colTitle"), cell: (e) => e.title },
              { key: "year", header: t("training.ledger.year"), cell: (e) => e.year },
              { key: "hours", header: t("training.ledger.colHours"), numeric: true, cell: (e) => e.hours },
              { key: "source", header: t("training.ledger.colSource"), cell: source },
            ]}
          />
          <Pagination page={scope.page} pages={scope.pages} total={scope.total} />
        </section>
      ) : null}
    </div>
  );
}
