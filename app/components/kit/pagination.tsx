import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Previous / next links that keep the page's other query parameters (filters). `param` names the
 * page parameter when a page lists several things (e.g. "vpage" for a document's versions).
 */
export function Pagination({ page, pages, total, param = "page" }: { page: number; pages: number; total?: number; param?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set(param, String(target));
    return `${location.pathname}?${params}`;
  };
  const label = t("kit.page", { page, pages });
  return (
    <nav className="flex items-center justify-between gap-4 text-sm" aria-label={t("kit.pagination")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev" preventScrollReset className="text-brand-700 hover:underline">
          {t("kit.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-500">
        {label}
        {total !== undefined ? ` · ${t("kit.total", { count: total })}` : ""}
      </span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next" preventScrollReset className="text-brand-700 hover:underline">
          {t("kit.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
