import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the other query parameters. */
export function Pager({ page, pages, search, param = "page" }: { page: number; pages: number; search: string; param?: string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams(search);
    params.set(param, String(target));
    return `?${params.toString()}`;
  };
  const label = t("documents.list.page", { page, pages });
  return (
    <nav className="flex items-center justify-between text-sm" aria-label={label}>
      {page > 1 ? (
        <Link to={href(page - 1)} preventScrollReset className="text-brand-700 hover:underline">
          {t("documents.list.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-500">{label}</span>
      {page < pages ? (
        <Link to={href(page + 1)} preventScrollReset className="text-brand-700 hover:underline">
          {t("documents.list.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
