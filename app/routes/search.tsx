import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ContentMessage } from "~/components/kit/content-lang.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKnown } from "~/i18n/keys.ts";
import { authorize } from "~/policy/index.ts";
import { FILTER_PARAMS, parseSearchParams } from "~/search/schemas.ts";
import { Facets, HitItem, hrefWith, Pagination } from "~/search/search-page.tsx";
import { search, SearchUnavailableError } from "~/search/search.server.ts";
import { useRootData } from "~/root.tsx";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, (t) => [data && "query" in data ? data.query : null, t("search.page.heading")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "search:use", null);
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.success) {
    const t = await getFixedT(request);
    return data({ state: "invalid" as const, query: url.searchParams.get("q") ?? "", message: translateKnown(t, parsed.error.issues[0]!.message) }, { status: 400 });
  }
  const params = parsed.data;
  if (!params.q && !FILTER_PARAMS.some((key) => params[key] !== undefined)) return data({ state: "prompt" as const, query: "" });
  try {
    return data({ state: "ok" as const, query: params.q, sort: params.sort, result: await search(user, params) });
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return data({ state: "unavailable" as const, query: params.q, reason: error.reason }, { status: 503 });
  }
}

export default function SearchPage() {
  const loaded = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/search";
  const result = loaded.state === "ok" ? loaded.result : null;
  const studio = params.get("studio");
  const studioName = result?.names.studio ?? null;
  const filtered = FILTER_PARAMS.some((key) => params.get(key));
  const root = useRootData();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{studio && studioName ? t("search.page.inStudio", { studio: studioName }) : t("search.page.heading")}</h1>
        {studio ? (
          <p className="mt-1 text-sm">
            <Link to={hrefWith(params, "studio", null)} className="text-brand-700 hover:underline">
              {t("search.page.leaveStudio")}
            </Link>
          </p>
        ) : null}
      </div>

      <Form method="get" action="/search" role="search" aria-label={t("search.page.formLabel")} className="flex flex-wrap items-end gap-3">
        {FILTER_PARAMS.map((key) => {
          const value = params.get(key);
          return value ? <input key={key} type="hidden" name={key} value={value} /> : null;
        })}
        <div className="min-w-64 flex-1">
          <label htmlFor="search-q" className="block text-sm font-medium text-slate-700">
            {t("search.page.query")}
          </label>
          <input
            id="search-q"
            type="search"
            name="q"
            defaultValue={loaded.query}
            key={loaded.query}
            maxLength={200}
            aria-invalid={loaded.state === "invalid" || undefined}
            aria-describedby={loaded.state === "invalid" ? "search-error" : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 aria-[invalid]:border-red-500"
          />
        </div>
        <div>
          <label htmlFor="search-sort" className="block text-sm font-medium text-slate-700">
            {t("search.page.sort")}
          </label>
          <select
            id="search-sort"
            name="sort"
            defaultValue={params.get("sort") ?? "relevance"}
            className="mt-1 block rounded-md border border-slate-300 px-3 py-2"
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          >
            <option value="relevance">{t("search.page.sortRelevance")}</option>
            <option value="date">{t("search.page.sortDate")}</option>
          </select>
        </div>
        <button type="submit" disabled={searching} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {searching ? t("search.page.searching") : t("search.page.submit")}
        </button>
      </Form>

      {loaded.state === "invalid" ? (
        <p id="search-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {loaded.message}
        </p>
      ) : null}

      {loaded.state === "unavailable" ? (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
          <p className="font-semibold">{loaded.reason === "building" ? t("search.page.indexingTitle") : t("search.page.unavailableTitle")}</p>
          <p className="mt-1 text-sm">{loaded.reason === "building" ? t("search.page.buildingBody") : t("search.page.unavailableBody")}</p>
        </div>
      ) : null}

      {loaded.state === "prompt" ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("search.page.prompt")}</p>
      ) : null}

      {result ? (
        <div className={`grid gap-8 md:grid-cols-[14rem_1fr] ${searching ? "opacity-60" : ""}`} aria-busy={searching}>
          <Facets result={result} params={params} />
          <div className="min-w-0 space-y-4">
            {result.backlog.pending > 0 && result.backlog.oldestSeconds > 10 ? (
              <div role="status" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
                <span className="font-semibold">{t("search.page.indexingTitle")}</span>：{t("search.page.indexingBody", { count: result.backlog.pending })}
              </div>
            ) : null}
            <p role="status" className="text-sm text-slate-600">
              {searching ? t("search.page.searching") : result.total >= 1000 ? t("search.page.totalCapped", { count: result.total }) : t("search.page.total", { count: result.total })}
            </p>
            {result.partial ? (
              <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {t("search.page.partial")}
              </p>
            ) : null}
            {result.hits.length ? (
              <ol aria-label={t("search.page.resultList")} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white px-5">
                {result.hits.map((hit) => (
                  <HitItem key={`${hit.kind}-${hit.id}`} hit={hit} />
                ))}
              </ol>
            ) : (
              <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
                <p className="font-medium">{loaded.query ? <ContentMessage values={{ q: loaded.query }} render={(values) => t("search.page.empty", values)} /> : t("search.page.emptyFiltered")}</p>
                <p className="mt-2 text-sm">{t("search.page.emptyHint")}</p>
                {filtered ? (
                  <Link to={loaded.query ? `/search?q=${encodeURIComponent(loaded.query)}` : "/search"} className="mt-3 inline-block text-sm text-brand-700 hover:underline">
                    {t("search.page.clearFilters")}
                  </Link>
                ) : null}
              </div>
            )}
            <Pagination page={result.page} pages={result.pages} params={params} />
          </div>
        </div>
      ) : null}

      <nav aria-label={t("search.page.more")} className="flex flex-wrap gap-4 border-t border-slate-200 pt-4 text-sm">
        <Link to="/settings/tokens" className="text-slate-600 hover:text-brand-700 hover:underline">
          {t("search.page.tokensLink")}
        </Link>
        {root?.user?.abilities["search:administer"] ? (
          <Link to="/admin/synonyms" className="text-slate-600 hover:text-brand-700 hover:underline">
            {t("search.page.synonymsLink")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
