import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/kit/card.tsx";
import { Content, useContentLang } from "~/components/kit/content-lang.tsx";
import { formatDate } from "~/lib/format.ts";
import type { Facet } from "./index-settings.ts";
import { documentStatusLabel, dutyLabel, recordTypeLabel } from "./labels.ts";
import type { FacetValue, SearchHit, SearchResult } from "./search.server.ts";

/** The pieces of the /search page (the route in app/routes/search.tsx only loads and composes). */

/** Highlighted text: odd pieces are matches. */
export function Marked({ parts }: { parts: string[] }) {
  return (
    <>
      {parts.map((part, i) =>
        i % 2 ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** The URL of the page with one parameter changed (and back to page 1). */
export function hrefWith(params: URLSearchParams, key: string, value: string | null): string {
  const next = new URLSearchParams(params);
  if (value === null) next.delete(key);
  else next.set(key, value);
  if (key !== "page") next.delete("page");
  const query = next.toString();
  return query ? `/search?${query}` : "/search";
}

const FACET_PARAM: Record<Facet, string> = { type: "type", duty: "duty", studioIds: "studio", year: "year", status: "status", authorIds: "author" };

export function useFacetLabel() {
  const { t } = useTranslation();
  return (facet: Facet, value: string, name?: string | null): string => {
    switch (facet) {
      case "type":
        return recordTypeLabel(t, value);
      case "duty":
        return dutyLabel(t, value);
      case "status":
        return documentStatusLabel(t, value);
      case "year":
        return t("search.year", { year: value });
      default:
        return name ?? value;
    }
  };
}

export function Facets({ result, params }: { result: SearchResult; params: URLSearchParams }) {
  const { t } = useTranslation();
  const label = useFacetLabel();
  const shown = (Object.keys(FACET_PARAM) as Facet[]).filter((facet) => result.facets[facet].length > 0 || params.get(FACET_PARAM[facet]));
  return (
    <aside aria-label={t("search.page.filters")} className="space-y-5">
      {shown.map((facet) => {
        const param = FACET_PARAM[facet];
        const selected = params.get(param);
        const values: FacetValue[] = result.facets[facet];
        const headingId = `facet-${facet}`;
        return (
          <section key={facet} aria-labelledby={headingId}>
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              {t(`search.facet.${facet}`)}
            </h2>
            <ul className="mt-2 space-y-1 text-sm">
              {selected && !values.some((v) => v.value === selected) ? (
                <li>
                  <SelectedValue label={label(facet, selected, facet === "studioIds" ? result.names.studio : facet === "authorIds" ? result.names.author : undefined)} count={0} href={hrefWith(params, param, null)} />
                </li>
              ) : null}
              {values.slice(0, 12).map((value) => (
                <li key={value.value}>
                  {selected === value.value ? (
                    <SelectedValue label={label(facet, value.value, value.name)} count={value.count} href={hrefWith(params, param, null)} />
                  ) : (
                    <Link
                      to={hrefWith(params, param, value.value)}
                      className="flex items-center justify-between gap-2 rounded px-2 py-1 text-slate-700 hover:bg-slate-100"
                    >
                      <Content className="truncate">{label(facet, value.value, value.name)}</Content>
                      <span className="shrink-0 text-xs text-slate-500">{value.count}</span>
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}

function SelectedValue({ label, count, href }: { label: string; count: number; href: string }) {
  const { t } = useTranslation();
  return (
    <span className="flex items-center justify-between gap-2 rounded bg-brand-50 px-2 py-1 font-medium text-brand-700" aria-current="true">
      <Content className="truncate">{label}</Content>
      <span className="flex shrink-0 items-center gap-1">
        <span className="text-xs">{count}</span>
        <Link to={href} aria-label={t("search.page.remove", { label })} title={t("search.page.remove", { label })} className="rounded px-1 hover:bg-brand-100">
          ×
        </Link>
      </span>
    </span>
  );
}

const TONE: Record<SearchHit["kind"], "brand" | "emerald" | "amber" | "slate" | "violet"> = { document: "brand", studio: "emerald", person: "amber", output: "slate", course: "violet", meeting: "emerald" };

export function HitItem({ hit }: { hit: SearchHit }) {
  const { t, i18n } = useTranslation();
  const contentLang = useContentLang();
  const meta = [
    hit.kind !== "studio" && hit.kind !== "person" ? hit.studioName : null,
    hit.detail,
    hit.authors.length && hit.kind !== "studio" ? hit.authors.slice(0, 3).join("、") : null,
    hit.kind === "document" && hit.date ? t("search.page.updated", { date: formatDate(new Date(hit.date), i18n.language) }) : null,
    (hit.kind === "output" || hit.kind === "meeting") && hit.date ? formatDate(new Date(hit.date), i18n.language) : null,
  ].filter(Boolean);
  return (
    <li className="py-4">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONE[hit.kind]}>{recordTypeLabel(t, hit.type)}</Badge>
        {hit.status ? <Badge>{documentStatusLabel(t, hit.status)}</Badge> : null}
        <Link to={hit.url} lang={contentLang(hit.title.join(""))} className="text-base font-semibold text-brand-700 hover:underline">
          <Marked parts={hit.title} />
        </Link>
      </div>
      {meta.length ? (
        <p className="mt-1 text-xs text-slate-500">
          {meta.map((item, i) => (
            <Fragment key={i}>
              {i ? " · " : null}
              <Content>{item}</Content>
            </Fragment>
          ))}
        </p>
      ) : null}
      {hit.snippet.join("").trim() ? (
        <p lang={contentLang(hit.snippet.join(""))} className="mt-1 text-sm leading-6 text-slate-700">
          <Marked parts={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}

export function Pagination({ page, pages, params }: { page: number; pages: number; params: URLSearchParams }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const numbers = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const link = "rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100";
  return (
    <nav aria-label={t("search.page.pagination")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      {page > 1 ? (
        <Link to={hrefWith(params, "page", String(page - 1))} className={link} rel="prev">
          {t("search.page.previous")}
        </Link>
      ) : (
        <span />
      )}
      <ul className="flex items-center gap-1">
        {numbers.map((n, i) => (
          <li key={n} className="flex items-center gap-1">
            {i > 0 && n - numbers[i - 1]! > 1 ? <span aria-hidden="true">…</span> : null}
            {n === page ? (
              <span aria-current="page" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white">
                {n}
              </span>
            ) : (
              <Link to={hrefWith(params, "page", String(n))} className="rounded-md px-3 py-1.5 hover:bg-slate-100" aria-label={t("search.page.pageOf", { page: n, pages })}>
                {n}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {page < pages ? (
        <Link to={hrefWith(params, "page", String(page + 1))} className={link} rel="next">
          {t("search.page.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
