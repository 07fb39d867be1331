import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translateKey } from "~/i18n/keys.ts";
import type { SsoProblem } from "./callback.server.ts";

/** The page a campus sign-in that did not go through lands on: why, in the person's language, and the way back. */
export function SsoProblemPage({ problem }: { problem: SsoProblem }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold">{t("sso.problemHeading")}</h1>
        <p role="alert" className="mt-3 text-sm text-slate-700">
          {translateKey(t, problem.key, problem.params)}
        </p>
        <Link to="/login" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          {t("sso.backToLogin")}
        </Link>
      </div>
    </main>
  );
}
