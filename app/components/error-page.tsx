import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The data of a 403 for a request that came from another site (see app/routes/request-refused.tsx). */
export const CROSS_ORIGIN = "cross-origin";

export function ErrorPage({ status, title, body, details }: { status: number; title: string; body: string; details?: string }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col items-center px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">{status}</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{title}</h1>
      <p className="mt-4 text-slate-600">{body}</p>
      <Link to="/" className="mt-8 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {t("errors.backHome")}
      </Link>
      {details ? (
        <details className="mt-8 w-full text-left">
          <summary className="cursor-pointer text-sm text-slate-500">{t("errors.details")}</summary>
          <pre className="mt-2 overflow-auto rounded bg-slate-900 p-4 text-xs text-slate-100">{details}</pre>
        </details>
      ) : null}
    </main>
  );
}
