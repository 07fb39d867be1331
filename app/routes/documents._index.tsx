import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { listMyDocuments, studiosOf } from "~/documents/documents.server.ts";
import { parseListFilters } from "~/documents/list-filters.ts";
import { DocumentFilters, DocumentTable } from "~/documents/ui/document-table.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { pageTitle } from "~/i18n/page-title.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("documents.list.myTitle")]);

/** Documents of the person's studios and the studios they mentor (every studio's for 学工部). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseListFilters(new URL(request.url));
  const [list, studios] = await Promise.all([listMyDocuments(user, filters), studiosOf(user)]);
  return data({ ...list, filters, studios });
}

export default function MyDocuments() {
  const { items, page, pages, total, filters, studios } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("documents.list.myTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("documents.list.myIntro")}</p>
      </div>
      <section aria-labelledby="my-studios" className="space-y-2">
        <h2 id="my-studios" className="text-base font-semibold">
          {t("documents.list.studios")}
        </h2>
        {studios.length ? (
          <ul className="flex flex-wrap gap-2">
            {studios.map((studio) => (
              <li key={studio.id}>
                <Link to={`/studios/${studio.id}/documents`} className="inline-block rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50">
                  {t("documents.list.studioLink", { studio: studio.name })}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("documents.list.noStudios")}</p>
        )}
      </section>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <DocumentFilters type={filters.type ?? ""} status={filters.status ?? ""} />
        <p className="text-sm text-slate-500">{t("documents.list.total", { count: total })}</p>
      </div>
      <DocumentTable rows={items} showStudio filtered={!!(filters.type || filters.status)} />
      <Pagination page={page} pages={pages} />
    </div>
  );
}
