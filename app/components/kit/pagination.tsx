import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the page's other query parameters (filters). */
export function Pagination({ page, pages, total }: { page: number; pages: number; total?: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  const label = t("kit.page", { page, pages });
  return (
    <nav className="flex items-center justify-between gap-4 text-sm" aria-label={t("kit.pagination")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev" className="text-brand-700 hover:underline">
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
        <Link to={hrefFor(page + 1)} rel="next" className="text-brand-700 hover:underline">
          {t("kit.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
