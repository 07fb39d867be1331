import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge } from "~/components/kit/card.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Content, useContentLang } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { listColleges, listDirectory } from "~/people/directory.server.ts";
import { DUTIES, GROUPS, parseDirectoryFilters, TITLES } from "~/people/schemas.ts";
import { abilities, authorize, ownScope, type SchoolScope } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("people.directory.heading")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "people:browse", null);
  const filters = parseDirectoryFilters(new URL(request.url).searchParams);
  const settings = await getSchoolSettings();
  const [directory, colleges] = await Promise.all([
    listDirectory(filters, { now: new Date(), thresholds: settings.stageThresholds }),
    listColleges(),
  ]);
  // What the filters show (no college filter: the whole school), and what the person looks after.
  const shown: SchoolScope = filters.collegeId ? { kind: "college", collegeId: filters.collegeId } : { kind: "school" };
  const own = ownScope(user);
  const shownAbilities = abilities(user, "schoolScope", shown);
  const ownAbilities = own ? abilities(user, "schoolScope", own) : null;
  return data({
    ...directory,
    colleges: colleges.map((c) => ({ value: c.id, label: c.name })),
    /** What may be done with the rows shown, and with what the person looks after (null: nothing). */
    shown: shownAbilities,
    own: ownAbilities,
    // Not theirs to export as shown: a college admin exports their own college's instead.
    exportOwnCollege: !shownAbilities["people:export"] && own?.kind === "college" && ownAbilities?.["people:export"] ? own.collegeId : null,
  });
}

export default function Directory() {
  const { rows, total, page, pages, colleges, shown, own, exportOwnCollege } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const contentLang = useContentLang();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const filtering = navigation.state === "loading" && navigation.location.pathname === "/people";
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  if (exportOwnCollege) exportParams.set("collegeId", exportOwnCollege);
  const select = (name: string, label: string, options: Array<{ value: string; label: string }>) => (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={params.get(name) ?? ""} className={inputClass}>
        <option value="">{t("people.directory.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={contentLang(o.label)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("people.directory.heading")}
        subtitle={t("people.directory.subtitle")}
        actions={
          <>
            {shown["people:export"] || exportOwnCollege ? (
              <a href={`/people/export?${exportParams}`} className={buttonClass("secondary")} download>
                {t("people.directory.export")}
              </a>
            ) : null}
            {own?.["people:import"] ? (
              <Link to="/people/import" className={buttonClass("secondary")}>
                {t("people.directory.import")}
              </Link>
            ) : null}
          </>
        }
      />
      <Form method="get" role="search" aria-label={t("people.directory.filters")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6">
        <div className="sm:col-span-3 lg:col-span-6">
          <label htmlFor="filter-q" className="block text-sm font-medium text-slate-700">
            {t("people.directory.search")}
          </label>
          <input id="filter-q" type="search" name="q" defaultValue={params.get("q") ?? ""} placeholder={t("people.directory.searchPlaceholder")} className={inputClass} />
        </div>
        {select("collegeId", t("people.directory.college"), colleges)}
        {select("stage", t("people.directory.stage"), CAREER_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })))}
        {select("group", t("people.directory.group"), GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) })))}
        {select("duty", t("people.directory.duty"), DUTIES.map((d) => ({ value: d, label: t(`duty.${d}`) })))}
        {select("title", t("people.directory.title"), TITLES.map((ti) => ({ value: ti, label: t(`title.${ti}`) })))}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")} disabled={filtering}>
            {filtering ? t("people.directory.applying") : t("people.directory.apply")}
          </button>
          <Link to="/people" className="px-2 py-2 text-sm text-slate-600 hover:underline">
            {t("people.directory.reset")}
          </Link>
        </div>
      </Form>

      <p role="status" className="text-sm text-slate-600">
        {t("people.directory.results", { count: total })}
      </p>
      {rows.length === 0 ? (
        <EmptyState>{t("people.directory.empty")}</EmptyState>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white px-3 max-sm:border-0 max-sm:bg-transparent max-sm:px-0">
          <DataTable
            caption={t("people.directory.table")}
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "name",
                header: t("people.directory.colName"),
                primary: true,
                cell: (row) => (
                  <>
                    <Link to={`/people/${row.id}`} className="font-medium text-brand-700 hover:underline">
                      <Content>{row.name}</Content>
                    </Link>
                    <span className="ml-1 text-xs font-normal text-slate-500">{row.username}</span>
                  </>
                ),
              },
              { key: "college", header: t("people.directory.colCollege"), cell: (row) => (row.collegeName ? <Content>{row.collegeName}</Content> : "—") },
              {
                key: "stage",
                header: t("people.directory.colStage"),
                cell: (row) => <Badge tone={row.stage === "EXPERT" ? "brand" : "slate"}>{t(`stage.${row.stage}`)}</Badge>,
              },
              { key: "title", header: t("people.directory.colTitle"), cell: (row) => t(`title.${row.title}`) },
              {
                key: "specialties",
                header: t("people.directory.colSpecialties"),
                hideOnPhone: true,
                cell: (row) => (
                  <>
                    {row.specialties.map((d) => t(`duty.${d}`)).join("、") || "—"}
                    {row.specialtyTags.length ? <Content className="block text-xs text-slate-500">{row.specialtyTags.join("、")}</Content> : null}
                  </>
                ),
              },
              {
                key: "studios",
                header: t("people.directory.colStudios"),
                cell: (row) =>
                  row.studios.length
                    ? row.studios.map((s) => (
                        <Link key={s.id} to={`/studios/${s.id}`} className="block text-brand-700 hover:underline">
                          <Content>{s.name}</Content>
                        </Link>
                      ))
                    : t("people.directory.noStudio"),
              },
            ]}
          />
        </div>
      )}
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}
