import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { formatDate } from "~/lib/format.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import type { loader } from "~/routes/training.courses._index.tsx";
import { platformName } from "../labels.ts";
import { DUTIES, GROUPS, LEVELS } from "../schemas.ts";

/** The catalogue (培训目录): filters by platform, level, stage, group and duty; paginated; cards on a phone. */
export function CataloguePage() {
  const { courses, total, page, pages, platforms, filtered, mayCreate } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const filtering = navigation.state === "loading" && navigation.location.pathname === "/training/courses";
  const select = (name: string, label: string, options: ReadonlyArray<{ value: string; label: string }>) => (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={params.get(name) ?? ""} className={inputClass}>
        <option value="">{t("training.catalogue.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("training.catalogue.title")}
        subtitle={t("training.catalogue.intro")}
        actions={
          mayCreate ? (
            <Link to="/training/courses/new" className={buttonClass("primary")}>
              {t("training.catalogue.create")}
            </Link>
          ) : null
        }
      />
      <Form method="get" role="search" aria-label={t("training.catalogue.filters")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-4">
        <div>
          <label htmlFor="filter-q" className="block text-sm font-medium text-slate-700">
            {t("training.catalogue.search")}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={params.get("q") ?? ""} className={inputClass} />
        </div>
        {select("platformId", t("training.catalogue.platform"), platforms.map((p) => ({ value: p.id, label: platformName(p, i18n.language) })))}
        {select("level", t("training.catalogue.level"), LEVELS.map((l) => ({ value: l, label: t(`trainingLevel.${l}`) })))}
        {select("stage", t("training.catalogue.stage"), CAREER_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })))}
        {select("group", t("training.catalogue.group"), GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) })))}
        {select("duty", t("training.catalogue.duty"), DUTIES.map((d) => ({ value: d, label: t(`duty.${d}`) })))}
        <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-2">
          <button type="submit" className={buttonClass("primary")} aria-busy={filtering || undefined}>
            {filtering ? t("training.catalogue.applying") : t("training.catalogue.apply")}
          </button>
          {filtered ? (
            <Link to="/training/courses" className={buttonClass("secondary")}>
              {t("training.catalogue.reset")}
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="text-sm text-slate-600" role="status">
        {t("training.catalogue.count", { count: total })}
      </p>
      <DataTable
        caption={t("training.catalogue.title")}
        rows={courses}
        rowKey={(c) => c.id}
        empty={<EmptyState>{filtered ? t("training.catalogue.empty") : t("training.catalogue.emptyAll")}</EmptyState>}
        columns={[
          {
            key: "title",
            header: t("training.catalogue.colTitle"),
            primary: true,
            cell: (c) => (
              <Link to={`/training/courses/${c.id}`} className="break-words text-brand-700 hover:underline">
                {c.title}
              </Link>
            ),
          },
          { key: "platform", header: t("training.catalogue.colPlatform"), cell: (c) => platformName(c.platform, i18n.language) },
          { key: "level", header: t("training.catalogue.colLevel"), cell: (c) => t(`trainingLevel.${c.level}`) },
          { key: "when", header: t("training.catalogue.colWhen"), cell: (c) => (c.sessions[0] ? formatDate(c.sessions[0].startsAt, i18n.language) : t("training.catalogue.noSessions")) },
          { key: "hours", header: t("training.catalogue.colHours"), numeric: true, cell: (c) => c.hours },
          {
            key: "seats",
            header: t("training.catalogue.colSeats"),
            cell: (c) => (
              <span>
                {c.capacity === null ? t("training.catalogue.seatsUnlimited", { enrolled: c.enrolled }) : t("training.catalogue.seats", { enrolled: c.enrolled, capacity: c.capacity })}
                {c.waitlisted ? <span className="ml-2 text-xs text-amber-800">{t("training.catalogue.waiting", { count: c.waitlisted })}</span> : null}
              </span>
            ),
          },
          {
            key: "status",
            header: t("training.catalogue.colStatus"),
            cell: (c) => <Badge tone={c.status === "PUBLISHED" ? "emerald" : c.status === "DRAFT" ? "amber" : "slate"}>{t(`trainingCourseStatus.${c.status}`)}</Badge>,
          },
        ]}
      />
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
